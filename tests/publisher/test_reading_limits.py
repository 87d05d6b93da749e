"""Bounded cost of reading hostile workbooks: a zip bomb is refused before it is inflated, in a
separate process whose peak memory is measured."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from conftest import good_rows, write_health_xlsx
from hostile.cases_reading import lie_about_size
from sonla_publisher.errors import ReadError
from sonla_publisher.reading import input_checks
from sonla_publisher.reading.input_checks import check_zip

SPEC = "co-so-kham-chua-benh"
MAX_PEAK_RSS_MB = 300


def sheet_bomb(folder: Path, inflated_mb: int) -> Path:
    """An agency workbook whose sheet holds ``inflated_mb`` MB of identical cells without
    references: about 500:1, the profile of the issue's 3.7 MB file that inflated to 1.5 GB."""
    source = write_health_xlsx(folder / "goc.xlsx", good_rows(3))
    path = folder / "bom.xlsx"
    row = b"<row>" + b"<c><v>1</v></c>" * 1000 + b"</row>"
    chunk = row * (1024**2 // len(row))
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in original.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info, original.read(info.filename))
                continue
            with out.open(info.filename, "w", force_zip64=True) as part:
                part.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                           b'spreadsheetml/2006/main"><sheetData>')
                for _ in range(inflated_mb):
                    part.write(chunk)
                part.write(b"</sheetData></worksheet>")
    return path


# Starts the CLI and writes its peak RSS (KB) to argv[1]. A child's ru_maxrss counts the memory of
# the process it was spawned from (Linux records the old image's high-water mark at exec, and
# subprocess spawns with vfork): spawned straight from pytest, the CLI's "peak" was pytest's own
# RSS once the suite had grown it (301 MB in a full run). This small parent keeps it out.
_MEASURER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as handle:
    handle.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_measured(args: list[str]) -> tuple[int, str, float, float]:
    """Run the CLI in a child process: exit code, output, peak RSS (MB) and seconds."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        rss_file = Path(folder) / "rss"
        child = subprocess.run(
            [sys.executable, "-c", _MEASURER, str(rss_file), sys.executable, "-m",
             "sonla_publisher", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env={**os.environ, "SONLA_LANG": "vi"},
            check=False,
        )
        peak_kb = int(rss_file.read_text())
    output = child.stdout.decode("utf-8", "replace")
    return child.returncode, output, peak_kb / 1024, time.monotonic() - started


def test_the_peak_measured_is_the_cli_s_own_not_pytest_s() -> None:
    """However large the test process has grown, the CLI's peak is its own."""
    ballast = bytearray(MAX_PEAK_RSS_MB * 1024**2)
    for index in range(0, len(ballast), 4096):  # touched: resident, not just reserved
        ballast[index] = 1
    code, _, peak_mb, _ = run_measured(["--version"])
    del ballast
    assert code == 0
    assert peak_mb < 100, f"peak RSS {peak_mb:.0f} MB"


def test_sheet_bomb_is_refused_with_bounded_memory(specs_dir: Path, tmp_path: Path) -> None:
    path = sheet_bomb(tmp_path, 400)
    assert path.stat().st_size < 2 * 1024**2  # 400 MB of sheet in under 2 MB
    code, output, peak_mb, seconds = run_measured(["validate", SPEC, str(path), "--specs", str(specs_dir)])
    assert peak_mb < MAX_PEAK_RSS_MB, f"peak RSS {peak_mb:.0f} MB"
    assert seconds < 30
    assert code == 2, output
    assert "nén với tỷ lệ" in output, output
    assert "Traceback" not in output


def test_lying_zip_directory_is_caught_while_inflating(tmp_path: Path) -> None:
    path = sheet_bomb(tmp_path, 20)
    lie_about_size(path, "xl/worksheets/sheet1.xml", 5000)
    with pytest.raises(ReadError) as raised:
        check_zip(path)
    assert raised.value.message_id == "read.zip_size_lies"
    assert raised.value.params["part"] == "xl/worksheets/sheet1.xml"


def test_honest_workbook_passes_the_inflating_check(tmp_path: Path) -> None:
    check_zip(write_health_xlsx(tmp_path / "tot.xlsx", good_rows(28)))


def test_total_declared_size_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(input_checks, "MAX_UNCOMPRESSED_BYTES", 1024**2)
    path = sheet_bomb(tmp_path, 2)
    with pytest.raises(ReadError) as raised:
        check_zip(path)
    assert raised.value.message_id == "read.zip_bomb"


def test_total_limit_grows_with_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(input_checks, "MAX_UNCOMPRESSED_BYTES", 1024**2)
    monkeypatch.setattr(input_checks, "LARGE_PART_BYTES", 1024**3)  # only the total is checked here
    path = sheet_bomb(tmp_path, 2)  # 2 MB of sheet
    with pytest.raises(ReadError):
        input_checks.check_file(path, spreadsheet=True, max_bytes=input_checks.max_file_bytes(50))
    input_checks.check_file(path, spreadsheet=True, max_bytes=input_checks.max_file_bytes(150))


def test_a_part_compressed_with_a_method_office_never_uses_is_refused(tmp_path: Path) -> None:
    # bzip2 or lzma parts could not be inflated by the size check, so their directory could lie.
    source = write_health_xlsx(tmp_path / "tot.xlsx", good_rows(3))
    path = tmp_path / "bzip2.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as repacked:
        for info in original.infolist():
            method = zipfile.ZIP_BZIP2 if info.filename.endswith("sheet1.xml") else zipfile.ZIP_DEFLATED
            repacked.writestr(info.filename, original.read(info.filename), compress_type=method)
    with pytest.raises(ReadError) as raised:
        check_zip(path)
    assert raised.value.message_id == "read.not_spreadsheet"
    assert raised.value.params["reason"].message_id == "reason.zip_method"
