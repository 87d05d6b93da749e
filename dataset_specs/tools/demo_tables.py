"""Row makers for the starter catalogue's DEMONSTRATION tables (used by make_demo_sources.py).

Every value is invented: seeded random numbers around plausible sizes, names built from common Vietnamese and
Thái/H'Mông name parts. Only the communes and wards (names and codes, codelists/communes.csv), the agencies
(codelists/agencies.csv) and a few well-known place names are real. Facts that are not from the code lists are
noted where they are used.

Each maker takes a seeded ``random.Random`` and the spec (its fields drive the generic filler) and returns
``(titles, rows, sums)`` like the makers in make_demo_sources.py: the title rows above the header (None for a blank
row), the data rows (field name -> value; a value may be Vietnamese-style text such as "1.245" or "15/03/2024"),
and the fields summed in a "Tổng cộng" row (empty: no total row).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent  # dataset_specs/
COMMUNES: list[dict[str, str]] = list(csv.DictReader((ROOT / "codelists" / "communes.csv").open(encoding="utf-8")))
AGENCIES: dict[str, str] = {
    row["slug"]: row["name"] for row in csv.DictReader((ROOT / "codelists" / "agencies.csv").open(encoding="utf-8"))
}
BY_SLUG = {c["slug"]: c for c in COMMUNES}
BY_SHORT = {c["short_name"]: c for c in COMMUNES}
WARDS = [c for c in COMMUNES if c["kind"] == "phuong"]

Row = dict[str, Any]
Hint = Callable[[random.Random, int, dict[str, str], Row], Any]
Result = tuple[list[str | None], list[Row], list[str]]

# The header lines of agencies that are not departments of the People's Committee.
PARENT_LINE = {
    "cong-an-tinh": "BỘ CÔNG AN",
    "bao-hiem-xa-hoi-tinh-son-la": "BẢO HIỂM XÃ HỘI VIỆT NAM",
    "thue-tinh-son-la": "CỤC THUẾ",
    "thong-ke-tinh-son-la": "CỤC THỐNG KÊ",
}


# ---------------------------------------------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------------------------------------------
def vn_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def vn_dec(x: float, places: int = 2) -> str:
    s = f"{x:,.{places}f}"
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".")


def vn_date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def months(first: tuple[int, int], count: int) -> list[str]:
    """["01/2025", "02/2025", ...]"""
    year, month = first
    out = []
    for _ in range(count):
        out.append(f"{month:02d}/{year}")
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return out


def kind_word(c: dict[str, str]) -> str:
    return "phường" if c["kind"] == "phuong" else "xã"


FAMILY = [
    "Lò",
    "Cầm",
    "Quàng",
    "Lường",
    "Tòng",
    "Vì",
    "Hà",
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Đinh",
    "Sùng",
    "Giàng",
    "Mùa",
    "Thào",
    "Vũ",
    "Đỗ",
    "Bùi",
    "Điêu",
    "Lù",
    "Mè",
    "Khoàng",
]
MIDDLE_M = ["Văn", "Văn", "Đức", "Minh", "A", "Mạnh", "Quang"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Thu", "Ngọc"]
GIVEN_M = [
    "Hùng",
    "Dũng",
    "Thắng",
    "Chiến",
    "Tuấn",
    "Hải",
    "Sơn",
    "Phong",
    "Dế",
    "Sinh",
    "Pó",
    "Chứ",
    "Khoa",
    "Tiến",
    "Quân",
    "Toàn",
    "Trung",
    "Bình",
    "Long",
    "Nam",
]
GIVEN_F = [
    "Hoa",
    "Lan",
    "Hương",
    "Mai",
    "Thủy",
    "Xuân",
    "Hằng",
    "Ngọc",
    "Phương",
    "Dung",
    "Ban",
    "Mỷ",
    "Pọm",
    "Vân",
    "Trang",
    "Yến",
    "Nhung",
    "Thảo",
]


def person(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"


BRAND = [
    "Hoa Ban",
    "Tây Bắc",
    "Sơn La",
    "Thảo Nguyên",
    "Cao Nguyên",
    "Mường Thanh",
    "Bình Minh",
    "Sông Đà",
    "Nậm La",
    "Phú Gia",
    "Minh Phát",
    "Hưng Thịnh",
    "An Khang",
    "Việt Tiến",
    "Tân Phát",
    "Thành Công",
    "Hoàng Long",
    "Đại Phát",
    "Trường Sơn",
    "Ngọc Sơn",
    "Hải Nam",
    "Mộc Lan",
    "Phiêng Khoài",
    "Tà Xùa",
    "Pha Đin",
    "Chiềng Sinh",
    "Đồng Tâm",
    "Hợp Thành",
    "Quang Minh",
    "Vạn Xuân",
]


def mobile(rng: random.Random) -> str:
    return (
        rng.choice(
            [
                "096",
                "097",
                "098",
                "086",
                "032",
                "033",
                "034",
                "035",
                "036",
                "037",
                "038",
                "039",
                "091",
                "094",
                "088",
                "081",
                "082",
                "083",
                "084",
                "085",
            ]
        )
        + f"{rng.randrange(10**7):07d}"
    )


def landline(rng: random.Random) -> str:
    return "0212" + str(rng.choice([3, 6])) + f"{rng.randrange(10**6):06d}"  # 0212: Sơn La area code


VILLAGE = [
    "Bản Mòng",
    "Bản Hìn",
    "Bản Cọ",
    "Bản Nà",
    "Bản Phiêng",
    "Bản Huổi",
    "Bản Pá",
    "Bản Co",
    "Bản Nong",
    "Bản Tông",
    "Bản Lướt",
    "Bản Púng",
    "Bản Xa",
    "Bản Hưng",
    "Bản Lọng",
    "Bản Pom",
    "Bản Mé",
    "Bản Kéo",
    "Bản Bó",
    "Bản Tà",
    "Bản Chiềng",
    "Bản Sẳng",
    "Bản Ngà",
    "Bản Lả",
    "Bản Cang",
]


def village(rng: random.Random) -> str:
    name = rng.choice(VILLAGE)
    return name + ("" if rng.random() < 0.6 else f" {rng.randint(1, 4)}")


def address(rng: random.Random, c: dict[str, str]) -> str:
    if c["kind"] == "phuong":
        return f"Tổ {rng.randint(1, 12)}, phường {c['short_name']}"
    return f"{village(rng)}, xã {c['short_name']}"


def agency_title_lines(owner: str) -> list[str]:
    if owner in BY_SLUG:
        return ["UBND TỈNH SƠN LA", f"UBND {BY_SLUG[owner]['name'].upper()}"]
    name = AGENCY_UPPER(owner)
    if name.endswith(" TỈNH"):  # "Công an tỉnh" is headed "CÔNG AN TỈNH SƠN LA" on its own documents
        name += " SƠN LA"
    return [PARENT_LINE.get(owner, "UBND TỈNH SƠN LA"), name]


def AGENCY_UPPER(owner: str) -> str:
    return AGENCIES[owner].upper()


def titles_of(spec: dict[str, Any], subtitle: str | None = None) -> list[str | None]:
    """Title rows as agencies write them: parent body, agency, table title in capitals, subtitle, blank row."""
    lines: list[str | None] = [*agency_title_lines(spec["metadata"]["owner_org"]), spec["metadata"]["title"].upper()]
    if subtitle:
        lines.append(subtitle)
    lines.append(None)
    return lines


def fill(rng: random.Random, spec: dict[str, Any], places: list[dict[str, str]], hints: dict[str, Hint]) -> list[Row]:
    """One row per entry of ``places`` (the commune of the row); fields filled by hint, commune or constraints.

    A hint may read other fields of its row (``row[...]``); a field whose hint needs a field not made yet is
    retried after the others, so hints need not follow the column order.
    """
    fields = spec["schema"]["fields"]
    rows = []
    for i, c in enumerate(places):
        row: Row = {}
        pending = list(fields)
        while pending:
            f = pending.pop(0)
            try:
                value = _value(rng, spec, f, hints, i, c, row)
                if f.get("type") == "integer" and isinstance(value, float):
                    value = round(value)  # round(x, -3) of a float stays a float
                row[f["name"]] = value
            except KeyError as missing:
                if missing.args[0] not in {g["name"] for g in pending}:
                    raise
                pending.append(f)
        rows.append({f["name"]: row[f["name"]] for f in fields})
    return rows


def _value(
    rng: random.Random,
    spec: dict[str, Any],
    f: dict[str, Any],
    hints: dict[str, Hint],
    i: int,
    c: dict[str, str],
    row: Row,
) -> Any:
    name, kind, cons = f["name"], f.get("type", "string"), f.get("constraints", {})
    if name in hints:
        return hints[name](rng, i, c, row)
    if name == "ma_xa":
        return c["code"]
    if name == "ten_xa":
        return c["name"]
    if "enum" in cons:
        return rng.choice(cons["enum"])
    if kind == "integer":
        lo = cons.get("minimum", 0)
        return rng.randint(lo, cons.get("maximum", lo + 500))
    if kind == "number":
        lo = cons.get("minimum", 0)
        return round(rng.uniform(lo, cons.get("maximum", lo + 100)), 2)
    if kind == "date":
        return rand_date(rng, dt.date(2019, 1, 1), dt.date(2026, 10, 31))
    raise ValueError(f"{spec['name']}: no value maker for string field {name}")


def quirks(spec: dict[str, Any], rows: list[Row], every: int = 3) -> list[Row]:
    """Type some cells as people do: every n-th number as Vietnamese text ("1.245", "99,92"), every second date
    as "dd/mm/yyyy" text. Years (``nam_*``) stay plain numbers: nobody writes "2.025"."""
    types = {f["name"]: f.get("type", "string") for f in spec["schema"]["fields"]}
    for i, row in enumerate(rows):
        for name, value in row.items():
            if value is None or isinstance(value, str):
                continue
            if types[name] == "integer" and i % every == 1 and value >= 1000 and not name.startswith("nam_"):
                row[name] = vn_int(value)
            elif types[name] == "number" and i % every == 1:
                row[name] = vn_dec(value)
            elif types[name] == "date" and i % 2:
                row[name] = vn_date(value)
    return rows


def enum_of(spec: dict[str, Any], name: str) -> list[str]:
    return next(f["constraints"]["enum"] for f in spec["schema"]["fields"] if f["name"] == name)


def pick(rng: random.Random, n: int, pool: list[dict[str, str]] | None = None) -> list[dict[str, str]]:
    """n communes, wards more often (more of everything is in towns)."""
    pool = pool or COMMUNES
    weights = [3 if c["kind"] == "phuong" else 1 for c in pool]
    return rng.choices(pool, weights=weights, k=n)


def seq(prefix: str, width: int, start: int = 1) -> Hint:
    return lambda rng, i, c, row: f"{prefix}{i + start:0{width}d}"


def const(value: Any) -> Hint:
    return lambda rng, i, c, row: value


def one_of(*values: Any) -> Hint:
    return lambda rng, i, c, row: rng.choice(values)


def unique_codes(rng: random.Random, prefix: str, digits: int, n: int) -> list[str]:
    return [f"{prefix}{x:0{digits}d}" for x in rng.sample(range(10 ** (digits - 1), 10**digits), n)]


def pct(part: float, whole: float) -> float:
    return round(100 * part / whole, 2) if whole else 0.0


# ---------------------------------------------------------------------------------------------------------------
# makers, one per dataset
# ---------------------------------------------------------------------------------------------------------------
def pharmacies(rng: random.Random, spec: dict[str, Any]) -> Result:
    places = pick(rng, 180)

    def name(rng: random.Random, i: int, c: dict[str, str], row: Row) -> str:
        if row["loai_hinh"] == "Tủ thuốc trạm y tế":
            return f"Tủ thuốc Trạm Y tế {kind_word(c)} {c['short_name']}"
        return f"{row['loai_hinh']} {rng.choice(BRAND)} {i + 1}"

    rows = fill(
        rng,
        spec,
        places,
        {
            "so_giay_chung_nhan": lambda rng, i, c, row: f"{120 + i * 7}/ĐKKDD-SL",
            "loai_hinh": lambda rng, i, c, row: rng.choices(
                ["Nhà thuốc", "Quầy thuốc", "Tủ thuốc trạm y tế"], [4, 5, 1]
            )[0],
            "ten_co_so": name,
            "nguoi_phu_trach": lambda rng, i, c, row: ("DS. " if row["loai_hinh"] == "Nhà thuốc" else "") + person(rng),
            "dia_chi": lambda rng, i, c, row: address(rng, c),
            "ngay_cap": lambda rng, i, c, row: rand_date(rng, dt.date(2019, 3, 1), dt.date(2026, 10, 25)),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def immunisation(rng: random.Random, spec: dict[str, Any]) -> Result:
    def kids(rng: random.Random, i: int, c: dict[str, str], row: Row) -> int:
        return rng.randint(180, 420) if c["kind"] == "phuong" else rng.randint(90, 380)

    def done(rng: random.Random, i: int, c: dict[str, str], row: Row) -> int:
        return round(row["so_tre_duoi_1_tuoi"] * rng.uniform(0.42, 0.6))  # half a year: about half done

    rows = fill(
        rng,
        spec,
        COMMUNES,
        {
            "so_tre_duoi_1_tuoi": kids,
            "so_tre_tiem_day_du": done,
            "ty_le_tiem_day_du": lambda rng, i, c, row: pct(row["so_tre_tiem_day_du"], row["so_tre_duoi_1_tuoi"]),
        },
    )
    return (
        titles_of(spec, "(Lũy kế đến hết quý II năm 2026)"),
        quirks(spec, rows),
        ["so_tre_duoi_1_tuoi", "so_tre_tiem_day_du"],
    )


def social_assistance(rng: random.Random, spec: dict[str, Any]) -> Result:
    def total(rng: random.Random, i: int, c: dict[str, str], row: Row) -> int:
        return (
            row["nguoi_cao_tuoi"] + row["nguoi_khuyet_tat"] + row["tre_em_hoan_canh_dac_biet"] + row["doi_tuong_khac"]
        )

    rows = fill(
        rng,
        spec,
        COMMUNES,
        {
            "nguoi_cao_tuoi": lambda rng, i, c, row: rng.randint(150, 900),
            "nguoi_khuyet_tat": lambda rng, i, c, row: rng.randint(60, 400),
            "tre_em_hoan_canh_dac_biet": lambda rng, i, c, row: rng.randint(3, 60),
            "doi_tuong_khac": lambda rng, i, c, row: rng.randint(0, 40),
            "tong_so_doi_tuong": total,
            "kinh_phi_thang": lambda rng, i, c, row: row["tong_so_doi_tuong"] * rng.choice([500, 540, 580]),
        },
    )
    sums = [
        "nguoi_cao_tuoi",
        "nguoi_khuyet_tat",
        "tre_em_hoan_canh_dac_biet",
        "doi_tuong_khac",
        "tong_so_doi_tuong",
        "kinh_phi_thang",
    ]
    return titles_of(spec, "(Đến ngày 30/9/2026)"), quirks(spec, rows), sums


PRIVATE_SCHOOL_NAMES = [
    "Hoa Mai",
    "Ánh Dương",
    "Sao Mai",
    "Bông Sen",
    "Họa Mi",
    "Thỏ Ngọc",
    "Sơn Ca",
    "Măng Non",
    "Hoa Hồng",
    "Búp Sen Xanh",
]


def kindergartens(rng: random.Random, spec: dict[str, Any]) -> Result:
    places = list(COMMUNES) + pick(rng, 85)
    names: set[str] = set()

    def name(rng: random.Random, i: int, c: dict[str, str], row: Row) -> str:
        if row["loai_hinh"] == "Công lập":
            olds = [] if c["merged_from"] == "giữ nguyên" else c["merged_from"].split(";")
            olds = [o.split(" ", 1)[1] for o in olds if "(" not in o] or [f"{kind_word(c)} {c['short_name']}"]
            base = f"Trường Mầm non {rng.choice(olds)}"
        else:
            prefix = "Trường Mầm non tư thục" if row["loai_hinh"] == "Tư thục" else "Nhóm trẻ"
            base = f"{prefix} {rng.choice(PRIVATE_SCHOOL_NAMES)}"
        n, out = 1, base
        while out in names:
            n += 1
            out = f"{base} số {n}"
        names.add(out)
        return out

    def kind(rng: random.Random, i: int, c: dict[str, str], row: Row) -> str:
        if i < len(COMMUNES):
            return "Công lập"
        return rng.choices(
            ["Công lập", "Tư thục", "Nhóm trẻ độc lập"], [4, 2, 1] if c["kind"] == "phuong" else [8, 1, 1]
        )[0]

    def groups(rng: random.Random, i: int, c: dict[str, str], row: Row) -> int:
        return rng.randint(6, 22) if row["loai_hinh"] == "Công lập" else rng.randint(1, 6)

    rows = fill(
        rng,
        spec,
        places,
        {
            "ma_truong": seq("MN", 4),
            "loai_hinh": kind,
            "ten_truong": name,
            "so_diem_truong": lambda rng, i, c, row: rng.randint(1, 9) if row["loai_hinh"] == "Công lập" else 1,
            "so_nhom_lop": groups,
            "so_tre": lambda rng, i, c, row: row["so_nhom_lop"] * rng.randint(18, 30),
            "so_giao_vien": lambda rng, i, c, row: round(row["so_nhom_lop"] * rng.uniform(1.6, 2.2)),
            "ban_tru": lambda rng, i, c, row: "Có" if rng.random() < 0.85 else "Không",
        },
    )
    return (
        titles_of(spec, "Năm học 2025-2026"),
        quirks(spec, rows),
        ["so_diem_truong", "so_nhom_lop", "so_tre", "so_giao_vien"],
    )


# Upper-secondary schools: the towns of the pre-2025 districts and a few well-known schools. Names follow the
# province's pattern; they are not checked one by one against the Department's list.
THPT = [
    ("THPT Chuyên Sơn La", "Chiềng Sinh"),
    ("THPT Tô Hiệu", "Tô Hiệu"),
    ("THPT Chiềng Sinh", "Chiềng Sinh"),
    ("Phổ thông Dân tộc nội trú tỉnh", "Chiềng Sinh"),
    ("THPT Nguyễn Du", "Chiềng Cơi"),
    ("THPT Thảo Nguyên", "Thảo Nguyên"),
    ("THPT Mộc Lỵ", "Mộc Châu"),
    ("THPT Chiềng Sơn", "Chiềng Sơn"),
    ("THPT Tân Lập", "Tân Yên"),
    ("THPT Mai Sơn", "Mai Sơn"),
    ("THPT Cò Nòi", "Mai Sơn"),
    ("THPT Chu Văn Thịnh", "Mai Sơn"),
    ("THPT Chiềng Mai", "Chiềng Mai"),
    ("THPT Thuận Châu", "Thuận Châu"),
    ("THPT Bình Thuận", "Bình Thuận"),
    ("THPT Tông Lệnh", "Thuận Châu"),
    ("THPT Co Mạ", "Co Mạ"),
    ("THPT Quỳnh Nhai", "Quỳnh Nhai"),
    ("THPT Mường Giôn", "Mường Giôn"),
    ("THPT Mường La", "Mường La"),
    ("THPT Mường Bú", "Mường Bú"),
    ("THPT Ít Ong", "Mường La"),
    ("THPT Bắc Yên", "Bắc Yên"),
    ("THPT Phù Yên", "Phù Yên"),
    ("THPT Gia Phù", "Gia Phù"),
    ("THPT Tân Lang", "Tân Phong"),
    ("THPT Yên Châu", "Yên Châu"),
    ("THPT Phiêng Khoài", "Phiêng Khoài"),
    ("THPT Sông Mã", "Sông Mã"),
    ("THPT Chiềng Khương", "Chiềng Khương"),
    ("THPT Mường Lầm", "Mường Lầm"),
    ("THPT Sốp Cộp", "Sốp Cộp"),
    ("THPT Vân Hồ", "Vân Hồ"),
    ("THPT Mộc Hạ", "Vân Hồ"),
    ("THPT Chiềng Sinh 2", "Chiềng Sinh"),
    ("THPT Tô Hiệu 2", "Chiềng An"),
    ("THPT Mường Chiên", "Mường Chiên"),
    ("THPT Chiềng La", "Chiềng La"),
    ("THPT Mường É", "Mường É"),
    ("THPT Nậm Ty", "Nậm Ty"),
    ("THPT Xím Vàng", "Xím Vàng"),
    ("THPT Tà Xùa", "Tà Xùa"),
    ("THPT Lóng Phiêng", "Lóng Phiêng"),
    ("THPT Chiềng Hặc", "Chiềng Hặc"),
    ("THPT Mường Bang", "Mường Bang"),
]


def exam_results(rng: random.Random, spec: dict[str, Any]) -> Result:
    places = [BY_SHORT[w] for _, w in THPT]
    codes = unique_codes(rng, "14", 6, len(THPT))

    def sat(rng: random.Random, i: int, c: dict[str, str], row: Row) -> int:
        return row["so_dang_ky"] - rng.randint(0, 4)

    def passed(rng: random.Random, i: int, c: dict[str, str], row: Row) -> int:
        return round(row["so_du_thi"] * rng.uniform(0.93, 1.0))

    rows = fill(
        rng,
        spec,
        places,
        {
            "ma_truong": lambda rng, i, c, row: codes[i],
            "ten_truong": lambda rng, i, c, row: f"Trường {THPT[i][0]}",
            "so_dang_ky": lambda rng, i, c, row: rng.randint(120, 520),
            "so_du_thi": sat,
            "so_tot_nghiep": passed,
            "ty_le_tot_nghiep": lambda rng, i, c, row: pct(row["so_tot_nghiep"], row["so_du_thi"]),
            "diem_trung_binh": lambda rng, i, c, row: round(rng.uniform(5.4, 7.6), 2),
        },
    )
    return titles_of(spec, "Kỳ thi năm 2026"), quirks(spec, rows), ["so_dang_ky", "so_du_thi", "so_tot_nghiep"]


# Well-known tourist places of the province (public knowledge); the rest are generated "điểm du lịch cộng đồng".
SITES = [
    ("Khu du lịch quốc gia Mộc Châu", "Khu du lịch quốc gia", "Nghỉ dưỡng", "Mộc Châu"),
    ("Đồi chè trái tim Mộc Châu", "Điểm du lịch", "Sinh thái", "Mộc Sơn"),
    ("Thác Dải Yếm", "Điểm du lịch", "Sinh thái", "Mộc Châu"),
    ("Rừng thông bản Áng", "Điểm du lịch", "Sinh thái", "Mộc Sơn"),
    ("Nhà tù Sơn La", "Điểm du lịch", "Văn hóa - lịch sử", "Tô Hiệu"),
    ("Đỉnh Tà Xùa", "Điểm du lịch", "Mạo hiểm", "Tà Xùa"),
    ("Sống lưng khủng long Tà Xùa", "Điểm du lịch", "Mạo hiểm", "Tà Xùa"),
    ("Lòng hồ thủy điện Quỳnh Nhai", "Khu du lịch cấp tỉnh", "Sinh thái", "Quỳnh Nhai"),
    ("Đèo Pha Đin", "Điểm du lịch", "Sinh thái", "Bình Thuận"),
    ("Bản Mòng", "Điểm du lịch cộng đồng", "Cộng đồng", "Chiềng Cơi"),
    ("Hang Dơi Mộc Châu", "Điểm du lịch", "Sinh thái", "Mộc Châu"),
    ("Ngũ động bản Ôn", "Điểm du lịch", "Sinh thái", "Vân Hồ"),
    ("Suối khoáng nóng bản Mòng", "Điểm du lịch", "Nghỉ dưỡng", "Chiềng Cơi"),
    ("Tháp Mường Và", "Điểm du lịch", "Văn hóa - lịch sử", "Sốp Cộp"),
]


def tourist_sites(rng: random.Random, spec: dict[str, Any]) -> Result:
    extra = pick(rng, 45)
    places = [BY_SHORT[s[3]] for s in SITES] + extra

    def name(rng: random.Random, i: int, c: dict[str, str], row: Row) -> str:
        return SITES[i][0] if i < len(SITES) else f"Điểm du lịch cộng đồng {village(rng)} ({c['short_name']})"

    rows = fill(
        rng,
        spec,
        places,
        {
            "ma_diem": seq("DL", 3),
            "ten_diem": name,
            "loai": lambda rng, i, c, row: SITES[i][1] if i < len(SITES) else "Điểm du lịch cộng đồng",
            "loai_hinh_du_lich": lambda rng, i, c, row: (
                SITES[i][2] if i < len(SITES) else rng.choice(["Cộng đồng", "Sinh thái"])
            ),
            "quyet_dinh_cong_nhan": lambda rng, i, c, row: f"{rng.randint(100, 3200)}/QĐ-UBND",
            "ngay_cong_nhan": lambda rng, i, c, row: rand_date(rng, dt.date(2016, 1, 1), dt.date(2026, 6, 30)),
            "vi_do": lambda rng, i, c, row: round(rng.uniform(20.7, 21.8), 5),
            "kinh_do": lambda rng, i, c, row: round(rng.uniform(103.4, 104.9), 5),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def relics(rng: random.Random, spec: dict[str, Any]) -> Result:
    known = [
        ("Di tích lịch sử Nhà tù Sơn La", "Lịch sử", "Quốc gia đặc biệt", "Tô Hiệu"),
        ("Tháp Mường Và", "Kiến trúc nghệ thuật", "Quốc gia", "Sốp Cộp"),
        ("Bia Quế Lâm Ngự Chế", "Lịch sử", "Quốc gia", "Tô Hiệu"),
        ("Hang Thẩm Tát Tòng", "Danh lam thắng cảnh", "Quốc gia", "Tô Hiệu"),
    ]
    kinds = ["Lịch sử", "Kiến trúc nghệ thuật", "Khảo cổ", "Danh lam thắng cảnh"]
    words = {
        "Lịch sử": ["Địa điểm chiến thắng", "Di tích đồn", "Hang ẩn náu", "Địa điểm lưu niệm"],
        "Kiến trúc nghệ thuật": ["Đền", "Chùa", "Tháp", "Nhà sàn cổ"],
        "Khảo cổ": ["Di chỉ khảo cổ", "Mái đá"],
        "Danh lam thắng cảnh": ["Hang", "Thác", "Động"],
    }
    places = [BY_SHORT[k[3]] for k in known] + pick(rng, 85)
    spec_rows: list[tuple[str, str, str]] = []
    for i, c in enumerate(places):
        if i < len(known):
            spec_rows.append(known[i][:3])
        else:
            kind = rng.choice(kinds)
            spec_rows.append(
                (
                    f"{rng.choice(words[kind])} {village(rng)} ({c['short_name']})",
                    kind,
                    rng.choices(["Quốc gia", "Cấp tỉnh"], [1, 5])[0],
                )
            )
    rows = fill(
        rng,
        spec,
        places,
        {
            "ma_di_tich": seq("DT", 3),
            "ten_di_tich": lambda rng, i, c, row: spec_rows[i][0],
            "loai_di_tich": lambda rng, i, c, row: spec_rows[i][1],
            "cap_xep_hang": lambda rng, i, c, row: spec_rows[i][2],
            "so_quyet_dinh": lambda rng, i, c, row: (
                f"{rng.randint(100, 2500)}/QĐ-BVHTTDL"
                if row["cap_xep_hang"] != "Cấp tỉnh"
                else f"{rng.randint(100, 3500)}/QĐ-UBND"
            ),
            "nam_xep_hang": lambda rng, i, c, row: rng.randint(1962, 2025),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def sport_facilities(rng: random.Random, spec: dict[str, Any]) -> Result:
    places = pick(rng, 80)
    size = {
        "Sân vận động": (2000, 12000, 8000, 25000),
        "Nhà thi đấu": (300, 3000, 1200, 4500),
        "Bể bơi": (50, 400, 300, 1500),
        "Sân thể thao": (100, 800, 800, 6000),
        "Nhà văn hóa - khu thể thao": (100, 500, 400, 3000),
    }

    def name(rng: random.Random, i: int, c: dict[str, str], row: Row) -> str:
        return f"{row['loai_cong_trinh']} {kind_word(c)} {c['short_name']}" + (f" {i}" if i % 4 == 3 else "")

    rows = fill(
        rng,
        spec,
        places,
        {
            "ma_cong_trinh": seq("TT", 3),
            "loai_cong_trinh": lambda rng, i, c, row: rng.choices(list(size), [1, 2, 1, 4, 5])[0],
            "ten_cong_trinh": name,
            "suc_chua": lambda rng, i, c, row: rng.randint(*size[row["loai_cong_trinh"]][:2]),
            "dien_tich_m2": lambda rng, i, c, row: rng.randint(*size[row["loai_cong_trinh"]][2:]),
            "nam_su_dung": lambda rng, i, c, row: rng.randint(1995, 2025),
            "tinh_trang": lambda rng, i, c, row: rng.choices(["Tốt", "Xuống cấp", "Đang cải tạo"], [6, 3, 1])[0],
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def libraries(rng: random.Random, spec: dict[str, Any]) -> Result:
    places = [BY_SHORT["Tô Hiệu"], *COMMUNES]

    def kind(rng: random.Random, i: int, c: dict[str, str], row: Row) -> str:
        return (
            "Thư viện tỉnh"
            if i == 0
            else rng.choices(["Thư viện cấp xã", "Tủ sách cơ sở", "Điểm đọc sách"], [3, 4, 1])[0]
        )

    def name(rng: random.Random, i: int, c: dict[str, str], row: Row) -> str:
        return (
            "Thư viện tỉnh Sơn La"
            if i == 0
            else f"{row['loai'].replace(' cấp xã', '')} {kind_word(c)} {c['short_name']}"
        )

    rows = fill(
        rng,
        spec,
        places,
        {
            "ma_thu_vien": seq("TV", 3),
            "loai": kind,
            "ten_thu_vien": name,
            "so_ban_sach": lambda rng, i, c, row: 265000 if i == 0 else rng.randint(400, 9000),
            "luot_ban_doc": lambda rng, i, c, row: 182000 if i == 0 else rng.randint(300, 12000),
            "thu_vien_so": lambda rng, i, c, row: "Có" if i == 0 or rng.random() < 0.2 else "Không",
        },
    )
    return titles_of(spec, "(Số liệu năm 2025)"), quirks(spec, rows), ["so_ban_sach", "luot_ban_doc"]


def tourists_monthly(rng: random.Random, spec: dict[str, Any]) -> Result:
    labels = months((2025, 1), 20)  # 01/2025 .. 08/2026: the data is up to 31/08/2026
    season = [1.5, 1.7, 1.1, 0.9, 0.8, 0.9, 1.0, 0.9, 1.0, 1.1, 1.2, 1.6]

    def total(rng: random.Random, i: int, c: dict[str, str], row: Row) -> int:
        month = int(labels[i][:2])
        return round(rng.uniform(300000, 380000) * season[month - 1] * (1.12 if i >= 12 else 1))

    rows = fill(
        rng,
        spec,
        [COMMUNES[0]] * len(labels),
        {
            "thang": lambda rng, i, c, row: labels[i],
            "tong_luot_khach": total,
            "khach_quoc_te": lambda rng, i, c, row: round(row["tong_luot_khach"] * rng.uniform(0.02, 0.05)),
            "khach_noi_dia": lambda rng, i, c, row: row["tong_luot_khach"] - row["khach_quoc_te"],
            "khach_luu_tru": lambda rng, i, c, row: round(row["tong_luot_khach"] * rng.uniform(0.35, 0.5)),
            "tong_thu": lambda rng, i, c, row: round(row["tong_luot_khach"] * rng.uniform(0.9, 1.3) / 1000) * 1,
        },
    )
    return (
        titles_of(spec),
        quirks(spec, rows),
        ["tong_luot_khach", "khach_quoc_te", "khach_noi_dia", "khach_luu_tru", "tong_thu"],
    )


SECTORS = [
    "Xây dựng công trình đường bộ",
    "Bán buôn nông, lâm sản nguyên liệu",
    "Trồng cây ăn quả",
    "Chế biến và bảo quản rau quả",
    "Vận tải hàng hóa bằng đường bộ",
    "Nhà hàng và dịch vụ ăn uống",
    "Dịch vụ lưu trú ngắn ngày",
    "Bán lẻ lương thực, thực phẩm",
    "Sản xuất chè",
    "Chăn nuôi bò sữa",
    "Hoạt động kiến trúc và tư vấn kỹ thuật",
    "Bán buôn vật liệu xây dựng",
    "Sản xuất điện",
    "Dịch vụ du lịch lữ hành",
    "Lắp đặt hệ thống điện",
    "Khai thác đá, cát, sỏi",
]


def company(rng: random.Random, kind: str) -> str:
    core = f"{rng.choice(BRAND)} {rng.choice(['Sơn La', 'Tây Bắc', 'Mộc Châu', 'Xanh', 'Phát', 'Việt'])}"
    if kind.startswith("Công ty TNHH"):
        return f"Công ty TNHH {core}"
    if kind == "Công ty cổ phần":
        return f"Công ty cổ phần {rng.choice(['Đầu tư', 'Xây dựng', 'Thương mại', 'Nông nghiệp', 'Du lịch'])} {core}"
    return f"Doanh nghiệp tư nhân {core}"


def enterprises(rng: random.Random, spec: dict[str, Any]) -> Result:
    n = 400
    codes = unique_codes(rng, "55", 8, n)
    used: set[str] = set()

    def name(rng: random.Random, i: int, c: dict[str, str], row: Row) -> str:
        out = company(rng, row["loai_hinh"])
        if out in used:
            out = f"{out} {rng.choice(['Group', 'Green', 'Tech', 'Invest', 'Agri', 'Food', 'Land'])} {i + 1}"
        used.add(out)
        return out

    rows = fill(
        rng,
        spec,
        pick(rng, n),
        {
            "ma_so_doanh_nghiep": lambda rng, i, c, row: codes[i],
            "loai_hinh": lambda rng, i, c, row: rng.choices(enum_of(spec, "loai_hinh"), [6, 2, 2, 1])[0],
            "ten_doanh_nghiep": name,
            "nganh_nghe_chinh": lambda rng, i, c, row: rng.choice(SECTORS),
            "von_dieu_le": lambda rng, i, c, row: rng.choice([500, 1000, 1500, 2000, 3000, 5000, 10000, 20000, 50000]),
            "ngay_cap": lambda rng, i, c, row: rand_date(rng, dt.date(2026, 1, 2), dt.date(2026, 10, 30)),
        },
    )
    rows.sort(key=lambda r: r["ngay_cap"])
    return titles_of(spec, "(Từ 01/01/2026 đến 31/10/2026)"), quirks(spec, rows), []


def cooperatives(rng: random.Random, spec: dict[str, Any]) -> Result:
    n = 250
    codes = unique_codes(rng, "55", 8, n)
    products = {
        "Nông nghiệp": ["chè", "cà phê", "xoài", "mận", "rau an toàn", "bò sữa", "dê", "cá lồng", "dược liệu"],
        "Công nghiệp - tiểu thủ công nghiệp": ["dệt thổ cẩm", "mây tre đan", "chế biến gỗ"],
        "Thương mại - dịch vụ": ["dịch vụ tổng hợp", "du lịch cộng đồng"],
        "Vận tải": ["vận tải"],
        "Xây dựng": ["xây dựng"],
    }
    rows = fill(
        rng,
        spec,
        pick(rng, n),
        {
            "ma_so_htx": lambda rng, i, c, row: codes[i],
            "linh_vuc": lambda rng, i, c, row: rng.choices(list(products), [10, 2, 3, 1, 1])[0],
            "ten_htx": lambda rng, i, c, row: (
                f"Hợp tác xã {rng.choice(products[row['linh_vuc']])} {rng.choice(BRAND)} {i + 1}"
            ),
            "so_thanh_vien": lambda rng, i, c, row: rng.randint(7, 120),
            "von_dieu_le": lambda rng, i, c, row: rng.choice([100, 200, 300, 500, 800, 1000, 2000, 5000]),
            "nam_thanh_lap": lambda rng, i, c, row: rng.randint(1997, 2026),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def public_investment(rng: random.Random, spec: dict[str, Any]) -> Result:
    n = 120
    codes = unique_codes(rng, "", 7, n)
    what = {
        "Giao thông": ["Cải tạo, nâng cấp đường", "Xây dựng cầu", "Đường giao thông liên xã"],
        "Thủy lợi": ["Sửa chữa, nâng cấp hồ chứa nước", "Kiên cố hóa kênh mương"],
        "Giáo dục": ["Xây dựng phòng học, nhà bán trú Trường", "Nhà lớp học Trường"],
        "Y tế": ["Cải tạo, nâng cấp Trạm Y tế", "Mua sắm trang thiết bị Trung tâm Y tế"],
        "Văn hóa": ["Nhà văn hóa", "Tu bổ, tôn tạo di tích"],
        "Hạ tầng đô thị": ["Hạ tầng kỹ thuật khu dân cư", "Kè chống sạt lở"],
        "Quốc phòng - an ninh": ["Trụ sở Công an", "Đường tuần tra biên giới"],
    }
    owners = [
        "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
        "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh",
        "Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp và phát triển nông thôn tỉnh",
    ]

    def total(rng: random.Random, i: int, c: dict[str, str], row: Row) -> int:
        lo, hi = {"Nhóm A": (2_300_000, 5_000_000), "Nhóm B": (120_000, 2_300_000), "Nhóm C": (3_000, 120_000)}[
            row["nhom_du_an"]
        ]
        return round(rng.randint(lo, hi), -2)

    rows = fill(
        rng,
        spec,
        pick(rng, n),
        {
            "ma_du_an": lambda rng, i, c, row: codes[i],
            "linh_vuc": lambda rng, i, c, row: rng.choice(list(what)),
            "ten_du_an": lambda rng, i, c, row: f"{rng.choice(what[row['linh_vuc']])} {kind_word(c)} {c['short_name']}",
            "chu_dau_tu": lambda rng, i, c, row: rng.choice([*owners, f"UBND {c['name']}"]),
            "nhom_du_an": lambda rng, i, c, row: rng.choices(["Nhóm A", "Nhóm B", "Nhóm C"], [1, 12, 40])[0],
            "tong_muc_dau_tu": total,
            "ke_hoach_von_nam": lambda rng, i, c, row: round(row["tong_muc_dau_tu"] * rng.uniform(0.15, 0.5)),
            "da_giai_ngan": lambda rng, i, c, row: round(row["ke_hoach_von_nam"] * rng.uniform(0.2, 0.95)),
            "ty_le_giai_ngan": lambda rng, i, c, row: pct(row["da_giai_ngan"], row["ke_hoach_von_nam"]),
        },
    )
    return (
        titles_of(spec, "(Đến ngày 30/9/2026)"),
        quirks(spec, rows),
        ["tong_muc_dau_tu", "ke_hoach_von_nam", "da_giai_ngan"],
    )


BUDGET = [
    ("THU", "Thu nội địa"),
    ("THU", "Thu từ doanh nghiệp nhà nước trung ương"),
    ("THU", "Thu từ doanh nghiệp nhà nước địa phương"),
    ("THU", "Thu từ khu vực ngoài quốc doanh"),
    ("THU", "Thuế thu nhập cá nhân"),
    ("THU", "Thuế bảo vệ môi trường"),
    ("THU", "Lệ phí trước bạ"),
    ("THU", "Thu tiền sử dụng đất"),
    ("THU", "Thu tiền thuê đất, thuê mặt nước"),
    ("THU", "Thu phí, lệ phí"),
    ("THU", "Thu cấp quyền khai thác khoáng sản"),
    ("THU", "Thu khác ngân sách"),
    ("THU", "Thu từ hoạt động xuất nhập khẩu"),
    ("THU", "Thu bổ sung từ ngân sách trung ương"),
    ("CHI", "Chi đầu tư phát triển"),
    ("CHI", "Chi thường xuyên"),
    ("CHI", "Chi sự nghiệp giáo dục, đào tạo"),
    ("CHI", "Chi sự nghiệp y tế, dân số"),
    ("CHI", "Chi sự nghiệp khoa học và công nghệ"),
    ("CHI", "Chi sự nghiệp văn hóa thông tin"),
    ("CHI", "Chi sự nghiệp phát thanh, truyền hình"),
    ("CHI", "Chi sự nghiệp thể dục thể thao"),
    ("CHI", "Chi sự nghiệp bảo vệ môi trường"),
    ("CHI", "Chi các hoạt động kinh tế"),
    ("CHI", "Chi quản lý hành chính"),
    ("CHI", "Chi bảo đảm xã hội"),
    ("CHI", "Chi trả nợ lãi vay"),
    ("CHI", "Dự phòng ngân sách"),
]


def budget(rng: random.Random, spec: dict[str, Any]) -> Result:
    counters = {"THU": 0, "CHI": 0}
    codes = []
    for kind, _ in BUDGET:
        counters[kind] += 1
        codes.append(f"{kind}{counters[kind]:02d}")
    rows = fill(
        rng,
        spec,
        [COMMUNES[0]] * len(BUDGET),
        {
            "ma_chi_tieu": lambda rng, i, c, row: codes[i],
            "noi_dung": lambda rng, i, c, row: BUDGET[i][1],
            "phan_loai": lambda rng, i, c, row: "Thu" if BUDGET[i][0] == "THU" else "Chi",
            "du_toan": lambda rng, i, c, row: round(rng.uniform(15_000, 2_400_000), -3),
            "uoc_thuc_hien": lambda rng, i, c, row: round(row["du_toan"] * rng.uniform(0.55, 0.95)),
            "ty_le_so_du_toan": lambda rng, i, c, row: pct(row["uoc_thuc_hien"], row["du_toan"]),
        },
    )
    return titles_of(spec, "(Đơn vị: triệu đồng)"), quirks(spec, rows), []


CROPS = {
    "Lúa": (4, 900, 40, 60),
    "Ngô": (50, 2500, 35, 55),
    "Sắn": (20, 900, 130, 180),
    "Chè": (5, 900, 70, 110),
    "Cà phê": (10, 2500, 15, 25),
    "Xoài": (10, 1200, 60, 110),
}


def crops(rng: random.Random, spec: dict[str, Any]) -> Result:
    places, names = [], []
    for c in COMMUNES:
        grown = [k for k in CROPS if rng.random() < (0.5 if c["kind"] == "phuong" else 0.7)] or ["Lúa"]
        for k in grown:
            places.append(c)
            names.append(k)

    def area(rng: random.Random, i: int, c: dict[str, str], row: Row) -> float:
        lo, hi, _, _ = CROPS[row["cay_trong"]]
        return round(rng.uniform(lo, hi / (3 if c["kind"] == "phuong" else 1)), 1)

    def yield_(rng: random.Random, i: int, c: dict[str, str], row: Row) -> float:
        _, _, lo, hi = CROPS[row["cay_trong"]]
        return round(rng.uniform(lo, hi), 1)

    rows = fill(
        rng,
        spec,
        places,
        {
            "cay_trong": lambda rng, i, c, row: names[i],
            "dien_tich_gieo_trong": area,
            "dien_tich_thu_hoach": lambda rng, i, c, row: round(row["dien_tich_gieo_trong"] * rng.uniform(0.8, 1.0), 1),
            "nang_suat": yield_,
            "san_luong": lambda rng, i, c, row: round(row["dien_tich_thu_hoach"] * row["nang_suat"] / 10, 1),
        },
    )
    return titles_of(spec, "(Năm 2025)"), quirks(spec, rows), []


def farm_prices(rng: random.Random, spec: dict[str, Any]) -> Result:
    items = [
        ("Xoài tượng da xanh", "kg", 12000),
        ("Mận hậu", "kg", 18000),
        ("Nhãn", "kg", 22000),
        ("Cà phê nhân", "kg", 115000),
        ("Chè búp tươi", "kg", 9000),
        ("Ngô hạt", "kg", 7000),
        ("Sắn lát khô", "kg", 6500),
        ("Bò hơi", "kg", 85000),
        ("Lợn hơi", "kg", 62000),
        ("Sữa bò tươi", "lít", 14500),
    ]
    areas = ["Mộc Châu", "Mai Sơn", "Yên Châu"]
    days = [dt.date(2026, 9, 25) + dt.timedelta(weeks=w) for w in range(9)]
    level = {(a, it[0]): it[2] * rng.uniform(0.93, 1.07) for a in areas for it in items}
    out = []
    for d in days:
        for a in areas:
            for name, unit, _ in items:
                level[(a, name)] *= rng.uniform(0.96, 1.04)
                price = int(round(level[(a, name)], -2))
                fmt = vn_int if rng.random() < 0.5 else str
                out.append(
                    dict(
                        ngay=vn_date(d),
                        khu_vuc=a,
                        mat_hang=name,
                        don_vi_tinh=unit,
                        gia=fmt(price),
                        ghi_chu="Giá thu mua tại vườn" if rng.random() < 0.2 else "",
                    )
                )
    titles: list[str | None] = [
        "UBND TỈNH SƠN LA",
        "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        "GIÁ MỘT SỐ NÔNG SẢN CHỦ LỰC TẠI CÁC ĐỊA BÀN TRONG TỈNH",
    ]
    return titles, out, []


STREETS = [
    "Đường Tô Hiệu",
    "Đường Chu Văn Thịnh",
    "Đường Trường Chinh",
    "Đường Lò Văn Giá",
    "Đường 3/2",
    "Đường Nguyễn Lương Bằng",
    "Đường Hoàng Quốc Việt",
    "Đường Lê Duẩn",
    "Đường Điện Biên",
    "Đường Chiềng Lề",
    "Đường Tô Ngọc Vân",
    "Đường Khau Cả",
    "Đường Trần Đăng Ninh",
]


def land_prices(rng: random.Random, spec: dict[str, Any]) -> Result:
    places = pick(rng, 300)
    counter: dict[str, int] = {}

    def code(rng: random.Random, i: int, c: dict[str, str], row: Row) -> str:
        counter[c["code"]] = counter.get(c["code"], 0) + 1
        return f"{c['code']}-{counter[c['code']]:03d}"

    def road(rng: random.Random, i: int, c: dict[str, str], row: Row) -> str:
        if c["kind"] == "phuong":
            return rng.choice(STREETS)
        return rng.choice(
            [
                "Quốc lộ 6",
                "Quốc lộ 4G",
                "Quốc lộ 37",
                "Quốc lộ 279",
                "Quốc lộ 43",
                "Đường tỉnh 108",
                "Đường tỉnh 110",
                "Đường liên xã",
                f"Khu trung tâm xã {c['short_name']}",
            ]
        )

    def price1(rng: random.Random, i: int, c: dict[str, str], row: Row) -> int:
        return round(rng.uniform(6000, 32000) if c["kind"] == "phuong" else rng.uniform(300, 6000), -2)

    rows = fill(
        rng,
        spec,
        places,
        {
            "ma_doan": code,
            "ten_duong": road,
            "doan_tu": lambda rng, i, c, row: (
                rng.choice(["Ngã ba", "Cầu", "Km"]) + f" {village(rng).removeprefix('Bản ')}"
            ),
            "doan_den": lambda rng, i, c, row: (
                rng.choice(["Hết đất", "Ngã tư", "Trường", "Cầu"]) + f" {village(rng).removeprefix('Bản ')}"
            ),
            "gia_vi_tri_1": price1,
            "gia_vi_tri_2": lambda rng, i, c, row: round(row["gia_vi_tri_1"] * 0.6, -1),
            "gia_vi_tri_3": lambda rng, i, c, row: round(row["gia_vi_tri_1"] * 0.4, -1),
        },
    )
    return titles_of(spec, "(Đơn vị: nghìn đồng/m²)"), quirks(spec, rows), []


def forest_cover(rng: random.Random, spec: dict[str, Any]) -> Result:
    def land(rng: random.Random, i: int, c: dict[str, str], row: Row) -> float:
        return round(rng.uniform(1500, 6000) if c["kind"] == "phuong" else rng.uniform(9000, 42000), 2)

    rows = fill(
        rng,
        spec,
        COMMUNES,
        {
            "dien_tich_tu_nhien": land,
            "rung_tu_nhien": lambda rng, i, c, row: round(row["dien_tich_tu_nhien"] * rng.uniform(0.15, 0.5), 2),
            "rung_trong": lambda rng, i, c, row: round(row["dien_tich_tu_nhien"] * rng.uniform(0.01, 0.1), 2),
            "tong_dien_tich_co_rung": lambda rng, i, c, row: round(row["rung_tu_nhien"] + row["rung_trong"], 2),
            "ty_le_che_phu": lambda rng, i, c, row: pct(row["tong_dien_tich_co_rung"], row["dien_tich_tu_nhien"]),
        },
    )
    return (
        titles_of(spec, "(Công bố hiện trạng rừng năm 2025)"),
        quirks(spec, rows),
        ["dien_tich_tu_nhien", "rung_tu_nhien", "rung_trong", "tong_dien_tich_co_rung"],
    )


def irrigation(rng: random.Random, spec: dict[str, Any]) -> Result:
    places = pick(rng, 200, [c for c in COMMUNES if c["kind"] == "xa"])
    managers = ["Công ty TNHH MTV Quản lý khai thác công trình thủy lợi Sơn La", "Tổ chức thủy lợi cơ sở", "UBND xã"]

    def name(rng: random.Random, i: int, c: dict[str, str], row: Row) -> str:
        word = {"Hồ chứa": "Hồ", "Đập dâng": "Đập", "Trạm bơm": "Trạm bơm", "Kênh mương": "Kênh"}[
            row["loai_cong_trinh"]
        ]
        return f"{word} {village(rng).removeprefix('Bản ')} ({c['short_name']})"

    rows = fill(
        rng,
        spec,
        places,
        {
            "ma_cong_trinh": seq("TL", 4),
            "loai_cong_trinh": lambda rng, i, c, row: rng.choices(
                ["Hồ chứa", "Đập dâng", "Trạm bơm", "Kênh mương"], [2, 5, 1, 4]
            )[0],
            "ten_cong_trinh": name,
            "don_vi_quan_ly": lambda rng, i, c, row: rng.choice(managers).replace("UBND xã", f"UBND {c['name']}"),
            "dien_tich_tuoi_thiet_ke": lambda rng, i, c, row: round(rng.uniform(5, 600), 1),
            "dien_tich_tuoi_thuc_te": lambda rng, i, c, row: round(
                row["dien_tich_tuoi_thiet_ke"] * rng.uniform(0.5, 1.0), 1
            ),
            "dung_tich": lambda rng, i, c, row: (
                round(rng.uniform(0.05, 6.5), 3) if row["loai_cong_trinh"] == "Hồ chứa" else None
            ),
            "nam_xay_dung": lambda rng, i, c, row: rng.randint(1975, 2024),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def water_supply(rng: random.Random, spec: dict[str, Any]) -> Result:
    places = pick(rng, 150, [c for c in COMMUNES if c["kind"] == "xa"])
    rows = fill(
        rng,
        spec,
        places,
        {
            "ma_cong_trinh": seq("CN", 4),
            "ten_cong_trinh": lambda rng, i, c, row: f"Cấp nước sinh hoạt {village(rng)}, xã {c['short_name']}",
            "cong_suat": lambda rng, i, c, row: rng.choice([15, 20, 30, 50, 80, 120, 200, 350]),
            "so_ho_huong_loi": lambda rng, i, c, row: row["cong_suat"] * rng.randint(2, 5),
            "tinh_trang": lambda rng, i, c, row: rng.choices(enum_of(spec, "tinh_trang"), [4, 3, 2, 1])[0],
            "don_vi_quan_ly": lambda rng, i, c, row: rng.choice(
                ["Cộng đồng quản lý", f"UBND {c['name']}", "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn"]
            ),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def mining(rng: random.Random, spec: dict[str, Any]) -> Result:
    places = pick(rng, 60, [c for c in COMMUNES if c["kind"] == "xa"])
    numbers = sorted(rng.sample(range(1, 2200), 60))
    rows = fill(
        rng,
        spec,
        places,
        {
            "so_giay_phep": lambda rng, i, c, row: f"{numbers[i]}/GP-UBND",
            "ngay_cap": lambda rng, i, c, row: rand_date(rng, dt.date(2012, 1, 1), dt.date(2026, 9, 10)),
            "to_chuc_duoc_cap": lambda rng, i, c, row: company(rng, "Công ty cổ phần"),
            "loai_khoang_san": lambda rng, i, c, row: rng.choices(enum_of(spec, "loai_khoang_san"), [8, 4, 3, 2, 1, 1])[
                0
            ],
            "dien_tich_ha": lambda rng, i, c, row: round(rng.uniform(0.5, 25), 2),
            "cong_suat": lambda rng, i, c, row: rng.choice([10000, 20000, 30000, 50000, 80000, 120000]),
            "thoi_han_nam": lambda rng, i, c, row: rng.randint(5, 30),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def env_permits(rng: random.Random, spec: dict[str, Any]) -> Result:
    places = pick(rng, 80)
    numbers = sorted(rng.sample(range(1, 900), 80))
    subjects = {
        "Chế biến nông sản": "Nhà máy chế biến",
        "Thủy điện": "Nhà máy thủy điện",
        "Khai thác khoáng sản": "Mỏ đá",
        "Chăn nuôi": "Trang trại chăn nuôi",
        "Y tế": "Trung tâm Y tế",
        "Xử lý chất thải": "Khu xử lý chất thải rắn",
        "Khác": "Cơ sở sản xuất",
    }
    rows = fill(
        rng,
        spec,
        places,
        {
            "so_giay_phep": lambda rng, i, c, row: f"{numbers[i]}/GPMT-UBND",
            "ngay_cap": lambda rng, i, c, row: rand_date(rng, dt.date(2022, 1, 1), dt.date(2026, 10, 3)),
            "loai_hinh": lambda rng, i, c, row: rng.choice(list(subjects)),
            "ten_du_an_co_so": lambda rng, i, c, row: (
                f"{subjects[row['loai_hinh']]} {rng.choice(BRAND)} {c['short_name']}"
            ),
            "chu_dau_tu": lambda rng, i, c, row: company(rng, rng.choice(["Công ty TNHH", "Công ty cổ phần"])),
            "thoi_han_nam": lambda rng, i, c, row: rng.choice([7, 10]),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def ocop(rng: random.Random, spec: dict[str, Any]) -> Result:
    goods = {
        "Thực phẩm": [
            "Xoài sấy dẻo",
            "Mận hậu",
            "Thịt trâu gác bếp",
            "Gạo nếp Tan",
            "Mật ong bạc hà",
            "Sữa chua",
            "Bánh sữa",
            "Cá suối sấy",
            "Măng khô",
            "Hạt mắc ca",
        ],
        "Đồ uống": ["Chè Shan tuyết", "Cà phê Arabica", "Rượu mận", "Trà túi lọc", "Nước cốt chanh leo"],
        "Thảo dược": ["Tam thất", "Cao dược liệu", "Trà giảo cổ lam"],
        "Thủ công mỹ nghệ": ["Thổ cẩm", "Khăn Piêu", "Mây tre đan"],
        "Dịch vụ du lịch cộng đồng": ["Du lịch cộng đồng bản"],
    }
    rows = fill(
        rng,
        spec,
        pick(rng, 150),
        {
            "ma_san_pham": seq("OCOP-SL-", 3),
            "nhom_san_pham": lambda rng, i, c, row: rng.choices(list(goods), [10, 5, 2, 2, 1])[0],
            "ten_san_pham": lambda rng, i, c, row: f"{rng.choice(goods[row['nhom_san_pham']])} {c['short_name']}",
            "chu_the": lambda rng, i, c, row: rng.choice(
                [f"Hợp tác xã {rng.choice(BRAND)}", company(rng, "Công ty TNHH"), f"Hộ kinh doanh {person(rng)}"]
            ),
            "hang_sao": lambda rng, i, c, row: rng.choices([3, 4, 5], [12, 5, 1])[0],
            "quyet_dinh": lambda rng, i, c, row: f"{rng.randint(100, 2800)}/QĐ-UBND",
            "ngay_het_han": lambda rng, i, c, row: rand_date(rng, dt.date(2026, 6, 1), dt.date(2029, 12, 31)),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


# Stations named after the pre-2025 district towns (Sơn La has surface weather stations at several of these
# places; the list and codes here are illustrative, not the hydro-meteorological service's network).
STATIONS = [
    "Sơn La",
    "Mộc Châu",
    "Yên Châu",
    "Cò Nòi",
    "Phù Yên",
    "Bắc Yên",
    "Sông Mã",
    "Quỳnh Nhai",
    "Thuận Châu",
    "Mường La",
    "Sốp Cộp",
    "Vân Hồ",
]
STATION_COMMUNE = [
    "Tô Hiệu",
    "Mộc Châu",
    "Yên Châu",
    "Mai Sơn",
    "Phù Yên",
    "Bắc Yên",
    "Sông Mã",
    "Quỳnh Nhai",
    "Thuận Châu",
    "Mường La",
    "Sốp Cộp",
    "Vân Hồ",
]


def rainfall(rng: random.Random, spec: dict[str, Any]) -> Result:
    labels = months((2025, 1), 22)
    rain = [15, 20, 45, 110, 190, 260, 300, 280, 160, 70, 30, 15]
    temp = [14.5, 16.5, 20, 23.5, 25.5, 26, 26, 25.5, 24.5, 22, 18.5, 15.5]
    places = [BY_SHORT[w] for w in STATION_COMMUNE for _ in labels]
    cold = {"Mộc Châu": -3.0, "Bắc Yên": -2.0, "Vân Hồ": -2.5}
    rows = fill(
        rng,
        spec,
        places,
        {
            "ma_tram": lambda rng, i, c, row: f"KT{i // len(labels) + 1:02d}",
            "ten_tram": lambda rng, i, c, row: f"Trạm {STATIONS[i // len(labels)]}",
            "thang": lambda rng, i, c, row: labels[i % len(labels)],
            "luong_mua_mm": lambda rng, i, c, row: round(rain[int(row["thang"][:2]) - 1] * rng.uniform(0.4, 1.7), 1),
            "so_ngay_mua": lambda rng, i, c, row: min(28, max(0, round(row["luong_mua_mm"] / rng.uniform(9, 16)))),
            "nhiet_do_tb": lambda rng, i, c, row: round(
                temp[int(row["thang"][:2]) - 1] + cold.get(STATIONS[i // len(labels)], 0) + rng.uniform(-1.2, 1.2), 1
            ),
            "do_am_tb": lambda rng, i, c, row: rng.randint(72, 88),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def poverty(rng: random.Random, spec: dict[str, Any]) -> Result:
    rows = fill(
        rng,
        spec,
        COMMUNES,
        {
            "tong_so_ho": lambda rng, i, c, row: (
                rng.randint(6500, 11000) if c["kind"] == "phuong" else rng.randint(1900, 6000)
            ),
            "so_ho_ngheo": lambda rng, i, c, row: round(
                row["tong_so_ho"] * (rng.uniform(0.005, 0.03) if c["kind"] == "phuong" else rng.uniform(0.05, 0.42))
            ),
            "ty_le_ho_ngheo": lambda rng, i, c, row: pct(row["so_ho_ngheo"], row["tong_so_ho"]),
            "so_ho_can_ngheo": lambda rng, i, c, row: round(row["tong_so_ho"] * rng.uniform(0.02, 0.12)),
            "ty_le_ho_can_ngheo": lambda rng, i, c, row: pct(row["so_ho_can_ngheo"], row["tong_so_ho"]),
        },
    )
    return (
        titles_of(spec, "(Kết quả rà soát năm 2025)"),
        quirks(spec, rows),
        ["tong_so_ho", "so_ho_ngheo", "so_ho_can_ngheo"],
    )


def markets(rng: random.Random, spec: dict[str, Any]) -> Result:
    rows = fill(
        rng,
        spec,
        pick(rng, 120),
        {
            "ma_cho": seq("CH", 3),
            "hang_cho": lambda rng, i, c, row: rng.choices(["Hạng I", "Hạng II", "Hạng III"], [1, 4, 20])[0],
            "tinh_chat": lambda rng, i, c, row: (
                "Hằng ngày" if c["kind"] == "phuong" or rng.random() < 0.4 else "Chợ phiên"
            ),
            "ten_cho": lambda rng, i, c, row: (
                (
                    f"Chợ {c['short_name']}"
                    if row["tinh_chat"] == "Hằng ngày"
                    else f"Chợ phiên {village(rng).removeprefix('Bản ')}"
                )
                + f" ({i + 1})"
            ),
            "so_diem_kinh_doanh": lambda rng, i, c, row: {
                "Hạng I": rng.randint(400, 900),
                "Hạng II": rng.randint(200, 400),
                "Hạng III": rng.randint(20, 200),
            }[row["hang_cho"]],
            "don_vi_quan_ly": lambda rng, i, c, row: rng.choice(
                [f"UBND {c['name']}", "Ban Quản lý chợ", company(rng, "Công ty TNHH")]
            ),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def bus_routes(rng: random.Random, spec: dict[str, Any]) -> Result:
    ends = [
        "Bến xe khách Sơn La",
        "Mộc Châu",
        "Mai Sơn",
        "Thuận Châu",
        "Quỳnh Nhai",
        "Mường La",
        "Bắc Yên",
        "Phù Yên",
        "Yên Châu",
        "Sông Mã",
        "Sốp Cộp",
        "Vân Hồ",
        "Cò Nòi",
        "Tà Xùa",
        "Chiềng Khương",
        "Mường Giôn",
    ]
    pairs = [("Bến xe khách Sơn La", e) for e in ends[1:]] + [
        ("Mộc Châu", "Vân Hồ"),
        ("Mộc Châu", "Phù Yên"),
        ("Mai Sơn", "Yên Châu"),
        ("Thuận Châu", "Quỳnh Nhai"),
        ("Sông Mã", "Sốp Cộp"),
        ("Phù Yên", "Bắc Yên"),
        ("Cò Nòi", "Mường La"),
        ("Bắc Yên", "Tà Xùa"),
    ]
    rows = fill(
        rng,
        spec,
        [COMMUNES[0]] * len(pairs),
        {
            "so_hieu_tuyen": lambda rng, i, c, row: f"{i + 1:02d}",
            "loai_tuyen": lambda rng, i, c, row: "Xe buýt" if i < 6 else "Cố định nội tỉnh",
            "ten_tuyen": lambda rng, i, c, row: f"{pairs[i][0]} - {pairs[i][1]}",
            "diem_dau": lambda rng, i, c, row: pairs[i][0],
            "diem_cuoi": lambda rng, i, c, row: pairs[i][1],
            "hanh_trinh": lambda rng, i, c, row: rng.choice(
                [
                    "Quốc lộ 6",
                    "Quốc lộ 6 - Quốc lộ 37",
                    "Quốc lộ 4G",
                    "Quốc lộ 279",
                    "Quốc lộ 6 - Quốc lộ 43",
                    "Đường tỉnh 112",
                ]
            ),
            "cu_ly_km": lambda rng, i, c, row: round(rng.uniform(25, 180), 1),
            "so_chuyen_ngay": lambda rng, i, c, row: (
                rng.randint(2, 30) if row["loai_tuyen"] == "Xe buýt" else rng.randint(2, 10)
            ),
            "gia_ve": lambda rng, i, c, row: round(row["cu_ly_km"] * rng.uniform(900, 1300), -3),
            "don_vi_khai_thac": lambda rng, i, c, row: rng.choice(
                [
                    "Hợp tác xã vận tải Sơn La",
                    "Công ty cổ phần xe khách Sơn La",
                    f"Hợp tác xã vận tải {rng.choice(BRAND)}",
                ]
            ),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def post_offices(rng: random.Random, spec: dict[str, Any]) -> Result:
    places = list(COMMUNES) + pick(rng, 35)
    codes = unique_codes(rng, "36", 4, len(places))  # 36xxxx: Sơn La's postcode range (Vietnam post codes)
    rows = fill(
        rng,
        spec,
        places,
        {
            "ma_diem": lambda rng, i, c, row: codes[i],
            "loai_diem": lambda rng, i, c, row: (
                "Bưu cục cấp 1"
                if i == 0
                else rng.choice(["Bưu cục cấp 2", "Bưu cục cấp 3"])
                if c["kind"] == "phuong"
                else rng.choice(["Bưu cục cấp 3", "Điểm Bưu điện - Văn hóa xã"])
            ),
            "ten_diem": lambda rng, i, c, row: (
                (
                    f"Điểm BĐ-VHX {c['short_name']}"
                    if row["loai_diem"].startswith("Điểm")
                    else f"Bưu cục {c['short_name']}"
                )
                + (f" {i}" if i >= len(COMMUNES) else "")
            ),
            "doanh_nghiep": lambda rng, i, c, row: rng.choices(
                ["Bưu điện tỉnh Sơn La", "Viettel Post Sơn La", "Giao hàng nhanh"], [6, 2, 1]
            )[0],
            "dia_chi": lambda rng, i, c, row: address(rng, c),
            "so_dien_thoai": lambda rng, i, c, row: landline(rng) if rng.random() < 0.7 else mobile(rng),
            "gio_mo_cua": lambda rng, i, c, row: rng.choice(
                ["7h00 - 17h00", "7h30 - 17h30", "7h00 - 11h30; 13h30 - 17h00"]
            ),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def telecom(rng: random.Random, spec: dict[str, Any]) -> Result:
    def villages(rng: random.Random, i: int, c: dict[str, str], row: Row) -> int:
        return rng.randint(20, 45) if c["kind"] == "phuong" else rng.randint(15, 70)

    rows = fill(
        rng,
        spec,
        COMMUNES,
        {
            "so_thon_ban": villages,
            "so_tram_4g": lambda rng, i, c, row: rng.randint(12, 45) if c["kind"] == "phuong" else rng.randint(3, 18),
            "so_tram_5g": lambda rng, i, c, row: (
                rng.randint(2, 15) if c["kind"] == "phuong" else rng.choice([0, 0, 0, 1, 2])
            ),
            "thon_co_song_di_dong": lambda rng, i, c, row: (
                row["so_thon_ban"] - (0 if c["kind"] == "phuong" else rng.randint(0, 4))
            ),
            "thon_co_cap_quang": lambda rng, i, c, row: (
                row["so_thon_ban"] - (0 if c["kind"] == "phuong" else rng.randint(0, 12))
            ),
            "ty_le_ho_bang_rong": lambda rng, i, c, row: round(
                rng.uniform(70, 96) if c["kind"] == "phuong" else rng.uniform(18, 70), 2
            ),
        },
    )
    return (
        titles_of(spec, "(Đến ngày 30/6/2026)"),
        quirks(spec, rows),
        ["so_thon_ban", "so_tram_4g", "so_tram_5g", "thon_co_song_di_dong", "thon_co_cap_quang"],
    )


def broadcast(rng: random.Random, spec: dict[str, Any]) -> Result:
    rows = fill(
        rng,
        spec,
        COMMUNES,
        {
            "phu_song_phat_thanh": lambda rng, i, c, row: (
                100.0 if c["kind"] == "phuong" else round(rng.uniform(88, 100), 2)
            ),
            "phu_song_truyen_hinh": lambda rng, i, c, row: (
                100.0 if c["kind"] == "phuong" else round(rng.uniform(92, 100), 2)
            ),
            "so_tram_phat_lai": lambda rng, i, c, row: rng.choice([0, 0, 1, 1, 2]),
            "so_cum_loa": lambda rng, i, c, row: rng.randint(8, 60),
            "loai_dai": lambda rng, i, c, row: rng.choices(["Có dây", "Không dây", "Ứng dụng CNTT - VT"], [1, 3, 4])[0],
        },
    )
    return titles_of(spec), quirks(spec, rows), ["so_tram_phat_lai", "so_cum_loa"]


def job_fairs(rng: random.Random, spec: dict[str, Any]) -> Result:
    dates = sorted(rand_date(rng, dt.date(2025, 1, 5), dt.date(2026, 9, 28)) for _ in range(40))
    places = pick(rng, 40)
    per_year: dict[int, int] = {}

    def code(rng: random.Random, i: int, c: dict[str, str], row: Row) -> str:
        per_year[dates[i].year] = per_year.get(dates[i].year, 0) + 1
        return f"GD{dates[i].year}-{per_year[dates[i].year]:02d}"

    def where(rng: random.Random, i: int, c: dict[str, str], row: Row) -> str:
        if row["hinh_thuc"] == "Trực tuyến":
            return "Sàn giao dịch việc làm trực tuyến"
        if row["hinh_thuc"] == "Định kỳ":
            return "Trung tâm Dịch vụ việc làm tỉnh"
        return f"Nhà văn hóa {kind_word(c)} {c['short_name']}"

    rows = fill(
        rng,
        spec,
        places,
        {
            "ngay_to_chuc": lambda rng, i, c, row: dates[i],
            "ma_phien": code,
            "hinh_thuc": lambda rng, i, c, row: rng.choices(["Định kỳ", "Lưu động", "Trực tuyến"], [3, 2, 1])[0],
            "dia_diem": where,
            "ma_xa": lambda rng, i, c, row: (
                BY_SHORT["Chiềng An"]["code"] if row["hinh_thuc"] != "Lưu động" else c["code"]
            ),
            "so_doanh_nghiep": lambda rng, i, c, row: rng.randint(5, 40),
            "so_vi_tri_tuyen": lambda rng, i, c, row: row["so_doanh_nghiep"] * rng.randint(20, 120),
            "so_nguoi_tham_gia": lambda rng, i, c, row: rng.randint(150, 1800),
            "so_nguoi_duoc_tuyen": lambda rng, i, c, row: round(row["so_nguoi_tham_gia"] * rng.uniform(0.05, 0.3)),
        },
    )
    return (
        titles_of(spec),
        quirks(spec, rows),
        ["so_doanh_nghiep", "so_vi_tri_tuyen", "so_nguoi_tham_gia", "so_nguoi_duoc_tuyen"],
    )


# (agency slug, fields of procedures it handles, typical procedure names)
PROCEDURES = {
    "so-tai-chinh": (
        "Thành lập và hoạt động doanh nghiệp",
        [
            "Đăng ký thành lập công ty TNHH một thành viên",
            "Đăng ký thay đổi người đại diện theo pháp luật",
            "Đăng ký thành lập công ty cổ phần",
            "Thông báo tạm ngừng kinh doanh",
            "Cấp đổi Giấy chứng nhận đăng ký doanh nghiệp",
        ],
    ),
    "so-y-te": (
        "Dược phẩm",
        [
            "Cấp Chứng chỉ hành nghề dược",
            "Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược",
            "Cấp giấy phép hoạt động đối với phòng khám",
            "Cấp lại chứng chỉ hành nghề khám bệnh, chữa bệnh",
        ],
    ),
    "so-giao-duc-va-dao-tao": (
        "Giáo dục và Đào tạo",
        [
            "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
            "Chỉnh sửa nội dung văn bằng, chứng chỉ",
            "Thành lập trường trung học phổ thông tư thục",
            "Công nhận trường đạt chuẩn quốc gia",
        ],
    ),
    "so-xay-dung": (
        "Hoạt động xây dựng",
        [
            "Cấp giấy phép xây dựng",
            "Cấp chứng chỉ hành nghề hoạt động xây dựng",
            "Cấp giấy phép lái xe",
            "Đổi giấy phép lái xe",
            "Cấp phù hiệu xe ô tô kinh doanh vận tải",
        ],
    ),
    "so-nong-nghiep-va-moi-truong": (
        "Đất đai",
        [
            "Đăng ký biến động quyền sử dụng đất",
            "Cấp giấy phép môi trường",
            "Cấp giấy phép khai thác nước mặt",
            "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
            "Cấp giấy phép khai thác khoáng sản",
        ],
    ),
    "so-tu-phap": (
        "Hộ tịch, lý lịch tư pháp",
        [
            "Cấp Phiếu lý lịch tư pháp",
            "Đăng ký khai sinh có yếu tố nước ngoài",
            "Đăng ký hoạt động văn phòng công chứng",
            "Cấp thẻ công chứng viên",
        ],
    ),
    "so-cong-thuong": (
        "Thương mại, xăng dầu",
        [
            "Cấp Giấy phép bán lẻ sản phẩm rượu",
            "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
            "Cấp Giấy phép kinh doanh bán lẻ sản phẩm thuốc lá",
            "Cấp giấy phép hoạt động điện lực",
        ],
    ),
    "so-noi-vu": (
        "Lao động, việc làm",
        [
            "Cấp giấy phép lao động cho người nước ngoài",
            "Giải quyết hưởng trợ cấp thất nghiệp",
            "Thành lập hội",
            "Thi tuyển công chức",
        ],
    ),
    "so-van-hoa-the-thao-va-du-lich": (
        "Du lịch",
        [
            "Công nhận hạng cơ sở lưu trú du lịch",
            "Cấp thẻ hướng dẫn viên du lịch",
            "Cấp giấy phép kinh doanh dịch vụ karaoke",
            "Cấp phép tổ chức biểu diễn nghệ thuật",
        ],
    ),
    "so-khoa-hoc-va-cong-nghe": (
        "Khoa học và công nghệ",
        [
            "Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ",
            "Cấp giấy phép bưu chính",
            "Cấp giấy phép hoạt động in",
        ],
    ),
    "so-dan-toc-va-ton-giao": ("Tôn giáo", ["Đăng ký hoạt động tín ngưỡng", "Thông báo tổ chức lễ hội tín ngưỡng"]),
}


def procedures(rng: random.Random, spec: dict[str, Any]) -> Result:
    plan = []
    for slug, (field, names) in PROCEDURES.items():
        for name in names:
            for variant in ["", " (cấp lại)", " (điều chỉnh)", " (gia hạn)", " trực tuyến", " (trường hợp bị mất)"]:
                plan.append((slug, field, name + variant))
    rng.shuffle(plan)
    plan = sorted(plan[:300], key=lambda p: (p[0], p[2]))
    codes = [f"{rng.choice([1, 2])}.{x:06d}" for x in rng.sample(range(100000, 999999), len(plan))]
    rows = fill(
        rng,
        spec,
        [COMMUNES[0]] * len(plan),
        {
            "ma_thu_tuc": lambda rng, i, c, row: codes[i],
            "ten_thu_tuc": lambda rng, i, c, row: plan[i][2],
            "linh_vuc": lambda rng, i, c, row: plan[i][1],
            "co_quan_giai_quyet": lambda rng, i, c, row: AGENCIES[plan[i][0]],
            "thoi_han_ngay": lambda rng, i, c, row: rng.choice([1, 3, 5, 7, 10, 15, 20, 30]),
            "muc_do_dvc": lambda rng, i, c, row: rng.choices(["Toàn trình", "Một phần", "Chưa cung cấp"], [5, 4, 1])[0],
            "phi_le_phi": lambda rng, i, c, row: rng.choice([0, 0, 0, 50000, 100000, 200000, 500000, 1000000]),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def procedure_results(rng: random.Random, spec: dict[str, Any]) -> Result:
    labels = months((2026, 1), 10)
    agencies = list(PROCEDURES)
    plan = [(m, a) for m in labels for a in agencies]
    rows = fill(
        rng,
        spec,
        [COMMUNES[0]] * len(plan),
        {
            "thang": lambda rng, i, c, row: plan[i][0],
            "co_quan": lambda rng, i, c, row: AGENCIES[plan[i][1]],
            "tiep_nhan_truc_tiep": lambda rng, i, c, row: rng.randint(5, 900),
            "tiep_nhan_truc_tuyen": lambda rng, i, c, row: rng.randint(20, 2600),
            "giai_quyet_dung_han": lambda rng, i, c, row: round(
                (row["tiep_nhan_truc_tiep"] + row["tiep_nhan_truc_tuyen"]) * rng.uniform(0.85, 0.99)
            ),
            "giai_quyet_qua_han": lambda rng, i, c, row: rng.choice([0, 0, 0, 0, 1, 2, 5]),
            "dang_giai_quyet": lambda rng, i, c, row: max(
                0,
                row["tiep_nhan_truc_tiep"]
                + row["tiep_nhan_truc_tuyen"]
                - row["giai_quyet_dung_han"]
                - row["giai_quyet_qua_han"],
            ),
            "ty_le_dung_han": lambda rng, i, c, row: pct(
                row["giai_quyet_dung_han"], row["giai_quyet_dung_han"] + row["giai_quyet_qua_han"]
            ),
        },
    )
    return (
        titles_of(spec, "(Từ tháng 01/2026 đến tháng 10/2026)"),
        quirks(spec, rows),
        ["tiep_nhan_truc_tiep", "tiep_nhan_truc_tuyen", "giai_quyet_dung_han", "giai_quyet_qua_han", "dang_giai_quyet"],
    )


def traffic_accidents(rng: random.Random, spec: dict[str, Any]) -> Result:
    labels = months((2025, 1), 19)  # to 07/2026: the data is up to 31/07/2026
    kinds = ["Quốc lộ", "Đường tỉnh", "Đường đô thị", "Đường xã, liên xã"]
    plan = [(m, k) for m in labels for k in kinds]
    base = {"Quốc lộ": 5, "Đường tỉnh": 2, "Đường đô thị": 2, "Đường xã, liên xã": 1}
    rows = fill(
        rng,
        spec,
        [COMMUNES[0]] * len(plan),
        {
            "thang": lambda rng, i, c, row: plan[i][0],
            "loai_duong": lambda rng, i, c, row: plan[i][1],
            "so_vu": lambda rng, i, c, row: max(0, base[plan[i][1]] + rng.randint(-2, 3)),
            "so_nguoi_chet": lambda rng, i, c, row: min(
                row["so_vu"] * 2, max(0, round(row["so_vu"] * rng.uniform(0.3, 0.9)))
            ),
            "so_nguoi_bi_thuong": lambda rng, i, c, row: round(row["so_vu"] * rng.uniform(0.5, 1.6)),
            "so_vu_va_cham": lambda rng, i, c, row: rng.randint(0, 12),
        },
    )
    return titles_of(spec), quirks(spec, rows), ["so_vu", "so_nguoi_chet", "so_nguoi_bi_thuong", "so_vu_va_cham"]


def villages_disadvantaged(rng: random.Random, spec: dict[str, Any]) -> Result:
    rural = [c for c in COMMUNES if c["kind"] == "xa"]
    places = sorted(pick(rng, 350, rural), key=lambda c: c["code"])
    counter: dict[str, int] = {}
    names: dict[str, set[str]] = {}

    def code(rng: random.Random, i: int, c: dict[str, str], row: Row) -> str:
        counter[c["code"]] = counter.get(c["code"], 0) + 1
        return f"{c['code']}-{counter[c['code']]:03d}"

    def name(rng: random.Random, i: int, c: dict[str, str], row: Row) -> str:
        taken = names.setdefault(c["code"], set())
        out = village(rng)
        while out in taken:
            out = f"{village(rng)} {rng.randint(5, 9)}"
        taken.add(out)
        return out

    rows = fill(
        rng,
        spec,
        places,
        {
            "ma_thon": code,
            "ten_thon": name,
            "khu_vuc_xa": lambda rng, i, c, row: rng.choices(["Khu vực I", "Khu vực II", "Khu vực III"], [1, 3, 6])[0],
            "so_ho": lambda rng, i, c, row: rng.randint(35, 180),
            "ty_le_ho_dtts": lambda rng, i, c, row: round(rng.uniform(85, 100), 2),
            "ty_le_ho_ngheo": lambda rng, i, c, row: round(rng.uniform(20, 75), 2),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def notaries(rng: random.Random, spec: dict[str, Any]) -> Result:
    towns = ["Mai Sơn", "Thuận Châu", "Yên Châu", "Phù Yên", "Sông Mã", "Quỳnh Nhai", "Bắc Yên", "Mường La"]
    places = [BY_SHORT["Tô Hiệu"], BY_SHORT["Chiềng An"], *pick(rng, 20, WARDS + [BY_SHORT[s] for s in towns])]
    rows = fill(
        rng,
        spec,
        places,
        {
            "ma_to_chuc": seq("CC", 2),
            "loai_hinh": lambda rng, i, c, row: "Phòng công chứng" if i < 2 else "Văn phòng công chứng",
            "ten_to_chuc": lambda rng, i, c, row: (
                f"Phòng Công chứng số {i + 1} tỉnh Sơn La" if i < 2 else f"Văn phòng công chứng {rng.choice(BRAND)} {i}"
            ),
            "truong_van_phong": lambda rng, i, c, row: person(rng),
            "dia_chi": lambda rng, i, c, row: address(rng, c),
            "so_dien_thoai": lambda rng, i, c, row: landline(rng),
            "so_cong_chung_vien": lambda rng, i, c, row: rng.randint(1, 5),
            "ngay_dang_ky": lambda rng, i, c, row: rand_date(rng, dt.date(2008, 1, 1), dt.date(2026, 8, 10)),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def taxpayers_closed(rng: random.Random, spec: dict[str, Any]) -> Result:
    codes = unique_codes(rng, "55", 8, 150)
    rows = fill(
        rng,
        spec,
        pick(rng, 150),
        {
            "ma_so_thue": lambda rng, i, c, row: codes[i],
            "ten_nguoi_nop_thue": lambda rng, i, c, row: company(
                rng, rng.choice(["Công ty TNHH", "Công ty cổ phần", "Doanh nghiệp tư nhân"])
            ),
            "trang_thai": lambda rng, i, c, row: rng.choices(enum_of(spec, "trang_thai"), [5, 2, 3])[0],
            "ngay_thay_doi": lambda rng, i, c, row: rand_date(rng, dt.date(2026, 1, 5), dt.date(2026, 9, 29)),
        },
    )
    rows.sort(key=lambda r: r["ngay_thay_doi"])
    return titles_of(spec, "(Từ 01/01/2026 đến 30/9/2026)"), quirks(spec, rows), []


def insurance(rng: random.Random, spec: dict[str, Any]) -> Result:
    def people(rng: random.Random, i: int, c: dict[str, str], row: Row) -> int:
        return rng.randint(25000, 42000) if c["kind"] == "phuong" else rng.randint(8000, 26000)

    pop: list[int] = []

    def compulsory(rng: random.Random, i: int, c: dict[str, str], row: Row) -> int:
        pop.append(people(rng, i, c, row))
        return round(pop[-1] * (rng.uniform(0.12, 0.25) if c["kind"] == "phuong" else rng.uniform(0.02, 0.06)))

    rows = fill(
        rng,
        spec,
        COMMUNES,
        {
            "bhxh_bat_buoc": compulsory,
            "bhxh_tu_nguyen": lambda rng, i, c, row: round(pop[i] * rng.uniform(0.01, 0.05)),
            "bh_that_nghiep": lambda rng, i, c, row: round(row["bhxh_bat_buoc"] * rng.uniform(0.7, 0.9)),
            "bhyt": lambda rng, i, c, row: round(pop[i] * rng.uniform(0.9, 0.99)),
            "ty_le_bao_phu_bhyt": lambda rng, i, c, row: pct(row["bhyt"], pop[i]),
        },
    )
    return (
        titles_of(spec, "(Đến ngày 30/9/2026)"),
        quirks(spec, rows),
        ["bhxh_bat_buoc", "bhxh_tu_nguyen", "bh_that_nghiep", "bhyt"],
    )


# The 11 CPI groups of Vietnam's consumer price index (General Statistics Office classification).
CPI_GROUPS = [
    "Hàng ăn và dịch vụ ăn uống",
    "Đồ uống và thuốc lá",
    "May mặc, mũ nón, giày dép",
    "Nhà ở, điện, nước, chất đốt và vật liệu xây dựng",
    "Thiết bị và đồ dùng gia đình",
    "Thuốc và dịch vụ y tế",
    "Giao thông",
    "Bưu chính, viễn thông",
    "Giáo dục",
    "Văn hóa, giải trí và du lịch",
    "Hàng hóa và dịch vụ khác",
]


def cpi(rng: random.Random, spec: dict[str, Any]) -> Result:
    labels = months((2025, 1), 22)
    groups = ["Chỉ số giá chung", *CPI_GROUPS]
    plan = [(m, g) for m in labels for g in range(len(groups))]
    level = {g: 100.0 for g in range(len(groups))}
    values: list[tuple[float, float]] = []
    for _m, g in plan:
        change = rng.uniform(-0.6, 0.9)
        level[g] *= 1 + change / 100
        values.append((round(level[g], 2), round(100 + change, 2)))
    rows = fill(
        rng,
        spec,
        [COMMUNES[0]] * len(plan),
        {
            "thang": lambda rng, i, c, row: plan[i][0],
            "ma_nhom": lambda rng, i, c, row: f"{plan[i][1]:02d}",
            "nhom_hang": lambda rng, i, c, row: groups[plan[i][1]],
            "so_ky_goc": lambda rng, i, c, row: values[i][0] + 2.5,
            "so_cung_ky": lambda rng, i, c, row: round(rng.uniform(100.8, 104.5), 2),
            "so_thang_truoc": lambda rng, i, c, row: values[i][1],
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def industrial_projects(rng: random.Random, spec: dict[str, Any]) -> Result:
    codes = unique_codes(rng, "", 10, 30)
    trades = [
        "Chế biến rau quả xuất khẩu",
        "Sản xuất thức ăn chăn nuôi",
        "Chế biến sữa",
        "Sản xuất vật liệu xây dựng",
        "Chế biến tinh bột sắn",
        "Sản xuất bao bì",
        "May mặc",
        "Chế biến chè",
        "Chế biến gỗ",
        "Kho lạnh nông sản",
    ]
    chosen = [rng.choice(trades) for _ in codes]
    rows = fill(
        rng,
        spec,
        [COMMUNES[0]] * 30,
        {
            "ma_du_an": lambda rng, i, c, row: codes[i],
            "nganh_nghe": lambda rng, i, c, row: chosen[i],
            "ten_du_an": lambda rng, i, c, row: f"Nhà máy {chosen[i].lower()} {rng.choice(BRAND)}",
            "nha_dau_tu": lambda rng, i, c, row: company(rng, rng.choice(["Công ty TNHH", "Công ty cổ phần"])),
            "quoc_gia": lambda rng, i, c, row: rng.choices(
                ["Việt Nam", "Nhật Bản", "Hàn Quốc", "Thái Lan", "Singapore"], [12, 2, 2, 1, 1]
            )[0],
            "dien_tich_ha": lambda rng, i, c, row: round(rng.uniform(0.8, 18), 2),
            "von_dang_ky": lambda rng, i, c, row: round(rng.uniform(20, 1500), 1),
            "so_lao_dong": lambda rng, i, c, row: rng.randint(20, 900),
            "tinh_trang": lambda rng, i, c, row: rng.choices(
                ["Đang hoạt động", "Đang xây dựng", "Chưa triển khai"], [6, 3, 1]
            )[0],
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def chieng_an_groups(rng: random.Random, spec: dict[str, Any]) -> Result:
    names = [f"Tổ dân phố {n}" for n in range(1, 17)] + [
        "Bản Lay",
        "Bản Hài",
        "Bản Bó",
        "Bản Cang",
        "Bản Pá",
        "Bản Tông",
        "Bản Hẹo",
        "Bản Dửn",
        "Bản Giảng Lắc",
        "Bản Hôm",
        "Bản Nậu",
        "Bản Lọng",
    ]
    rows = fill(
        rng,
        spec,
        [BY_SLUG["phuong-chieng-an"]] * len(names),
        {
            "ma_to": seq("CA", 2),
            "ten_to": lambda rng, i, c, row: names[i],
            "loai": lambda rng, i, c, row: "Tổ dân phố" if names[i].startswith("Tổ") else "Bản",
            "so_ho": lambda rng, i, c, row: rng.randint(90, 320),
            "so_nhan_khau": lambda rng, i, c, row: round(row["so_ho"] * rng.uniform(3.6, 4.6)),
            "nguoi_dung_dau": lambda rng, i, c, row: person(rng),
            "so_dien_thoai": lambda rng, i, c, row: mobile(rng),
        },
    )
    return titles_of(spec), quirks(spec, rows), ["so_ho", "so_nhan_khau"]


def ta_xua_homestays(rng: random.Random, spec: dict[str, Any]) -> Result:
    bans = ["Bản Tà Xùa", "Bản Háng Đồ", "Bản Bẹ", "Bản Mống Vàng", "Bản Trò A", "Bản Trò B", "Bản Làng Sáng"]
    words = ["Săn Mây", "Mây Trắng", "Sống Lưng Khủng Long", "Đỉnh Gió", "Hoa Đào", "Chè Shan", "Nhà Mông", "Sương Sớm"]
    used: set[str] = set()

    def name(rng: random.Random, i: int, c: dict[str, str], row: Row) -> str:
        out = f"Homestay {rng.choice(words)}"
        if out in used:
            out = f"{out} {i + 1}"
        used.add(out)
        return out

    rows = fill(
        rng,
        spec,
        [BY_SLUG["xa-ta-xua"]] * 35,
        {
            "ma_co_so": seq("TX", 3),
            "ten_co_so": name,
            "ban": lambda rng, i, c, row: rng.choice(bans),
            "chu_co_so": lambda rng, i, c, row: (
                f"{rng.choice(['Giàng', 'Sùng', 'Mùa', 'Thào', 'Vàng'])} {rng.choice(['A', 'Thị'])} "
                f"{rng.choice(['Dế', 'Chứ', 'Lử', 'Pó', 'Mỷ', 'Dua', 'Sênh', 'Tủa'])}"
            ),
            "so_phong": lambda rng, i, c, row: rng.randint(1, 8),
            "suc_chua": lambda rng, i, c, row: row["so_phong"] * rng.randint(2, 5) + rng.choice([0, 10, 20]),
            "dich_vu": lambda rng, i, c, row: rng.choice(
                [
                    "Lưu trú, ăn uống",
                    "Lưu trú, ăn uống, dẫn đường săn mây",
                    "Lưu trú, trải nghiệm hái chè",
                    "Lưu trú, cắm trại",
                ]
            ),
            "so_dien_thoai": lambda rng, i, c, row: mobile(rng),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


def moc_chau_files(rng: random.Random, spec: dict[str, Any]) -> Result:
    labels = months((2026, 1), 10)
    fields = enum_of(spec, "linh_vuc")
    plan = [(m, f) for m in labels for f in fields]
    size = {
        "Hộ tịch": 120,
        "Chứng thực": 450,
        "Đất đai": 60,
        "Bảo trợ xã hội": 25,
        "Kinh doanh hộ cá thể": 30,
        "Xây dựng": 15,
    }
    rows = fill(
        rng,
        spec,
        [BY_SLUG["phuong-moc-chau"]] * len(plan),
        {
            "thang": lambda rng, i, c, row: plan[i][0],
            "linh_vuc": lambda rng, i, c, row: plan[i][1],
            "tiep_nhan": lambda rng, i, c, row: round(size[plan[i][1]] * rng.uniform(0.6, 1.4)),
            "truc_tuyen": lambda rng, i, c, row: round(row["tiep_nhan"] * rng.uniform(0.3, 0.8)),
            "dung_han": lambda rng, i, c, row: max(0, row["tiep_nhan"] - rng.choice([0, 0, 0, 1, 2])),
            "qua_han": lambda rng, i, c, row: row["tiep_nhan"] - row["dung_han"],
        },
    )
    return titles_of(spec), quirks(spec, rows), ["tiep_nhan", "truc_tuyen", "dung_han", "qua_han"]


# Stations of the illustrative network (not the province's real list of automatic stations).
AIR_STATIONS = [
    ("KK01", "Trạm Tô Hiệu", "Tô Hiệu"),
    ("KK02", "Trạm Chiềng Sinh", "Chiềng Sinh"),
    ("KK03", "Trạm Mộc Châu", "Mộc Châu"),
]
AQI_LEVELS = [(50, "Tốt"), (100, "Trung bình"), (150, "Kém"), (200, "Xấu"), (300, "Rất xấu"), (500, "Nguy hại")]


def air_quality(rng: random.Random, spec: dict[str, Any]) -> Result:
    days = [dt.date(2026, 11, 22) - dt.timedelta(days=d) for d in range(59, -1, -1)]
    plan = [(d, s) for d in days for s in AIR_STATIONS]

    def aqi(rng: random.Random, i: int, c: dict[str, str], row: Row) -> int:
        return min(500, round(row["pm25"] * rng.uniform(1.6, 2.2)))

    rows = fill(
        rng,
        spec,
        [BY_SHORT[s[2]] for _, s in plan],
        {
            "ngay": lambda rng, i, c, row: plan[i][0],
            "ma_tram": lambda rng, i, c, row: plan[i][1][0],
            "ten_tram": lambda rng, i, c, row: plan[i][1][1],
            "pm25": lambda rng, i, c, row: round(rng.uniform(8, 70), 1),
            "pm10": lambda rng, i, c, row: round(row["pm25"] * rng.uniform(1.3, 1.9), 1),
            "vn_aqi": aqi,
            "muc_danh_gia": lambda rng, i, c, row: next(label for top, label in AQI_LEVELS if row["vn_aqi"] <= top),
        },
    )
    return titles_of(spec), quirks(spec, rows), []


MAKERS: dict[str, Callable[[random.Random, dict[str, Any]], Result]] = {
    "nha-thuoc-quay-thuoc": pharmacies,
    "ty-le-tiem-chung-theo-xa": immunisation,
    "doi-tuong-bao-tro-xa-hoi-theo-xa": social_assistance,
    "truong-mam-non": kindergartens,
    "ket-qua-thi-tot-nghiep-thpt": exam_results,
    "diem-du-lich": tourist_sites,
    "di-tich-lich-su-van-hoa": relics,
    "thiet-che-van-hoa-the-thao": sport_facilities,
    "thu-vien-cong-cong": libraries,
    "luot-khach-du-lich-theo-thang": tourists_monthly,
    "doanh-nghiep-dang-ky-thanh-lap-moi": enterprises,
    "hop-tac-xa": cooperatives,
    "du-an-dau-tu-cong": public_investment,
    "thu-chi-ngan-sach-dia-phuong": budget,
    "san-luong-cay-trong-theo-xa": crops,
    "gia-nong-san-hang-tuan": farm_prices,
    "bang-gia-dat-o": land_prices,
    "do-che-phu-rung-theo-xa": forest_cover,
    "cong-trinh-thuy-loi": irrigation,
    "cong-trinh-cap-nuoc-nong-thon": water_supply,
    "giay-phep-khai-thac-khoang-san": mining,
    "giay-phep-moi-truong": env_permits,
    "san-pham-ocop": ocop,
    "luong-mua-tram-khi-tuong": rainfall,
    "ho-ngheo-ho-can-ngheo-theo-xa": poverty,
    "cho-tren-dia-ban-tinh": markets,
    "tuyen-xe-buyt": bus_routes,
    "diem-phuc-vu-buu-chinh": post_offices,
    "ha-tang-vien-thong-theo-xa": telecom,
    "phu-song-phat-thanh-truyen-hinh": broadcast,
    "phien-giao-dich-viec-lam": job_fairs,
    "danh-muc-thu-tuc-hanh-chinh": procedures,
    "ket-qua-giai-quyet-thu-tuc-hanh-chinh": procedure_results,
    "tai-nan-giao-thong-theo-thang": traffic_accidents,
    "thon-ban-dac-biet-kho-khan": villages_disadvantaged,
    "to-chuc-hanh-nghe-cong-chung": notaries,
    "nguoi-nop-thue-ngung-hoat-dong": taxpayers_closed,
    "tham-gia-bao-hiem-xa-hoi-y-te-theo-xa": insurance,
    "chi-so-gia-tieu-dung": cpi,
    "du-an-trong-khu-cong-nghiep": industrial_projects,
    "to-dan-pho-phuong-chieng-an": chieng_an_groups,
    "homestay-du-lich-cong-dong-xa-ta-xua": ta_xua_homestays,
    "ho-so-tthc-cap-xa-phuong-moc-chau": moc_chau_files,
    "chat-luong-khong-khi-hang-ngay": air_quality,
}
