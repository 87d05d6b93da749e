"""``sonla-publish catalogue check`` on a tiny catalogue."""

from pathlib import Path

from click.testing import CliRunner
from sonla_publisher.cli.main import main
from sonla_publisher.specs.catalogue import check_catalogue


def test_clean_catalogue_exits_0(specs_dir: Path) -> None:
    result = CliRunner().invoke(main, ["catalogue", "check", "--specs", str(specs_dir)])
    assert result.exit_code == 0, result.output
    assert "Đã kiểm tra 1 đặc tả: không có lỗi." in result.output


def test_commune_may_own_a_dataset(specs_dir: Path, sample) -> None:
    data = sample.spec_data(name="diem-du-lich")
    data["metadata"]["owner_org"] = "phuong-to-hieu"
    sample.write_spec(specs_dir, data, agency="phuong-to-hieu")
    assert check_catalogue(specs_dir).valid


def test_problems_are_listed_and_exit_1(specs_dir: Path, sample) -> None:
    broken = sample.spec_data(name="Sai Ten")
    broken["metadata"].update(
        owner_org="so-khong-co", themes=["khong-co"], update_frequency="hourly", license_id="all-rights-reserved"
    )
    del broken["metadata"]["notes"]
    broken["schema"]["fields"][2]["type"] = "so"
    broken["schema"]["primaryKey"] = ["ma"]
    sample.write_spec(specs_dir, broken, agency="so-khong-co")
    sample.write_spec(specs_dir, sample.spec_data(), agency="ban-sao")  # same name again
    (specs_dir / "datasets" / "hong.yaml").write_text("name: [không đóng", encoding="utf-8")

    report = check_catalogue(specs_dir)
    found = {(problem.path, problem.message_id) for problem in report.problems}
    broken_path = "datasets/so-khong-co/Sai Ten.yaml"
    assert found == {
        ("datasets/hong.yaml", "spec.bad_yaml"),
        ("datasets/so-y-te/co-so-kham-chua-benh.yaml", "catalogue.duplicate_name"),
        (broken_path, "spec.bad_name"),
        (broken_path, "spec.missing_key"),
        (broken_path, "spec.bad_schema"),
        (broken_path, "spec.unknown_primary_key"),
        (broken_path, "catalogue.unknown_org"),
        (broken_path, "catalogue.unknown_theme"),
        (broken_path, "catalogue.unknown_frequency"),
        (broken_path, "catalogue.unknown_licence"),
    }

    result = CliRunner().invoke(main, ["catalogue", "check", "--specs", str(specs_dir)])
    assert result.exit_code == 1
    assert f"{broken_path}: Chủ đề «khong-co» không có trong codelists/themes.csv." in result.output
    assert "Đã kiểm tra 4 đặc tả:" in result.output


def test_missing_code_list_is_a_problem(specs_dir: Path) -> None:
    (specs_dir / "codelists" / "licences.csv").unlink()
    report = check_catalogue(specs_dir)
    assert [problem.message_id for problem in report.problems] == ["catalogue.missing_codelist"]


def test_missing_catalogue_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["catalogue", "check", "--specs", str(tmp_path)])
    assert result.exit_code == 2
    assert "datasets" in result.output


def test_province_field_keys_are_checked(specs_dir: Path, sample) -> None:
    data = sample.spec_data()
    data["schema"]["fields"][1]["x-sonla-codelist"] = "xa"
    data["schema"]["fields"][2]["x-sonla-total"] = "không"
    sample.write_spec(specs_dir, data)
    messages = [problem.message("en") for problem in check_catalogue(specs_dir).problems]
    assert 'Field "ten_co_so": unknown x-sonla-codelist "xa"; use one of: communes.' in messages
    assert 'Field "so_giuong": x-sonla-total takes true or false only.' in messages
