"""Messages read from the gettext catalogues render as the hand-written dictionary did (issue 17).

Before the move, every message was rendered in both languages and compared after it: all 424 were
byte-for-byte the same. These cases keep the parts that could break: leading spaces, quotes, texts
of the sync and change tables, one English text with two Vietnamese translations (the msgctxt).
"""

import pytest
from sonla_publisher.i18n.messages import bilingual, render

CASES = [
    ("problem.record_line", {"line": 12}, " (dòng 12 của tệp văn bản)", " (line 12 of the text file)"),
    ("spec.not_found", {"name": "x", "specs_dir": "d"},
     "Không có đặc tả nào tên «x» trong d/datasets.", 'No spec named "x" in d/datasets.'),
    ("change.legacy", {"encoding": "TCVN3"}, "chuyển từ bảng mã cũ TCVN3 sang Unicode; hãy kiểm tra",
     "converted from the legacy TCVN3 encoding to Unicode; please check"),
    ("sync.col.count", {}, "Số bộ dữ liệu", "Datasets"),
    ("status.sheet.datasets", {}, "Bộ dữ liệu", "Datasets"),
]


@pytest.mark.parametrize(("message_id", "params", "vi", "en"), CASES)
def test_message_renders_as_before(message_id: str, params: dict, vi: str, en: str) -> None:
    assert render(message_id, "vi", params) == vi
    assert render(message_id, "en", params) == en


def test_command_help_is_bilingual() -> None:
    assert bilingual("help.main") == ("Kiểm tra và công bố dữ liệu mở lên Cổng dữ liệu mở tỉnh Sơn La. / "
                                      "Validate and publish open data to the Sơn La open-data portal.")
