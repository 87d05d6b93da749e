"""Messages of the change list (every value the cleaner changed) and of commune matching.

Merged into ``messages.CATALOGUE``. A change's message says why the value changed; the report
prints the cell, the old and the new value around it.
"""

from __future__ import annotations

CHANGE_MESSAGES: dict[str, dict[str, str]] = {
    # --- why a value changed (one per change record)
    "change.nfc": {
        "vi": "chuẩn hoá chữ tiếng Việt tổ hợp (NFD) sang dựng sẵn (NFC); chữ trông như cũ",
        "en": "decomposed (NFD) Vietnamese normalised to composed (NFC); looks the same",
    },
    "change.legacy": {
        "vi": "chuyển từ bảng mã cũ {encoding} sang Unicode; hãy kiểm tra",
        "en": "converted from the legacy {encoding} encoding to Unicode; please check",
    },
    "change.spaces": {
        "vi": "bỏ khoảng trắng đặc biệt (dấu cách không ngắt)",
        "en": "special spaces (non-breaking) replaced",
    },
    "change.number": {
        "vi": "đọc số viết kiểu Việt Nam: dấu . ngăn nghìn, dấu , thập phân",
        "en": "number read the Vietnamese way: . between thousands, , before decimals",
    },
    "change.date": {
        "vi": "đọc ngày (ngày/tháng/năm) và ghi theo chuẩn ISO năm-tháng-ngày",
        "en": "date read (day/month/year) and written as ISO year-month-day",
    },
    "change.month": {
        "vi": "ghi tháng theo dạng MM/YYYY",
        "en": "month written as MM/YYYY",
    },
    "change.month_date": {
        "vi": "Excel đã đổi tháng thành ngày mùng 1; ghi lại thành tháng MM/YYYY",
        "en": "Excel had turned the month into the 1st of the month; written back as MM/YYYY",
    },
    "change.date_time_dropped": {
        "vi": "cột ngày chỉ giữ ngày, bỏ phần giờ",
        "en": "a date column keeps the day only; the time was left out",
    },
    "change.date_serial": {
        "vi": "số trong cột ngày được đọc là số ngày kiểu Excel (ô mất định dạng ngày); "
        "hãy kiểm tra",
        "en": "a number in a date column read as an Excel day count (the cell lost its date "
        "format); please check",
    },
    "change.parsed": {
        "vi": "đọc giá trị và ghi theo dạng chuẩn",
        "en": "value read and written in the standard form",
    },
    "change.percent_formatted": {
        "vi": "ô định dạng % trong cột phần trăm: ghi thành số phần trăm (0,125 → 12,5)",
        "en": "a %-formatted cell in a percent column: written as percentage points (0.125 → 12.5)",
    },
    "change.percent_typed": {
        "vi": "ô gõ kèm dấu % trong cột phần trăm: bỏ dấu %, giữ số phần trăm",
        "en": "a cell typed with % in a percent column: the % sign left out, the percentage kept",
    },
    "change.merged_filled": {
        "vi": "ô nằm trong vùng ô gộp: điền giá trị của ô {anchor} xuống (source.fill_merged)",
        "en": "a cell inside a merged range: filled with the value of {anchor} "
        "(source.fill_merged)",
    },
    "change.total_row": {
        "vi": "bỏ dòng tổng cộng (không phải dữ liệu; đã dùng để kiểm tra tổng)",
        "en": "total row left out (not data; used to check the sums)",
    },
    "change.commune.name": {
        "vi": "ghi đúng tên chính thức của đơn vị",
        "en": "written as the unit's official name",
    },
    "change.commune.old_name": {
        "vi": "tên trước sắp xếp 2025 «{via}», nay thuộc đơn vị mới",
        "en": 'pre-2025 name "{via}", now part of the new unit',
    },
    "change.commune.folded": {
        "vi": "khác tên chính thức ở dấu hoặc ở Xã/Phường; chỉ khớp một đơn vị («{via}»)",
        "en": 'differs from the official name in accents or Xã/Phường; matches one unit only '
        '("{via}")',
    },
    "change.commune.suggestion": {
        "vi": "gợi ý gần nhất «{via}», đã áp dụng vì người dùng chấp nhận gợi ý",
        "en": 'nearest name "{via}", applied because suggestions were accepted',
    },
    # --- the cleaning summary (counts)
    "clean.commune.folded": {
        "vi": "Tên khác ở dấu hoặc Xã/Phường «{old}» → «{new}» ({count} ô).",
        "en": 'Name differing in accents or Xã/Phường "{old}" → "{new}" ({count} cells).',
    },
    "clean.commune.suggestion": {
        "vi": "Áp dụng gợi ý đã chấp nhận «{old}» → «{new}» ({count} ô).",
        "en": 'Accepted suggestion applied "{old}" → "{new}" ({count} cells).',
    },
    # --- problems
    "problem.commune_split": {
        "vi": "Đơn vị cũ «{value}» đã được chia cho nhiều đơn vị mới: {candidates}. "
        "Hãy ghi tên đơn vị mới mà địa điểm này thuộc về.",
        "en": 'The old unit "{value}" was divided among several new units: {candidates}. '
        "Write the new unit this place belongs to.",
    },
    "problem.commune_suggestion_pending": {
        "vi": "«{value}» không có trong danh mục; gợi ý: «{name}». Chưa áp dụng: sửa trong tệp, "
        "hoặc chạy lại với --accept-suggestions để chấp nhận gợi ý.",
        "en": '"{value}" is not in the list; suggestion: "{name}". Not applied: fix the file, '
        "or run again with --accept-suggestions to accept the suggestions.",
    },
    "fix.problem.commune_split": {
        "vi": "Ghi tên đơn vị mới (sau 01/7/2025) mà thôn, bản, tổ dân phố này thuộc về.",
        "en": "Write the new unit (since 1 July 2025) this village or quarter belongs to.",
    },
    "fix.problem.commune_suggestion_pending": {
        "vi": "Sửa tên trong tệp, hoặc nếu gợi ý đúng thì chạy lại với --accept-suggestions.",
        "en": "Correct the name in the file or, if the suggestion is right, run again with "
        "--accept-suggestions.",
    },
    # --- the change list in reports
    "report.changes_heading": {
        "vi": "Các giá trị đã thay đổi ({count}):",
        "en": "Values changed ({count}):",
    },
    "report.change_line": {
        "vi": "{location}: «{old}» → «{new}» — {reason}",
        "en": '{location}: "{old}" → "{new}" — {reason}',
    },
    "report.changes_more_terminal": {
        "vi": "  … và {count} thay đổi khác cùng lý do (xem thêm trong báo cáo --html/--json).",
        "en": "  … and {count} more changes for the same reason (more in the --html/--json "
        "reports).",
    },
    "report.changes_more": {
        "vi": "… và {count} thay đổi khác cùng lý do không được liệt kê (báo cáo giữ {kept} "
        "thay đổi đầu tiên cho mỗi lý do).",
        "en": "… and {count} more changes for the same reason, not listed (the report keeps "
        "the first {kept} changes for each reason).",
    },
    "report.col.old": {"vi": "Giá trị cũ", "en": "Old value"},
    "report.col.new": {"vi": "Giá trị mới", "en": "New value"},
    "report.col.reason": {"vi": "Lý do", "en": "Reason"},
    "report.no_changes": {
        "vi": "Không giá trị nào bị thay đổi.",
        "en": "No value was changed.",
    },
    # --- validate --output and --accept-suggestions
    "help.output_cleaned": {
        "vi": "Ghi bảng đã làm sạch, đúng như sẽ công bố, ra tệp .csv hoặc .xlsx.",
        "en": "Write the cleaned table, exactly as it would be published, to a .csv or .xlsx file.",
    },
    "help.accept_suggestions": {
        "vi": "Chấp nhận và áp dụng các gợi ý sửa tên xã, phường viết sai (mỗi thay đổi được "
        "liệt kê trong báo cáo).",
        "en": "Accept and apply the suggested corrections of misspelt commune/ward names "
        "(each change is listed in the report).",
    },
    "output.bad_extension": {
        "vi": "Không ghi được «{path}»: chỉ hỗ trợ tệp .csv hoặc .xlsx.",
        "en": 'Cannot write "{path}": only .csv or .xlsx files are supported.',
    },
    "output.written": {
        "vi": "Đã ghi bảng dữ liệu đã làm sạch (đúng như sẽ công bố): {path}",
        "en": "Cleaned table written (exactly as it would be published): {path}",
    },
}
