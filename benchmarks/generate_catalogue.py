#!/usr/bin/env python3
"""Generate a SYNTHETIC catalogue of N dataset specs and source files, for benchmarks and load tests.

    python benchmarks/generate_catalogue.py --count 805 --out /tmp/sonla-synthetic-catalogue

The output is a complete spec directory (``codelists/`` copied from dataset_specs, ``datasets/<owner>/*.yaml``,
``sources/<owner>/*.csv|xlsx``) that ``sonla-publish catalogue check --specs DIR`` and ``sonla-publish validate
NAME --specs DIR`` accept. It is kept out of the demonstration catalogue: write it anywhere outside
dataset_specs/ (the default is under /tmp). Same seed and count -> same files (xlsx zip timestamps pinned).

Every spec says in its notes that it is synthetic. Titles are made from realistic Vietnamese subjects of the
province's agencies; commune names and codes come from codelists/communes.csv; every value is random. Each
file has 50-5,000 data rows (log-uniform, so most are small, as in a real catalogue); about a third are xlsx
(title rows, one header row, "Tổng cộng" under per-commune tables), the rest CSV as Excel exports it (BOM, ";").
Needs openpyxl and pyyaml (both come with the publisher).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import random
import re
import shutil
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "dataset_specs" / "tools"))
from pinned_xlsx import FIXED_TIME, pin_zip  # shared with the demo catalogue's generator

REPO = Path(__file__).resolve().parent.parent
CODELISTS = REPO / "dataset_specs" / "codelists"
DEFAULT_OUT = Path("/tmp/sonla-synthetic-catalogue")
MIN_ROWS, MAX_ROWS = 50, 5000
FREQUENCIES = [
    "daily",
    "weekly",
    "monthly",
    "monthly",
    "quarterly",
    "quarterly",
    "semiannual",
    "annual",
    "annual",
    "annual",
    "on_change",
    "irregular",
]

# (owner slug, themes, subjects). Subjects are what agencies list in approved catalogues.
SUBJECTS: list[tuple[str, list[str], list[str]]] = [
    (
        "so-y-te",
        ["y-te"],
        [
            "cơ sở hành nghề y tư nhân",
            "cơ sở bán lẻ thuốc",
            "trạm y tế xã",
            "cán bộ y tế thôn bản",
            "số ca mắc bệnh truyền nhiễm",
            "phòng khám chuyên khoa",
            "cơ sở dịch vụ thẩm mỹ",
        ],
    ),
    (
        "so-giao-duc-va-dao-tao",
        ["giao-duc-dao-tao"],
        [
            "trường tiểu học",
            "trường trung học cơ sở",
            "điểm trường lẻ",
            "cơ sở giáo dục nghề nghiệp",
            "trung tâm ngoại ngữ, tin học",
            "học sinh bán trú",
        ],
    ),
    (
        "so-nong-nghiep-va-moi-truong",
        ["nong-nghiep", "moi-truong"],
        [
            "vùng trồng được cấp mã số",
            "cơ sở chăn nuôi",
            "diện tích cây ăn quả",
            "tàu thuyền nuôi cá lồng",
            "điểm quan trắc môi trường",
            "giấy phép khai thác nước mặt",
            "trang trại",
            "hợp tác xã nông nghiệp",
            "diện tích rừng trồng mới",
            "cơ sở giết mổ gia súc",
        ],
    ),
    (
        "so-tai-chinh",
        ["tai-chinh", "kinh-te-thuong-mai"],
        [
            "dự án được chấp thuận chủ trương đầu tư",
            "hộ kinh doanh đăng ký mới",
            "tài sản công",
            "doanh nghiệp giải thể",
        ],
    ),
    (
        "so-cong-thuong",
        ["kinh-te-thuong-mai", "nang-luong"],
        [
            "cửa hàng bán lẻ xăng dầu",
            "cụm công nghiệp",
            "siêu thị, trung tâm thương mại",
            "nhà máy thủy điện",
            "cơ sở sản xuất rượu thủ công",
        ],
    ),
    (
        "so-xay-dung",
        ["co-so-ha-tang"],
        [
            "giấy phép xây dựng",
            "tuyến đường tỉnh",
            "bến xe khách",
            "cầu trên đường tỉnh",
            "dự án nhà ở",
            "cơ sở đào tạo lái xe",
        ],
    ),
    (
        "so-van-hoa-the-thao-va-du-lich",
        ["xa-hoi", "kinh-te-thuong-mai"],
        [
            "lễ hội truyền thống",
            "câu lạc bộ thể thao",
            "nghệ nhân",
            "doanh nghiệp lữ hành",
            "di sản văn hóa phi vật thể",
        ],
    ),
    (
        "so-khoa-hoc-va-cong-nghe",
        ["cong-nghe"],
        [
            "trạm thu phát sóng di động",
            "nhiệm vụ khoa học và công nghệ",
            "doanh nghiệp khoa học và công nghệ",
            "dịch vụ công trực tuyến",
        ],
    ),
    (
        "so-noi-vu",
        ["lao-dong", "xa-hoi"],
        [
            "lao động đi làm việc ở nước ngoài",
            "người lao động được đào tạo nghề",
            "hội, tổ chức phi chính phủ",
            "biên chế công chức",
        ],
    ),
    (
        "so-tu-phap",
        ["xa-hoi"],
        ["tổ chức hành nghề luật sư", "trợ giúp pháp lý", "đăng ký khai sinh", "văn bản quy phạm pháp luật của tỉnh"],
    ),
    (
        "so-dan-toc-va-ton-giao",
        ["xa-hoi", "dia-phuong"],
        ["người có uy tín", "cơ sở tôn giáo", "hộ đồng bào dân tộc thiểu số được hỗ trợ"],
    ),
    ("cong-an-tinh", ["xa-hoi"], ["vi phạm trật tự an toàn giao thông", "cháy nổ", "cấp căn cước"]),
    ("thue-tinh-son-la", ["tai-chinh"], ["người nộp thuế nợ thuế", "hộ kinh doanh nộp thuế khoán"]),
    ("bao-hiem-xa-hoi-tinh-son-la", ["xa-hoi", "y-te"], ["đơn vị nợ bảo hiểm xã hội", "cơ sở khám chữa bệnh BHYT"]),
    (
        "thong-ke-tinh-son-la",
        ["kinh-te-thuong-mai"],
        ["chỉ số sản xuất công nghiệp", "tổng mức bán lẻ hàng hóa", "giá trị sản xuất nông nghiệp"],
    ),
    (
        "trung-tam-phuc-vu-hanh-chinh-cong-tinh",
        ["xa-hoi"],
        ["hồ sơ thủ tục hành chính trực tuyến", "phản ánh, kiến nghị của người dân"],
    ),
]
SCOPES = [
    "trên địa bàn tỉnh",
    "theo xã, phường",
    "năm 2025",
    "năm 2026",
    "giai đoạn 2021-2025",
    "6 tháng đầu năm",
    "theo quý",
    "khu vực biên giới",
    "vùng đồng bào dân tộc thiểu số",
    "các xã vùng cao",
]
PREFIXES = ["Danh sách", "Danh mục", "Số liệu", "Tình hình", "Thống kê", "Kết quả"]
STATUS = ["Đang hoạt động", "Tạm ngừng", "Đã chấm dứt"]
KINDS = ["Công lập", "Tư nhân", "Hợp tác xã", "Hộ kinh doanh"]


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def vn_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def vn_dec(x: float) -> str:
    return f"{x:,.2f}".replace(",", "\0").replace(".", ",").replace("\0", ".")


def field(name: str, title: str, type_: str = "string", **constraints: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "title": title, "type": type_}
    if constraints:
        out["constraints"] = constraints
    return out


# --- table shapes: (fields, primary key, row maker, summed fields) -------------------------------------------------
Maker = Callable[[random.Random, int], dict[str, Any]]


def register_shape(rng: random.Random, communes: list[dict[str, str]], prefix: str) -> tuple[list, list, Maker, list]:
    fields = [
        field("ma", "Mã", required=True, pattern=f"^{prefix}[0-9]{{5}}$"),
        field("ten", "Tên", required=True),
        field("loai_hinh", "Loại hình", required=True, enum=KINDS),
        field("ma_xa", "Mã xã", required=True, pattern="^[0-9]{5}$"),
        field("ten_xa", "Xã, phường", required=True),
        field("dia_chi", "Địa chỉ"),
        field("so_luong", "Quy mô", "integer", minimum=0),
        field("ngay_cap", "Ngày cấp", "date"),
        field("trang_thai", "Trạng thái", required=True, enum=STATUS),
    ]

    def row(rng: random.Random, i: int) -> dict[str, Any]:
        c = rng.choice(communes)
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(4300))
        size = rng.randint(1, 20000)
        return {
            "ma": f"{prefix}{i + 1:05d}",
            "ten": f"{rng.choice(['Cơ sở', 'Điểm', 'Đơn vị'])} {c['short_name']} {i + 1}",
            "loai_hinh": rng.choice(KINDS),
            "ma_xa": c["code"],
            "ten_xa": c["name"],
            "dia_chi": f"Bản {rng.choice(['Mới', 'Nà', 'Phiêng', 'Huổi', 'Co'])} {rng.randint(1, 9)}",
            "so_luong": vn_int(size) if i % 4 == 1 else size,
            "ngay_cap": day.strftime("%d/%m/%Y") if i % 2 else day,
            "trang_thai": rng.choice(STATUS),
        }

    return fields, ["ma"], row, []


def commune_period_shape(
    rng: random.Random, communes: list[dict[str, str]], rows: int
) -> tuple[list, list, Maker, list]:
    periods = max(1, math.ceil(rows / len(communes)))
    labels = [f"{(q % 4) + 1}/{2026 - q // 4}" for q in range(periods)]  # "1/2026" = quý 1 năm 2026
    fields = [
        field("ma_xa", "Mã xã", required=True, pattern="^[0-9]{5}$"),
        field("ten_xa", "Xã, phường", required=True),
        field("ky", "Kỳ báo cáo", required=True, pattern="^[1-4]/20[0-9]{2}$"),
        field("chi_tieu_1", "Số lượng", "integer", required=True, minimum=0),
        field("chi_tieu_2", "Giá trị (triệu đồng)", "number", minimum=0),
        field("ty_le", "Tỷ lệ (%)", "number", minimum=0, maximum=100),
    ]

    def row(rng: random.Random, i: int) -> dict[str, Any]:
        c = communes[i % len(communes)]
        value = round(rng.uniform(0, 90000), 2)
        return {
            "ma_xa": c["code"],
            "ten_xa": c["name"],
            "ky": labels[i // len(communes)],
            "chi_tieu_1": rng.randint(0, 5000),
            "chi_tieu_2": vn_dec(value) if i % 3 == 1 else value,
            "ty_le": round(rng.uniform(0, 100), 2),
        }

    return fields, ["ma_xa", "ky"], row, ["chi_tieu_1", "chi_tieu_2"]


def series_shape(rng: random.Random, rows: int) -> tuple[list, list, Maker, list]:
    items = [f"Chỉ tiêu {n}" for n in range(1, 11)]
    fields = [
        field("ngay", "Ngày", "date", required=True),
        field("chi_tieu", "Chỉ tiêu", required=True, enum=items),
        field("don_vi_tinh", "Đơn vị tính", required=True),
        field("gia_tri", "Giá trị", "number", required=True),
        field("ghi_chu", "Ghi chú"),
    ]
    start = dt.date(2026, 11, 20) - dt.timedelta(days=rows // len(items) + 1)

    def row(rng: random.Random, i: int) -> dict[str, Any]:
        day = start + dt.timedelta(days=i // len(items))
        value = round(rng.uniform(10, 500000), 2)
        return {
            "ngay": day.strftime("%d/%m/%Y"),
            "chi_tieu": items[i % len(items)],
            "don_vi_tinh": rng.choice(["người", "lượt", "tấn", "triệu đồng", "ha"]),
            "gia_tri": vn_dec(value) if i % 2 else value,
            "ghi_chu": "" if i % 7 else "Số liệu ước tính",
        }

    return fields, ["ngay", "chi_tieu"], row, []


# --- writers --------------------------------------------------------------------------------------------------------
def write_csv(path: Path, titles: list[str], fields: list[dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, delimiter=";", lineterminator="\r\n")
        for text in titles:
            writer.writerow([text] + [""] * (len(fields) - 1))
        writer.writerow([f["title"] for f in fields])
        for r in rows:
            writer.writerow(
                [
                    ""
                    if r[f["name"]] is None
                    else (r[f["name"]].strftime("%d/%m/%Y") if isinstance(r[f["name"]], dt.date) else r[f["name"]])
                    for f in fields
                ]
            )


def write_xlsx(
    path: Path,
    sheet: str,
    titles: list[str],
    fields: list[dict[str, Any]],
    rows: list[dict[str, Any]],
    total: dict[str, Any] | None,
) -> None:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    for text in titles:
        ws.append([text])
    ws.append([f["title"] for f in fields])
    for r in rows:
        ws.append([r[f["name"]] for f in fields])
    if total:
        ws.append([total.get(f["name"]) for f in fields])
    wb.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(pin_zip(buffer.getvalue()))


def number(value: Any) -> float:
    if isinstance(value, str):
        return float(value.replace(".", "").replace(",", "."))
    return float(value or 0)


# --- the catalogue --------------------------------------------------------------------------------------------------
def generate(count: int, out: Path, seed: int = 805) -> list[Path]:
    """Write ``count`` specs and their sources under ``out``; returns the spec paths."""
    rng = random.Random(seed)
    communes = read_csv(CODELISTS / "communes.csv")
    agencies = {row["slug"]: row["name"] for row in read_csv(CODELISTS / "agencies.csv")}
    if (out / "datasets").exists():
        shutil.rmtree(out / "datasets")
    if (out / "sources").exists():
        shutil.rmtree(out / "sources")
    shutil.copytree(CODELISTS, out / "codelists", dirs_exist_ok=True)
    used: set[str] = set()
    paths = []
    for n in range(count):
        owner, themes, subjects = SUBJECTS[n % len(SUBJECTS)]
        if n % 25 == 24:  # a few datasets owned by communes and wards
            commune = communes[n % len(communes)]
            owner, owner_name = commune["slug"], f"UBND {commune['name']}"
            themes = ["dia-phuong"]
        else:
            owner_name = agencies[owner]
        title = f"{rng.choice(PREFIXES)} {rng.choice(subjects)} {rng.choice(SCOPES)}"
        name = slugify(title)[:70].rstrip("-")
        while name in used:
            name = f"{slugify(title)[:64].rstrip('-')}-{rng.randrange(1000, 9999)}"
        used.add(name)
        rows_wanted = round(math.exp(rng.uniform(math.log(MIN_ROWS), math.log(MAX_ROWS))))
        shape = rng.choice(["register", "register", "commune", "series"])
        if shape == "register":
            fields, key, maker, sums = register_shape(
                rng, communes, prefix="".join(w[0] for w in owner.split("-")).upper()[:4]
            )
        elif shape == "commune":
            fields, key, maker, sums = commune_period_shape(rng, communes, rows_wanted)
        else:
            fields, key, maker, sums = series_shape(rng, rows_wanted)
        rows = [maker(rng, i) for i in range(rows_wanted)]
        use_xlsx = n % 3 == 0
        titles = ["UBND TỈNH SƠN LA", owner_name.upper(), title.upper(), ""]
        header_row = len(titles) + 1
        ext = "xlsx" if use_xlsx else "csv"
        # (drawn still, so the catalogue stays the same: data_last_updated is now the publish day)
        rng.randrange(0, 540)
        spec = {
            "name": name,
            "metadata": {
                "title": title,
                "notes": f"{title} (do {owner_name} cung cấp).\n\n*Dữ liệu tổng hợp (synthetic) sinh tự động để "
                "thử tải hệ thống; không phải số liệu thật.*\n",
                "owner_org": owner,
                "themes": themes,
                "tags": ["dữ liệu tổng hợp", "benchmark"],
                "update_frequency": rng.choice(FREQUENCIES),
                "legal_basis": "Quyết định 978/QĐ-UBND ngày 21/4/2026 của UBND tỉnh Sơn La",
                "catalogue_code": f"SYN-{n + 1:04d}",
                "license_id": "vn-open-data-1.0",
                "contact_name": f"Văn phòng {owner_name}",
                "language": "vi",
            },
            "schema": {"fields": fields, "primaryKey": key},
            "source": {"file": f"{owner}/{name}.{ext}", "header_row": header_row},
        }
        if use_xlsx:
            spec["source"]["sheet"] = "Biểu 01"
        spec_path = out / "datasets" / owner / f"{name}.yaml"
        source_path = out / "sources" / owner / f"{name}.{ext}"
        spec_path.parent.mkdir(parents=True, exist_ok=True)
        source_path.parent.mkdir(parents=True, exist_ok=True)
        spec_path.write_text(
            "# SYNTHETIC spec (benchmarks/generate_catalogue.py): not demonstration data.\n"
            + yaml.safe_dump(spec, allow_unicode=True, sort_keys=False, width=120),
            encoding="utf-8",
        )
        if use_xlsx:
            total = None
            if sums:
                total = {fields[0]["name"]: "Tổng cộng"}
                total.update({s: round(sum(number(r[s]) for r in rows), 2) for s in sums})
            write_xlsx(source_path, "Biểu 01", titles, fields, rows, total)
        else:
            write_csv(source_path, titles, fields, rows)
        paths.append(spec_path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=805, help="number of specs (default 805)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output directory (default {DEFAULT_OUT})")
    parser.add_argument("--seed", type=int, default=805, help="random seed (default 805)")
    args = parser.parse_args()
    out = args.out.resolve()
    if out == (REPO / "dataset_specs").resolve() or (REPO / "dataset_specs").resolve() in out.parents:
        parser.error("write the synthetic catalogue outside dataset_specs/ (it is not demonstration data)")
    paths = generate(args.count, out, args.seed)
    size = sum(p.stat().st_size for p in (out / "sources").rglob("*") if p.is_file())
    print(f"{len(paths)} specs in {out / 'datasets'}; sources {size / 1e6:.1f} MB in {out / 'sources'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
