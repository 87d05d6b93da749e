#!/usr/bin/env python3
"""Build dataset_specs/codelists/*.csv from the project's reference data.

Maintenance tool, run by a developer when a source fact changes; the product never runs it and never reads the
reference data at run time. The reference-data folder must be given explicitly:

    python dataset_specs/tools/build_codelists.py --reference-data ../shared/reference-data

Facts (communes, districts, confirmed agencies, themes) are copied from the reference CSV files; the few rows and
words this script adds itself (assumed agencies, English names, licences) are written below, in one place, so
that a reader can see what is fact and what is ours. Output: UTF-8 (no BOM), NFC, "\\n" line ends.
codelists/frequencies.csv has no reference source: it is edited by hand, and is the one place of the frequency
codes and labels (dataset_specs/tools/sync_codelists.py copies it into the portal's schema).
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "codelists"


def slugify(text: str) -> str:
    """The slug rule of dataset_specs/README.md: ASCII-fold, lowercase, runs of other characters -> "-"."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [{k: nfc(v or "") for k, v in row.items()} for row in csv.DictReader(f)]


def write(name: str, header: list[str], rows: list[list[object]]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow(["" if v is None else nfc(str(v)) for v in row])
    print(f"{name}: {len(rows)} rows")


# --- communes ------------------------------------------------------------------------------------------------
KIND_2025 = {"Xã": "xa", "Phường": "phuong"}
KIND_PRE2025 = {"Xã": "xa", "Phường": "phuong", "Thị trấn": "thi_tran"}
KIND_DISTRICT = {"Huyện": "huyen", "Thị xã": "thi_xa", "Thành phố thuộc tỉnh": "thanh_pho"}
# One typing error in the source's merge column, corrected with evidence from the same repository's pre-2025
# list (sonla_communes_pre2025.csv has "Xã Xím Vàng", code 03865).
MERGED_FROM_FIXES = {"Xã Xí m Vàng": "Xã Xím Vàng"}


def merged_from(value: str) -> str:
    """Source: "Phường A, Xã B" (comma-separated) or "giữ nguyên" (unchanged). Output: "Phường A;Xã B"."""
    if value == "giữ nguyên":
        return value
    parts = [MERGED_FROM_FIXES.get(p.strip(), p.strip()) for p in value.split(",")]
    return ";".join(p for p in parts if p)


def communes(ref: Path) -> list[str]:
    rows = read(ref / "sonla_communes_2025.csv")
    out = []
    for r in rows:
        out.append([r["ma_xa"], slugify(r["ten_day_du"]), r["ten_day_du"], r["ten"], KIND_2025[r["loai"]],
                    r["ten_en"], merged_from(r["truoc_sap_nhap"])])
    write("communes.csv", ["code", "slug", "name", "short_name", "kind", "name_en", "merged_from"], out)

    pre = read(ref / "sonla_communes_pre2025.csv")
    write("communes_pre2025.csv", ["code", "name", "full_name", "kind", "district_code", "district_name"],
          [[r["ma_xa_cu"], r["ten"], r["ten_day_du"], KIND_PRE2025[r["loai"]], r["ma_huyen"], r["ten_huyen"]]
           for r in pre])

    dist = read(ref / "sonla_districts_pre2025.csv")
    write("districts_pre2025.csv", ["code", "name", "full_name", "kind", "name_en"],
          [[r["ma_huyen"], r["ten"], r["ten_day_du"], KIND_DISTRICT[r["loai"]], r["ten_en"]] for r in dist])
    return [o[1] for o in out]


# --- agencies ------------------------------------------------------------------------------------------------
# English names for the 13 confirmed departments (ours; the reference file has Vietnamese names only).
AGENCY_EN = {
    "Sở Tài chính": "Department of Finance",
    "Sở Nội vụ": "Department of Home Affairs",
    "Sở Xây dựng": "Department of Construction",
    "Sở Khoa học và Công nghệ": "Department of Science and Technology",
    "Sở Văn hóa, Thể thao và Du lịch": "Department of Culture, Sports and Tourism",
    "Sở Dân tộc và Tôn giáo": "Department of Ethnic Minorities and Religions",
    "Sở Nông nghiệp và Môi trường": "Department of Agriculture and Environment",
    "Sở Y tế": "Department of Health",
    "Sở Giáo dục và Đào tạo": "Department of Education and Training",
    "Sở Tư pháp": "Department of Justice",
    "Sở Công Thương": "Department of Industry and Trade",
    "Thanh tra tỉnh": "Provincial Inspectorate",
    "Công an tỉnh": "Provincial Police",
}
# Agencies NOT in the confirmed list: named in the province's own reports (seeds) or typical of a Vietnamese
# province after the 2025 restructuring. Their exact current names must be confirmed before go-live.
ASSUMED_AGENCIES = [
    ("Văn phòng Ủy ban nhân dân tỉnh", "Office of the Provincial People's Committee",
     "seeds/000_00e9603c3b98e52c.txt ; seeds/003_42cc4ee5397a8caa.txt"),
    ("Ban Quản lý các khu công nghiệp tỉnh", "Provincial Industrial Zones Authority", "assumed"),
    ("Trung tâm Phục vụ hành chính công tỉnh", "Provincial Public Administrative Service Centre",
     "seeds/001_026112949451f0d7.txt"),
    ("Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch", "Investment, Trade and Tourism Promotion Centre",
     "seeds/003_42cc4ee5397a8caa.txt"),
    ("Báo và Phát thanh, Truyền hình Sơn La", "Son La Newspaper, Radio and Television",
     "seeds/000_00e9603c3b98e52c.txt ; seeds/003_42cc4ee5397a8caa.txt"),
    ("Thuế tỉnh Sơn La", "Son La Provincial Tax Office", "seeds/004_6e44e80efb2f443c.txt"),
    ("Bảo hiểm xã hội tỉnh Sơn La", "Son La Provincial Social Security", "seeds/004_6e44e80efb2f443c.txt"),
    ("Thống kê tỉnh Sơn La", "Son La Provincial Statistics Office", "assumed"),
    ("Kho bạc Nhà nước Sơn La", "State Treasury in Son La", "assumed"),
]


def agencies(ref: Path) -> list[str]:
    rows = []
    for r in read(ref / "sonla_agencies_2025.csv"):
        name = r["ten_co_quan"]
        rows.append([slugify(name), name, AGENCY_EN[name], "provincial_agency", "confirmed", r["nguon"]])
    for name, en, src in ASSUMED_AGENCIES:
        rows.append([slugify(name), name, en, "provincial_agency", "assumed", src])
    write("agencies.csv", ["slug", "name", "name_en", "kind", "status", "source"], rows)
    return [r[0] for r in rows]


# --- themes --------------------------------------------------------------------------------------------------
THEME_EN = {
    "Y tế": "Health", "Lao động": "Labour", "Công nghệ": "Technology", "Nông nghiệp": "Agriculture",
    "Kinh tế - Thương mại": "Economy and Trade", "Cơ sở hạ tầng": "Infrastructure", "Tài chính": "Finance",
    "Năng lượng": "Energy", "Giáo dục đào tạo": "Education and Training", "Xã hội": "Society",
    "Môi trường": "Environment", "Địa phương": "Localities",
}


def themes(ref: Path) -> None:
    write("themes.csv", ["slug", "name", "name_en", "order"],
          [[slugify(r["linh_vuc"]), r["linh_vuc"], THEME_EN[r["linh_vuc"]], int(r["stt"])]
           for r in read(ref / "datagovvn_linh_vuc.csv")])


# --- licences (ours) -----------------------------------------------------------------------------------------
LICENCES = [
    ("vn-open-data-1.0",
     "Điều khoản dữ liệu mở của tỉnh Sơn La (tự do sử dụng, kể cả thương mại, ghi nguồn)",
     "Son La open data terms (free use, including commercial, with attribution)", "", "true"),
    ("cc-by-4.0", "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)",
     "Creative Commons Attribution 4.0 International", "https://creativecommons.org/licenses/by/4.0/", "true"),
    ("odc-by-1.0", "Giấy phép Ghi công của Open Data Commons, phiên bản 1.0 (ODC-By)",
     "Open Data Commons Attribution License v1.0", "https://opendatacommons.org/licenses/by/1-0/", "true"),
]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--reference-data", required=True, type=Path, help="folder with sonla_*.csv")
    ref = p.parse_args().reference_data
    OUT.mkdir(exist_ok=True)
    org_slugs = communes(ref) + agencies(ref)
    dupes = {s for s in org_slugs if org_slugs.count(s) > 1}
    if dupes:
        sys.exit(f"duplicate organization slugs: {sorted(dupes)}")
    themes(ref)
    write("licences.csv", ["id", "title", "title_en", "url", "is_open"], [list(x) for x in LICENCES])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
