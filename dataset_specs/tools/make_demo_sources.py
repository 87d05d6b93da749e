#!/usr/bin/env python3
"""Write the DEMONSTRATION source spreadsheets in dataset_specs/sources/ from the specs in dataset_specs/datasets/.

    python dataset_specs/tools/make_demo_sources.py        # needs openpyxl and pyyaml

All values are invented (seeded random numbers around plausible sizes); only the names and codes of the communes
and wards are real (codelists/communes.csv). The header of every file is the list of column titles of its spec
(field titles, or a field's `source.columns` title), written from the spec's `source.header_row`, so spec and file
cannot drift apart. The files imitate what agencies
really send: title rows ("UBND TỈNH SƠN LA", the agency, the table title, a blank row) above the header, a
"Tổng cộng" row under numeric tables, some numbers written Vietnamese-style as text ("1.245", "148,52"), some dates
as "15/03/2024" text, codes and phone numbers as text with their leading zeros; the CSV is what Excel's
"CSV UTF-8" export gives on a Vietnamese Windows: BOM, ";" delimiter, title rows padded with ";".

Two-row merged headers come from the spec too: a column whose title in the file (its `source.columns` key, else the
field title) reads "Parent - Child" is written as the child title under a parent title merged across the
neighbouring columns of the same parent (the publisher joins them back the same way); the columns without a parent
span both rows, vertically merged unless the table is in UNMERGED_TITLES.

Re-running gives byte-identical files: fixed seeds, and the xlsx zip timestamps and document dates are pinned.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import unicodedata
from pathlib import Path

import openpyxl
import yaml
from demo_tables import MAKERS as TABLE_MAKERS  # the starter catalogue's other tables (same folder)
from demo_tables import rand_date, vn_date, vn_dec, vn_int  # Vietnamese-style cell text, shared
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from pinned_xlsx import FIXED_TIME, pin_zip  # same folder, shared with benchmarks/generate_catalogue.py

ROOT = Path(__file__).resolve().parent.parent          # dataset_specs/
SPECS = ROOT / "datasets"
SOURCES = ROOT / "sources"
SEED = 20260421                                         # date of Quyết định 978/QĐ-UBND

COMMUNES = list(csv.DictReader((ROOT / "codelists" / "communes.csv").open(encoding="utf-8")))
BY_SHORT = {c["short_name"]: c for c in COMMUNES}


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def commune(short: str) -> dict:
    return BY_SHORT[nfc(short)]


def kind_word(c: dict) -> str:
    """"xã" / "phường" as used inside an address or a facility name."""
    return "phường" if c["kind"] == "phuong" else "xã"


def landline(rng: random.Random) -> str:
    return "0212" + str(rng.choice([3, 6])) + f"{rng.randrange(10**6):06d}"   # 0212: Sơn La area code


MOBILE_PREFIXES = ["096", "097", "098", "086", "032", "033", "034", "035", "036", "037", "038", "039",
                   "091", "094", "088", "081", "082", "083", "084", "085", "070", "076", "077", "078", "079"]


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}"


def address(rng: random.Random, c: dict) -> str:
    if c["kind"] == "phuong":
        return f"Tổ {rng.randint(1, 12)}, {kind_word(c)} {c['short_name']}"
    return f"Bản {rng.choice(['Trung tâm', 'Mới', 'Phiêng', 'Nà', 'Huổi'])}" \
        + ("" if rng.random() < 0.5 else f" {rng.randint(1, 3)}") + f", xã {c['short_name']}"


# --------------------------------------------------------------------------------------------------------------
# 1. Sở Y tế — health facilities
# --------------------------------------------------------------------------------------------------------------
def health(rng: random.Random):
    hospitals = [
        # name, type, ownership, commune short name, beds
        ("Bệnh viện Đa khoa tỉnh Sơn La", "Bệnh viện đa khoa", "Công lập", "Chiềng Sinh", 900),
        ("Bệnh viện Phổi tỉnh Sơn La", "Bệnh viện chuyên khoa", "Công lập", "Chiềng Cơi", 150),
        ("Bệnh viện Nội tiết tỉnh Sơn La", "Bệnh viện chuyên khoa", "Công lập", "Tô Hiệu", 100),
        ("Bệnh viện Phong và Da liễu tỉnh Sơn La", "Bệnh viện chuyên khoa", "Công lập", "Chiềng An", 80),
        ("Bệnh viện Y dược cổ truyền tỉnh Sơn La", "Bệnh viện chuyên khoa", "Công lập", "Tô Hiệu", 200),
        ("Bệnh viện Mắt tỉnh Sơn La", "Bệnh viện chuyên khoa", "Công lập", "Chiềng Sinh", 60),
        ("Bệnh viện Tâm thần tỉnh Sơn La", "Bệnh viện chuyên khoa", "Công lập", "Chiềng Cơi", 120),
        ("Bệnh viện Phục hồi chức năng tỉnh Sơn La", "Bệnh viện chuyên khoa", "Công lập", "Chiềng An", 100),
        ("Bệnh viện Đa khoa Cuộc sống", "Bệnh viện đa khoa", "Tư nhân", "Chiềng Sinh", 150),
    ] + [
        (f"Bệnh viện Đa khoa khu vực {place}", "Bệnh viện đa khoa", "Công lập", where, beds)
        for place, where, beds in [
            ("Mộc Châu", "Mộc Châu", 350), ("Mai Sơn", "Mai Sơn", 300), ("Thuận Châu", "Thuận Châu", 280),
            ("Sông Mã", "Sông Mã", 250), ("Phù Yên", "Phù Yên", 250), ("Yên Châu", "Yên Châu", 200),
            ("Mường La", "Mường La", 180), ("Quỳnh Nhai", "Quỳnh Nhai", 150), ("Bắc Yên", "Bắc Yên", 150),
            ("Vân Hồ", "Vân Hồ", 130), ("Sốp Cộp", "Sốp Cộp", 120),
        ]
    ] + [
        (f"Phòng khám đa khoa {n}", "Phòng khám đa khoa", "Tư nhân", where, rng.randint(5, 15))
        for n, where in [("Tâm An", "Tô Hiệu"), ("Bình Minh", "Chiềng An"),
                         ("Thảo Nguyên", "Thảo Nguyên"), ("Hoa Ban", "Mai Sơn")]
    ]
    stations = ["Tô Hiệu", "Chiềng An", "Chiềng Cơi", "Chiềng Sinh", "Mường Chiên", "Mường Giôn", "Mường Sại",
                "Bình Thuận", "Mường É", "Co Mạ", "Muổi Nọi", "Chiềng Hoa", "Tà Xùa", "Xím Vàng", "Gia Phù",
                "Tường Hạ", "Mộc Sơn", "Vân Sơn", "Lóng Sập", "Xuân Nha", "Chiềng Hặc", "Phiêng Khoài",
                "Chiềng Mung", "Mường Lầm", "Mường Lèo"]
    rows = []
    code = 14000
    for name, kind, own, where, beds in hospitals:
        code += 1
        c = commune(where)
        doctors = max(3, round(beds / rng.uniform(2.6, 4.0))) if kind.startswith("Bệnh viện") else rng.randint(4, 12)
        rows.append(dict(ma_co_so=str(code), ten_co_so=name, loai_hinh=kind, hinh_thuc_so_huu=own,
                         ma_xa=c["code"], ten_xa=c["name"], dia_chi=address(rng, c),
                         so_dien_thoai=landline(rng), so_giuong_benh=beds, so_bac_si=doctors,
                         ngay_cap_phep=rand_date(rng, dt.date(2012, 1, 1), dt.date(2024, 12, 31))))
    code = 14100
    for where in stations:
        code += 1
        c = commune(where)
        rows.append(dict(ma_co_so=str(code), ten_co_so=f"Trạm Y tế {kind_word(c)} {c['short_name']}",
                         loai_hinh="Trạm y tế", hinh_thuc_so_huu="Công lập", ma_xa=c["code"], ten_xa=c["name"],
                         dia_chi=address(rng, c), so_dien_thoai=mobile(rng) if rng.random() < 0.85 else None,
                         so_giuong_benh=rng.randint(4, 10), so_bac_si=rng.randint(1, 3),
                         ngay_cap_phep=rand_date(rng, dt.date(2025, 7, 1), dt.date(2025, 12, 31))))
    for i, r in enumerate(rows):            # half of the dates typed as text, as people do
        if i % 2:
            r["ngay_cap_phep"] = vn_date(r["ngay_cap_phep"])
    titles = ["UBND TỈNH SƠN LA", "SỞ Y TẾ", "DANH SÁCH CƠ SỞ KHÁM BỆNH, CHỮA BỆNH TRÊN ĐỊA BÀN TỈNH SƠN LA", None]
    return titles, rows, ["so_giuong_benh", "so_bac_si"]


# --------------------------------------------------------------------------------------------------------------
# 2. Sở Giáo dục và Đào tạo — schools
# --------------------------------------------------------------------------------------------------------------
def schools(rng: random.Random):
    thpt = [("Trường THPT Chuyên Sơn La", "Chiềng Sinh"), ("Trường THPT Tô Hiệu", "Tô Hiệu"),
            ("Trường THPT Chiềng Sinh", "Chiềng Sinh"), ("Trường Phổ thông Dân tộc nội trú tỉnh", "Chiềng Sinh"),
            ("Trường THPT Thảo Nguyên", "Thảo Nguyên"), ("Trường THPT Mộc Lỵ", "Mộc Châu"),
            ("Trường THPT Mai Sơn", "Mai Sơn"), ("Trường THPT Cò Nòi", "Mai Sơn"),
            ("Trường THPT Thuận Châu", "Thuận Châu"), ("Trường THPT Bình Thuận", "Bình Thuận"),
            ("Trường THPT Quỳnh Nhai", "Quỳnh Nhai"), ("Trường THPT Mường La", "Mường La"),
            ("Trường THPT Bắc Yên", "Bắc Yên"), ("Trường THPT Phù Yên", "Phù Yên"),
            ("Trường THPT Gia Phù", "Gia Phù"), ("Trường THPT Yên Châu", "Yên Châu"),
            ("Trường THPT Sông Mã", "Sông Mã"), ("Trường THPT Sốp Cộp", "Sốp Cộp"), ("Trường THPT Vân Hồ", "Vân Hồ")]
    # (cấp học, prefix of the name, classes range, pupils per class, teachers per class)
    levels = {
        "MN": ("Mầm non", "Trường Mầm non", (6, 16), (22, 28), (2.0, 2.4)),
        "TH": ("Tiểu học", "Trường Tiểu học", (10, 26), (24, 32), (1.4, 1.6)),
        "THCS": ("Trung học cơ sở", "Trường THCS", (8, 20), (30, 40), (1.8, 2.1)),
        "TH&THCS": ("Tiểu học và Trung học cơ sở", "Trường PTDTBT Tiểu học và THCS", (14, 26), (24, 32), (1.6, 1.8)),
        "THPT": ("Trung học phổ thông", "", (18, 40), (36, 44), (2.1, 2.4)),
    }
    plan = []          # (level key, school name, commune short name, ownership)
    for name, where in thpt:
        plan.append(("THPT", name, where, "Công lập"))
    plan += [("MN", "Trường Mầm non Hoa Ban", "Tô Hiệu", "Công lập"),
             ("MN", "Trường Mầm non tư thục Ánh Dương", "Tô Hiệu", "Tư thục"),
             ("MN", "Trường Mầm non tư thục Sao Mai", "Chiềng An", "Tư thục"),
             ("MN", "Trường Mầm non tư thục Bông Sen", "Mộc Châu", "Tư thục")]
    # Schools keep the names of the pre-2025 communes they stand in (codelists/communes.csv, merged_from).
    towns = ["Tô Hiệu", "Chiềng An", "Chiềng Cơi", "Mộc Châu", "Mai Sơn", "Thuận Châu", "Yên Châu",
             "Phù Yên", "Mường La", "Quỳnh Nhai", "Sông Mã", "Vân Hồ", "Tà Xùa", "Mường Lầm", "Co Mạ",
             "Chiềng Mai", "Tân Phong", "Lóng Sập", "Mường Bú", "Chiềng Khoong"]
    for where in towns:
        c = commune(where)
        olds = [] if c["merged_from"] == "giữ nguyên" else c["merged_from"].split(";")
        olds = [re.sub(r"^(Xã|Phường|Thị trấn) ", "", o) for o in olds if "(" not in o] or [c["short_name"]]
        old = olds[rng.randrange(len(olds))]
        keys = ["MN", "TH", "THCS"] if c["kind"] == "phuong" or rng.random() < 0.5 else ["MN", "TH&THCS"]
        for k in keys:
            plan.append((k, f"{levels[k][1]} {old}", where, "Công lập"))
    rows, used = [], set()
    for key, name, where, own in plan[:80]:
        cap, _, (lo, hi), (plo, phi), (tlo, thi) = levels[key]
        c = commune(where)
        while (code := f"14{rng.randrange(10**6):06d}") in used:
            pass
        used.add(code)
        classes = rng.randint(lo, hi) if own == "Công lập" else rng.randint(4, 8)
        pupils = classes * rng.randint(plo, phi)
        teachers = round(classes * rng.uniform(tlo, thi))
        rows.append(dict(ma_truong=code, ten_truong=name, cap_hoc=cap, loai_hinh=own, ma_xa=c["code"],
                         ten_xa=c["name"], so_lop=classes,
                         so_hoc_sinh=vn_int(pupils) if pupils >= 1000 and rng.random() < 0.4 else pupils,
                         so_giao_vien=teachers, dat_chuan_quoc_gia="Đạt" if rng.random() < 0.6 else "Chưa đạt",
                         nam_hoc="2025-2026"))
    titles = ["UBND TỈNH SƠN LA", "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
              "DANH SÁCH TRƯỜNG MẦM NON, PHỔ THÔNG TRÊN ĐỊA BÀN TỈNH SƠN LA", "Năm học 2025-2026", None]
    return titles, rows, ["so_lop", "so_hoc_sinh", "so_giao_vien"]


# --------------------------------------------------------------------------------------------------------------
# 3. Sở Văn hóa, Thể thao và Du lịch — tourist accommodation
# --------------------------------------------------------------------------------------------------------------
def accommodation(rng: random.Random):
    places = (["Mộc Châu"] * 6 + ["Thảo Nguyên"] * 4 + ["Mộc Sơn"] * 4 + ["Vân Sơn"] * 3 + ["Tô Hiệu"] * 5
              + ["Chiềng An"] * 3 + ["Chiềng Cơi"] * 2 + ["Chiềng Sinh"] * 3 + ["Vân Hồ"] * 3 + ["Lóng Sập"] * 2
              + ["Tà Xùa"] * 4 + ["Quỳnh Nhai"] * 2 + ["Mường La"] * 2 + ["Yên Châu", "Mai Sơn", "Phù Yên",
                                                                           "Sông Mã", "Thuận Châu", "Đoàn Kết"])
    words = ["Hoa Ban", "Cao Nguyên", "Đồi Chè", "Mây Trắng", "Bản Mường", "Suối Cá", "Sơn Thủy", "Hương Rừng",
             "Sao Mai", "Ban Mai", "Thung Lũng Mận", "Hồ Sen", "Bình An", "Ngọc Lan", "Tây Bắc", "Đồi Thông",
             "Hoa Mận", "Thác Dải Yếm", "Săn Mây", "Nắng Sớm", "Gió Núi", "Lúa Mới", "Sương Sớm"]
    kinds = [("Khách sạn", "Khách sạn", (15, 80)), ("Nhà nghỉ du lịch", "Nhà nghỉ", (8, 20)),
             ("Nhà ở có phòng cho khách du lịch thuê", "Homestay", (3, 10)), ("Biệt thự du lịch", "Biệt thự", (4, 8))]
    rows, names = [], set()
    for i, where in enumerate(places, start=1):
        kind, prefix, (lo, hi) = kinds[rng.choices(range(4), weights=[3, 3, 5, 1])[0]]
        while (name := f"{prefix} {rng.choice(words)}") in names:
            pass
        names.add(name)
        c = commune(where)
        rooms = rng.randint(lo, hi)
        stars = rng.choice([None, 1, 2, 2, 3, 3, 4]) if kind == "Khách sạn" else None
        rows.append(dict(ma_co_so=f"LT{i:04d}", ten_co_so=name, loai_hinh=kind, hang_sao=stars, ma_xa=c["code"],
                         ten_xa=c["name"], dia_chi=address(rng, c), so_phong=rooms,
                         so_giuong=round(rooms * rng.uniform(1.3, 2.0)),
                         so_dien_thoai=landline(rng) if kind == "Khách sạn" else mobile(rng),
                         ngay_cong_nhan=rand_date(rng, dt.date(2018, 1, 1), dt.date(2026, 9, 15))))
    for r in rows[::3]:
        r["ngay_cong_nhan"] = vn_date(r["ngay_cong_nhan"])
    titles = ["UBND TỈNH SƠN LA", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
              "DANH SÁCH CƠ SỞ LƯU TRÚ DU LỊCH ĐÃ ĐƯỢC CÔNG NHẬN", None]
    return titles, rows, ["so_phong", "so_giuong"]


# --------------------------------------------------------------------------------------------------------------
# 4. Sở Nội vụ — area and population of the 75 communes and wards
# --------------------------------------------------------------------------------------------------------------
def population(rng: random.Random):
    total_area, total_pop = 14109.83, 1_300_000     # orders of magnitude of the province; values invented
    wa = [rng.uniform(12, 60) if c["kind"] == "phuong" else rng.uniform(90, 420) for c in COMMUNES]
    wp = [rng.uniform(25000, 45000) if c["kind"] == "phuong" else rng.uniform(8000, 26000) for c in COMMUNES]
    sa, sp = sum(wa), sum(wp)
    rows = []
    for i, c in enumerate(COMMUNES):
        area = round(wa[i] * total_area / sa, 2)
        pop = round(wp[i] * total_pop / sp)
        rows.append(dict(ma_xa=c["code"], ten_don_vi=c["name"], loai_don_vi="Phường" if c["kind"] == "phuong" else "Xã",
                         dien_tich_km2=area, dan_so=pop, so_ho=round(pop / rng.uniform(3.9, 4.6)),
                         mat_do_dan_so=round(pop / area),
                         so_thon_ban_to_dan_pho=rng.randint(20, 45) if c["kind"] == "phuong" else rng.randint(15, 70)))
    for i, r in enumerate(rows):             # every third row typed Vietnamese-style as text
        if i % 3 == 1:
            r["dan_so"] = vn_int(r["dan_so"])
            r["dien_tich_km2"] = vn_dec(r["dien_tich_km2"])
    titles = ["UBND TỈNH SƠN LA", "SỞ NỘI VỤ",
              "DIỆN TÍCH, DÂN SỐ VÀ MẬT ĐỘ DÂN SỐ CÁC XÃ, PHƯỜNG TỈNH SƠN LA", "(Số liệu đến ngày 31/12/2025)", None]
    return titles, rows, ["dien_tich_km2", "dan_so", "so_ho", "so_thon_ban_to_dan_pho"]


# --------------------------------------------------------------------------------------------------------------
# 5. Phường Tô Hiệu — weekly market prices (CSV)
# --------------------------------------------------------------------------------------------------------------
def prices(rng: random.Random):
    items = [("Gạo tẻ thường", "kg", 16000), ("Gạo nếp nương", "kg", 32000), ("Thịt lợn nạc", "kg", 130000),
             ("Thịt bò thăn", "kg", 270000), ("Gà ta", "kg", 140000), ("Cá trắm cỏ", "kg", 85000),
             ("Trứng gà", "chục quả", 38000), ("Bắp cải", "kg", 15000), ("Cà chua", "kg", 22000),
             ("Khoai tây", "kg", 20000)]
    markets = ["Chợ Trung tâm", "Chợ Quyết Thắng"]
    days = [dt.date(2026, 10, 23) + dt.timedelta(weeks=w) for w in range(5)]
    level = {(m, it[0]): it[2] * rng.uniform(0.95, 1.05) for m in markets for it in items}
    rows = []
    for d in days:
        for m in markets:
            for name, unit, _ in items:
                level[(m, name)] *= rng.uniform(0.97, 1.035)
                mid = level[(m, name)]
                lo = int(round(mid * rng.uniform(0.93, 0.98), -3))
                hi = max(lo + 1000, int(round(mid * rng.uniform(1.02, 1.07), -3)))
                fmt = vn_int if rng.random() < 0.5 else str
                rows.append(dict(ngay=vn_date(d), cho=m, mat_hang=name, don_vi_tinh=unit,
                                 gia_thap_nhat=fmt(lo), gia_cao_nhat=fmt(hi)))
    titles = ["UBND PHƯỜNG TÔ HIỆU", "BẢNG GIÁ MỘT SỐ MẶT HÀNG NÔNG SẢN, THỰC PHẨM TẠI CÁC CHỢ TRÊN ĐỊA BÀN PHƯỜNG",
              None]
    return titles, rows, []


MAKERS = {
    "co-so-kham-chua-benh": health,
    "danh-sach-truong-hoc": schools,
    "co-so-luu-tru-du-lich": accommodation,
    "dan-so-dien-tich-don-vi-hanh-chinh-cap-xa": population,
    "gia-hang-hoa-tai-cho-phuong-to-hieu": prices,
}


# --------------------------------------------------------------------------------------------------------------
# writers
# --------------------------------------------------------------------------------------------------------------
def total_row(fields: list[dict], rows: list[dict], sums: list[str]) -> dict:
    def num(v):
        if isinstance(v, str):        # Vietnamese-style text: "1.245" / "148,52"
            return float(v.replace(".", "").replace(",", "."))
        return v or 0
    out = {fields[0]["name"]: "Tổng cộng"}
    for name in sums:
        s = sum(num(r[name]) for r in rows)
        out[name] = round(s, 2) if any(f["name"] == name and f["type"] == "number" for f in fields) else int(s)
    if "mat_do_dan_so" in {f["name"] for f in fields}:
        out["mat_do_dan_so"] = round(out["dan_so"] / out["dien_tich_km2"])
    return out


THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
PARENT_SEP = " - "      # how the publisher joins a merged parent title and a child title (reading/header_rows.py)
# Two-row headers whose parentless columns (STT, codes, names) are not merged: the title in the upper row over an
# empty bordered cell, as in sheets whose header someone unmerged. The other two-row headers merge them vertically.
UNMERGED_TITLES = {"tham-gia-bao-hiem-xa-hoi-y-te-theo-xa", "du-an-dau-tu-cong"}
# Tables printed with a row numbering the columns, "(1)", "(2)"…, under the header (statistical report forms).
COLUMN_NUMBERS = {"du-an-dau-tu-cong"}

Head = tuple[str | None, str]       # (merged parent title or None, column title)


def header_of(spec: dict) -> list[Head]:
    """Each field's column title in the file, split into (parent, child) when it reads "Parent - Child"."""
    in_file = {field: title for title, field in (spec["source"].get("columns") or {}).items()}
    heads: list[Head] = []
    for f in spec["schema"]["fields"]:
        parent, sep, child = in_file.get(f["name"], f["title"]).partition(PARENT_SEP)
        heads.append((parent, child) if sep else (None, parent))
    parents = [parent for parent, _ in heads]
    for parent in set(parents) - {None}:         # one merged range per parent: its columns must be neighbours
        first, last = parents.index(parent), len(parents) - 1 - parents[::-1].index(parent)
        if parents[first:last + 1] != [parent] * (last - first + 1):
            raise SystemExit(f"{spec['name']}: the columns under {parent!r} are not next to each other")
    return heads


def header_cell(ws, row: int, column: int, value: str | None):
    cell = ws.cell(row=row, column=column, value=value)
    cell.font = Font(bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    cell.border = BOX


def write_header(ws, first: int, heads: list[Head], merge_singles: bool) -> int:
    """The header from row ``first``: one row, or two under merged parent titles. Returns its last row."""
    if all(parent is None for parent, _ in heads):
        for j, (_, title) in enumerate(heads, start=1):
            header_cell(ws, first, j, title)
        return first
    last = first + 1
    merges = []
    for j, (parent, title) in enumerate(heads, start=1):
        if parent is None:
            header_cell(ws, first, j, title)
            header_cell(ws, last, j, None)
            if merge_singles:
                merges.append((first, j, last, j))
            continue
        opens = j == 1 or heads[j - 2][0] != parent
        header_cell(ws, first, j, parent if opens else None)
        header_cell(ws, last, j, title)
        if opens:
            span = next((k for k, (p, _) in enumerate(heads[j - 1:]) if p != parent), len(heads) - j + 1)
            if span > 1:
                merges.append((first, j, first, j + span - 1))
    for top, left, bottom, right in merges:      # after the borders: merging keeps the top-left cell's style
        ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
    return last


def write_xlsx(path: Path, sheet: str, titles: list, fields: list[dict], rows: list[dict], total: dict | None,
               heads: list[Head], stt: bool = False, merge_singles: bool = True, column_numbers: bool = False):
    """One sheet: title rows, the header (``heads``, one per field), data rows, the total row. With ``stt`` an "STT"
    (row number) column comes first, as in most agency tables, and the total row's label moves into it."""
    if stt:
        fields = [{"name": "_stt", "title": "STT", "type": "integer"}, *fields]
        heads = [(None, "STT"), *heads]
        rows = [{"_stt": i, **r} for i, r in enumerate(rows, start=1)]
        if total:
            label = total.pop(fields[1]["name"])
            total = {"_stt": label, **total}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ncol = len(fields)
    for i, text in enumerate(titles, start=1):
        if text is None:
            continue
        cell = ws.cell(row=i, column=1, value=text)
        cell.font = Font(bold=True, size=13 if i == 3 else 11)
        if i >= 3:                               # table title and subtitle centred over the table
            ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=ncol)
            cell.alignment = Alignment(horizontal="center")
    header = write_header(ws, len(titles) + 1, heads, merge_singles)
    for j, (f, (_, title)) in enumerate(zip(fields, heads, strict=True), start=1):
        width = max(len(title), *(len(str(r.get(f["name"]) or "")) for r in rows)) + 2
        ws.column_dimensions[get_column_letter(j)].width = min(max(width, 8), 48)
    if column_numbers:
        header += 1
        for j in range(1, ncol + 1):
            cell = ws.cell(row=header, column=j, value=f"({j})")
            cell.font = Font(italic=True)
            cell.alignment = Alignment(horizontal="center")
            cell.border = BOX
    for i, r in enumerate(rows + ([total] if total else []), start=header + 1):
        for j, f in enumerate(fields, start=1):
            value = r.get(f["name"])
            cell = ws.cell(row=i, column=j, value=value)
            cell.border = BOX
            if isinstance(value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(value, str) and f["type"] == "string":
                cell.number_format = "@"         # text cells: codes and phone numbers keep leading zeros
            elif isinstance(value, float):
                cell.number_format = "#,##0.00"
        if r is total:
            for j in range(1, ncol + 1):
                ws.cell(row=i, column=j).font = Font(bold=True)
    wb.properties.creator = "Sơn La open data demo (dataset_specs/tools/make_demo_sources.py)"
    wb.properties.created = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(pin_zip(buf.getvalue()))


def write_csv(path: Path, titles: list, fields: list[dict], rows: list[dict], heads: list[Head]):
    if any(parent for parent, _ in heads):
        raise SystemExit(f"{path}: a CSV file cannot have a merged two-row header")
    n = len(fields)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        for text in titles:
            w.writerow([text or ""] + [""] * (n - 1))
        w.writerow([title for _, title in heads])
        for r in rows:
            w.writerow(["" if r.get(fl["name"]) is None else r[fl["name"]] for fl in fields])


def main() -> int:
    for spec_path in sorted(SPECS.glob("*/*.yaml")):
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
        rng = random.Random(f"{SEED}:{spec['name']}")
        if spec["name"] in MAKERS:
            titles, rows, sums = MAKERS[spec["name"]](rng)
            stt = False
        elif spec["name"] in TABLE_MAKERS:
            titles, rows, sums = TABLE_MAKERS[spec["name"]](rng, spec)
            stt = True
        else:
            continue
        src = spec["source"]
        fields = spec["schema"]["fields"]
        if len(titles) + 1 != src["header_row"]:
            raise SystemExit(f"{spec_path}: {len(titles)} title rows but header_row {src['header_row']}")
        path = SOURCES / src["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        heads = header_of(spec)
        if path.suffix == ".csv":
            write_csv(path, titles, fields, rows, heads)
        else:
            total = total_row(fields, rows, sums) if sums else None
            write_xlsx(path, src.get("sheet", "Sheet1"), titles, fields, rows, total, heads, stt=stt,
                       merge_singles=spec["name"] not in UNMERGED_TITLES,
                       column_numbers=spec["name"] in COLUMN_NUMBERS)
        print(f"{path.relative_to(ROOT)}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
