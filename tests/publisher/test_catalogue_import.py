"""`sonla-publish catalogue import` and `catalogue template`: approved catalogue -> spec skeletons."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from sonla_publisher.cli.main import main
from sonla_publisher.specs.catalogue_import import Codes, dataset_name, fold, import_catalogue

CODELISTS = {
    "agencies.csv": "slug,name,name_en,kind\n"
    "so-y-te,Sở Y tế,Department of Health,provincial_agency\n"
    "so-giao-duc-va-dao-tao,Sở Giáo dục và Đào tạo,Department of Education and Training,provincial_agency\n"
    "so-tai-chinh,Sở Tài chính,Department of Finance,provincial_agency\n"
    'so-van-hoa-the-thao-va-du-lich,"Sở Văn hóa, Thể thao và Du lịch",'
    '"Department of Culture, Sports and Tourism",provincial_agency\n'
    "cong-an-tinh,Công an tỉnh,Provincial Police,provincial_agency\n",
    "communes.csv": "code,slug,name,short_name,kind,name_en\n"
    "03646,phuong-to-hieu,Phường Tô Hiệu,Tô Hiệu,phuong,To Hieu Ward\n"
    "03868,xa-ta-xua,Xã Tà Xùa,Tà Xùa,xa,Ta Xua Commune\n",
    "themes.csv": "slug,name,name_en,order\ny-te,Y tế,Health,1\ngiao-duc-dao-tao,Giáo dục đào tạo,"
    "Education and Training,9\ntai-chinh,Tài chính,Finance,7\nxa-hoi,Xã hội,Society,10\n",
    "frequencies.csv": "code,name,name_en,eu_uri,period_days\ndaily,Hằng ngày,Daily,,1\n"
    "weekly,Hằng tuần,Weekly,,7\nmonthly,Hằng tháng,Monthly,,31\nquarterly,Hằng quý,Quarterly,,92\n"
    "semiannual,6 tháng một lần,Half-yearly,,184\nannual,Hằng năm,Yearly,,366\n"
    "irregular,Không định kỳ,Irregular,,\non_change,Khi có thay đổi,On change,,\n",
    "licences.csv": "id,title\nvn-open-data-1.0,Điều khoản dữ liệu mở\n",
}
HEADER = ["STT", "Tên dữ liệu", "Cơ quan chủ trì cung cấp", "Lĩnh vực", "Tần suất cập nhật", "Định dạng",
          "Ghi chú"]
HEADER_NO_ACCENTS = ["stt", "TEN DU LIEU", "co quan chu tri cung cap", "linh vuc", "Tan suat cap nhat",
                     "dinh dang", "ghi chu"]
# Agency and frequency as provinces write them: case, accents and wording vary.
AGENCIES = ["Sở Y tế", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "So Tai chinh", "Sở Văn hóa, Thể thao và Du lịch tỉnh Sơn La",
            "Công an tỉnh", "UBND phường Tô Hiệu", "Ủy ban nhân dân xã Tà Xùa", "Sở Tài chính tỉnh"]
FREQUENCIES = ["Hằng năm", "hàng năm", "Năm", "6 tháng", "Quý", "Tháng", "Tuần", "Ngày", "Khi có thay đổi",
               "Không định kỳ", "Hàng quý", "Cập nhật hằng tháng", "6 tháng một lần", "dot xuat"]
TOPICS = ["Y tế", "Giáo dục", "Tài chính", "Xã hội; Y tế", "y te"]
UNKNOWN_AGENCY_ROWS = {7, 31}  # 1-based STT
UNKNOWN_FREQUENCY_ROWS = {12, 44}


@pytest.fixture
def specs_dir(tmp_path: Path) -> Path:
    specs = tmp_path / "dataset_specs"
    (specs / "codelists").mkdir(parents=True)
    (specs / "datasets").mkdir()
    for name, text in CODELISTS.items():
        (specs / "codelists" / name).write_text(text, encoding="utf-8")
    return specs


def approved_rows(count: int = 50) -> list[list[str]]:
    rows = []
    for n in range(1, count + 1):
        agency = "Sở Du lịch và Thể thao" if n in UNKNOWN_AGENCY_ROWS else AGENCIES[n % len(AGENCIES)]
        frequency = "Khi cần" if n in UNKNOWN_FREQUENCY_ROWS else FREQUENCIES[n % len(FREQUENCIES)]
        rows.append([str(n), f"Danh mục dữ liệu số {n} của tỉnh Sơn La", agency, TOPICS[n % len(TOPICS)],
                     frequency, "XLSX", "Dữ liệu mở" if n % 3 else ""])
    return rows


def write_approved(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["UBND TỈNH SƠN LA"])
    sheet.append(["DANH MỤC DỮ LIỆU MỞ CỦA CÁC CƠ QUAN NHÀ NƯỚC TỈNH SƠN LA"])
    sheet.append(["(Kèm theo Quyết định số 978/QĐ-UBND ngày 21/4/2026 của UBND tỉnh Sơn La)"])
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    sheet.append([])  # trailing empty rows are ignored
    wb.save(path)
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_import_of_50_rows_writes_skeletons_and_reports_unmapped_rows(specs_dir: Path, tmp_path: Path) -> None:
    approved = write_approved(tmp_path / "approved.xlsx", approved_rows())
    code, output = run("catalogue", "import", str(approved), "--specs", str(specs_dir))

    unmapped = UNKNOWN_AGENCY_ROWS | UNKNOWN_FREQUENCY_ROWS
    skeletons = sorted((specs_dir / "drafts").rglob("*.yaml"))
    assert code == 1
    assert len(skeletons) == 50 - len(unmapped)
    assert "50 dòng dữ liệu: tạo mới 46 bản khung, bỏ qua 0 (đã có), 4 dòng chưa ánh xạ được." in output
    for n in UNKNOWN_AGENCY_ROWS:
        assert f"Dòng {n + 5}: «Danh mục dữ liệu số {n} của tỉnh Sơn La» — không nhận ra cơ quan " \
               "«Sở Du lịch và Thể thao»" in output
    for n in UNKNOWN_FREQUENCY_ROWS:
        assert f"Dòng {n + 5}: «Danh mục dữ liệu số {n} của tỉnh Sơn La» — không nhận ra tần suất cập nhật " \
               "«Khi cần»" in output
    # Owners from loosely written agency names; communes too.
    owners = {path.parent.name for path in skeletons}
    assert owners == {"so-y-te", "so-giao-duc-va-dao-tao", "so-tai-chinh", "so-van-hoa-the-thao-va-du-lich",
                      "cong-an-tinh", "phuong-to-hieu", "xa-ta-xua"}


def test_skeleton_content(specs_dir: Path, tmp_path: Path) -> None:
    approved = write_approved(tmp_path / "approved.xlsx", approved_rows())
    import_catalogue(approved, specs_dir)
    path = specs_dir / "drafts" / "xa-ta-xua" / "danh-muc-du-lieu-so-6-cua-tinh-son-la.yaml"
    text = path.read_text(encoding="utf-8")
    spec = yaml.safe_load(text)
    assert text.startswith("# SKELETON imported from approved.xlsx, row 11")
    assert "TODO" in text
    assert spec["name"] == path.stem
    assert spec["metadata"]["owner_org"] == "xa-ta-xua"
    assert spec["metadata"]["update_frequency"] == "weekly"  # "Tuần"
    assert spec["metadata"]["themes"] == ["giao-duc-dao-tao"]  # "Giáo dục"
    assert spec["metadata"]["legal_basis"] == "Quyết định số 978/QĐ-UBND ngày 21/4/2026 của UBND tỉnh Sơn La"
    assert spec["metadata"]["catalogue_code"] == "6"
    assert spec["schema"] == {"fields": []}
    assert spec["source"] == {"file": f"xa-ta-xua/{path.stem}.xlsx"}
    assert spec["metadata"]["contact_name"] == "Văn phòng HĐND và UBND xã Tà Xùa"


def test_a_row_titled_like_an_existing_spec_is_skipped(specs_dir: Path, tmp_path: Path) -> None:
    existing = specs_dir / "datasets" / "so-y-te" / "co-so-kham-chua-benh.yaml"
    existing.parent.mkdir(parents=True)
    existing.write_text(
        "name: co-so-kham-chua-benh\nmetadata: {title: 'Danh sách cơ sở khám bệnh, chữa bệnh'}\n", encoding="utf-8"
    )
    rows = [["1", "DANH SÁCH CƠ SỞ KHÁM BỆNH, CHỮA BỆNH", "Sở Y tế", "Y tế", "Hằng năm", "XLSX", ""]]
    report = import_catalogue(write_approved(tmp_path / "a.xlsx", rows), specs_dir)
    assert report.created == [] and [path for _, path in report.skipped] == [existing]


def test_reimport_skips_existing_skeletons_and_specs(specs_dir: Path, tmp_path: Path) -> None:
    approved = write_approved(tmp_path / "approved.xlsx", approved_rows())
    # A complete spec that already exists in datasets/ (under another file layout) is never overwritten.
    done = specs_dir / "datasets" / "so-y-te" / "danh-muc-du-lieu-so-8-cua-tinh-son-la.yaml"
    done.parent.mkdir(parents=True)
    done.write_text("name: danh-muc-du-lieu-so-8-cua-tinh-son-la\nmetadata: {title: Đã có}\n", encoding="utf-8")
    first = import_catalogue(approved, specs_dir)
    assert len(first.created) == 45 and len(first.skipped) == 1
    assert done.read_text(encoding="utf-8").endswith("{title: Đã có}\n")

    skeleton = first.created[0][1]
    skeleton.write_text(skeleton.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    code, output = run("catalogue", "import", str(approved), "--specs", str(specs_dir), "--lang", "en")
    assert code == 1  # still the 4 unmapped rows
    assert "50 dataset rows: 0 skeletons created, 46 skipped (already there), 4 rows not mapped." in output
    assert skeleton.read_text(encoding="utf-8").endswith("# edited by hand\n")


def test_header_titles_match_without_diacritics(specs_dir: Path, tmp_path: Path) -> None:
    rows = [r for r in approved_rows(20) if int(r[0]) not in UNKNOWN_AGENCY_ROWS | UNKNOWN_FREQUENCY_ROWS]
    approved = write_approved(tmp_path / "plain.xlsx", rows, HEADER_NO_ACCENTS)
    out = tmp_path / "skeletons"
    code, output = run("catalogue", "import", str(approved), "--specs", str(specs_dir), "--out", str(out))
    assert code == 0, output
    assert len(list(out.rglob("*.yaml"))) == len(rows)
    assert not (specs_dir / "drafts").exists()


def test_csv_and_section_rows(specs_dir: Path, tmp_path: Path) -> None:
    approved = tmp_path / "approved.csv"
    approved.write_text(
        "DANH MỤC DỮ LIỆU MỞ;;;;\n"
        "Số TT;Tên bộ dữ liệu;Cơ quan chủ trì;Lĩnh vực;Tần suất\n"
        "I;SỞ Y TẾ;;;\n"
        "1;Danh sách nhà thuốc;;Y tế;Hằng tháng\n"
        "2;Danh sách phòng khám;;Y tế;Hằng năm\n"
        "II;Công an tỉnh;;;\n"
        "3;Tai nạn giao thông;;Xã hội;Hàng tháng\n",
        encoding="utf-8-sig",
    )
    report = import_catalogue(approved, specs_dir)
    assert report.all_mapped
    assert [(row.title, path.parent.name) for row, path in report.created] == [
        ("Danh sách nhà thuốc", "so-y-te"),
        ("Danh sách phòng khám", "so-y-te"),
        ("Tai nạn giao thông", "cong-an-tinh"),
    ]


def test_unreadable_or_headerless_file_exits_2(specs_dir: Path, tmp_path: Path) -> None:
    code, output = run("catalogue", "import", str(tmp_path / "missing.xlsx"), "--specs", str(specs_dir))
    assert code == 2
    wb = openpyxl.Workbook()
    wb.active.append(["Họ tên", "Địa chỉ"])
    wb.save(tmp_path / "other.xlsx")
    code, output = run("catalogue", "import", str(tmp_path / "other.xlsx"), "--specs", str(specs_dir))
    assert code == 2
    assert "Không tìm thấy dòng tiêu đề" in output


@pytest.mark.parametrize(
    ("text", "code"),
    [("Hằng năm", "annual"), ("hàng năm", "annual"), ("Năm", "annual"), ("HANG NAM", "annual"),
     ("6 tháng", "semiannual"), ("6 tháng/lần", "semiannual"), ("Quý", "quarterly"), ("Hằng quý", "quarterly"),
     ("Tháng", "monthly"), ("Cập nhật hằng tháng", "monthly"), ("Tuần", "weekly"), ("Ngày", "daily"),
     ("Hằng ngày", "daily"), ("Khi có thay đổi", "on_change"), ("khi co thay doi", "on_change"),
     ("Không định kỳ", "irregular"), ("Đột xuất", "irregular"), ("annual", "annual"), ("Khi cần", None),
     ("", None)],
)
def test_frequency_words(specs_dir: Path, text: str, code: str | None) -> None:
    assert Codes.load(specs_dir / "codelists").frequency(text) == code


def test_fold_and_names() -> None:
    assert fold("Tần suất cập nhật") == fold("TAN SUAT  CAP-NHAT") == "tan suat cap nhat"
    assert fold("Đơn vị") == "don vi"
    assert dataset_name("Danh sách cơ sở khám bệnh, chữa bệnh") == "danh-sach-co-so-kham-benh-chua-benh"
    long = dataset_name("Danh sách " * 20)
    assert len(long) <= 80 and not long.endswith("-")


def test_template_round_trip(specs_dir: Path, tmp_path: Path) -> None:
    code, output = run("catalogue", "template", "--out", str(tmp_path / "mau.xlsx"), "--specs", str(specs_dir))
    assert code == 0, output
    wb = openpyxl.load_workbook(tmp_path / "mau.xlsx")
    assert wb.sheetnames == ["Danh mục", "Danh mục mã", "Hướng dẫn"]
    sheet = wb["Danh mục"]
    assert [cell.value for cell in sheet[5]] == HEADER
    assert len(sheet.data_validations.dataValidation) == 4
    assert wb["Danh mục mã"]["A1"].value == "Sở Y tế"
    assert "UBND Xã Tà Xùa" in [cell.value for cell in wb["Danh mục mã"]["A"]]
    # Fill it in as an agency would (the example row included) and import it.
    sheet.append(["2", "Danh sách homestay", "UBND Xã Tà Xùa", "Xã hội", "Hằng quý", "XLSX", ""])
    wb.save(tmp_path / "mau.xlsx")
    report = import_catalogue(tmp_path / "mau.xlsx", specs_dir)
    assert report.all_mapped and len(report.created) == 2
