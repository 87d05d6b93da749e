"""`sonla-publish catalogue list` and "did you mean" for unknown dataset and agency names (issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sonla_publisher.cli.main import main
from sonla_publisher.specs.suggestions import closest, fold

from tests.publisher.conftest import health_spec, write_spec


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), env={"SONLA_LANG": None, "SONLA_SPECS_DIR": None})


@pytest.fixture
def catalogue(specs_dir: Path) -> Path:
    """The health spec of so-y-te, plus one monthly dataset of a ward."""
    ward = health_spec(name="ho-ngheo-phuong-to-hieu")
    ward["metadata"] = {**ward["metadata"], "title": "Hộ nghèo phường Tô Hiệu", "owner_org": "phuong-to-hieu",
                        "update_frequency": "monthly"}
    write_spec(specs_dir, ward, agency="phuong-to-hieu")
    return specs_dir


def test_the_list_names_each_dataset_with_its_agency_and_frequency(catalogue: Path) -> None:
    result = run("catalogue", "list", "--specs", str(catalogue))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Mã bộ dữ liệu | Bộ dữ liệu | Cơ quan | Tần suất cập nhật"
    assert "ho-ngheo-phuong-to-hieu | Hộ nghèo phường Tô Hiệu | Phường Tô Hiệu | Hằng tháng" in lines
    assert "co-so-kham-chua-benh | Danh sách cơ sở khám bệnh, chữa bệnh | Sở Y tế | Hằng năm" in lines
    assert lines[-1] == "2 bộ dữ liệu."
    english = run("catalogue", "list", "--specs", str(catalogue), "--lang", "en").output
    assert "co-so-kham-chua-benh | Danh sách cơ sở khám bệnh, chữa bệnh | Department of Health | Yearly" in english
    assert english.splitlines()[-1] == "2 datasets."


@pytest.mark.parametrize("agency", ["so-y-te", "Sở Y tế", "so y te", "SỞ Y TẾ", "So Y Te"])
def test_an_agency_is_found_by_code_or_name_with_or_without_accents(catalogue: Path, agency: str) -> None:
    result = run("catalogue", "list", "--specs", str(catalogue), "--agency", agency)
    assert result.exit_code == 0, result.output
    assert "co-so-kham-chua-benh" in result.output
    assert "ho-ngheo-phuong-to-hieu" not in result.output
    assert result.output.splitlines()[-1] == "1 bộ dữ liệu."


def test_an_unknown_agency_exits_2_with_the_closest_names(catalogue: Path) -> None:
    result = run("catalogue", "list", "--specs", str(catalogue), "--agency", "So Y Tees")
    assert result.exit_code == 2
    assert ("Không có cơ quan «So Y Tees» trong " in result.output
            and "Bạn có muốn nói: so-y-te?" in result.output)
    assert "Traceback" not in result.output
    nothing_close = run("catalogue", "list", "--specs", str(catalogue), "--agency", "Kho bạc Nhà nước")
    assert nothing_close.exit_code == 2
    assert "Không có cơ quan «Kho bạc Nhà nước»" in nothing_close.output
    assert "Bạn có muốn nói" not in nothing_close.output


def test_an_unreadable_spec_is_reported_not_silently_left_out(catalogue: Path) -> None:
    (catalogue / "datasets" / "so-y-te" / "hong.yaml").write_text("name: [unclosed", encoding="utf-8")
    result = run("catalogue", "list", "--specs", str(catalogue))
    assert result.exit_code == 0
    assert "1 tệp đặc tả không đọc được" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("validate",),
        ("template", "-o", "mau.xlsx"),
        ("push", "--url", "http://127.0.0.1:9"),  # fails on the name, before any request
    ],
)
@pytest.mark.parametrize(
    "typed",
    ["co-so-kham-chua-bnh", "co so kham chua benh", "Danh sách cơ sở khám bệnh chữa bệnh", "CO-SO-KHAM-CHUA-BENH"],
)
def test_an_unknown_dataset_name_gets_a_suggestion(
    catalogue: Path, command: tuple[str, ...], typed: str
) -> None:
    result = run(command[0], typed, *command[1:], "--specs", str(catalogue))
    assert result.exit_code == 2, result.output
    assert f"Không có đặc tả nào tên «{typed}»" in result.output
    assert "Bạn có muốn nói: co-so-kham-chua-benh?" in result.output  # suggested, never picked


def test_a_name_close_to_nothing_gets_no_suggestion(catalogue: Path) -> None:
    result = run("validate", "thu-tuc-hanh-chinh", "--specs", str(catalogue), "--lang", "en")
    assert result.exit_code == 2
    assert result.output.strip().endswith('No spec named "thu-tuc-hanh-chinh" in ' f"{catalogue}/datasets.")


def test_folding_ignores_accents_case_and_punctuation() -> None:
    assert fold("Sở Y tế") == fold("so-y-te") == fold("SO  Y TE") == "so y te"
    assert fold("Đường") == "duong"
    assert closest("nha thuoc", [("nha-thuoc-quay-thuoc", ["Nhà thuốc, quầy thuốc"]), ("a", [])]) == [
        "nha-thuoc-quay-thuoc"
    ]
