"""Every user-facing string, in Vietnamese and English, keyed by message id.

Templates use ``str.format`` fields. A parameter may itself be a :class:`Ref` to another
message (for example the name of a data type), rendered in the same language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Lang = Literal["vi", "en"]
LANGUAGES: tuple[Lang, ...] = ("vi", "en")


@dataclass(frozen=True)
class Ref:
    """A message used as a parameter of another message."""

    message_id: str
    params: Mapping[str, Any] = field(default_factory=dict)


CATALOGUE: dict[str, dict[Lang, str]] = {
    # --- command-line help (shown in both languages: it is printed before --lang is parsed)
    "help.main": {
        "vi": "Kiểm tra và công bố dữ liệu mở lên Cổng dữ liệu mở tỉnh Sơn La.",
        "en": "Validate and publish open data to the Sơn La open-data portal.",
    },
    "help.validate": {
        "vi": "Kiểm tra một tệp dữ liệu theo đặc tả SPEC_NAME (mặc định: tệp mẫu của đặc tả).",
        "en": "Validate a data file against the spec SPEC_NAME (default: the spec's sample file).",
    },
    "help.push": {
        "vi": "Kiểm tra rồi công bố một bộ dữ liệu lên cổng (siêu dữ liệu, tệp, DataStore).",
        "en": "Validate, then publish one dataset to the portal (metadata, files, DataStore).",
    },
    "help.portal": {"vi": "Thiết lập cổng dữ liệu.", "en": "Set up the portal."},
    "help.portal_setup": {
        "vi": "Tạo/cập nhật tổ chức (cơ quan, xã, phường) và nhóm chủ đề từ danh mục mã.",
        "en": "Create/update organizations (agencies, communes, wards) and theme groups "
        "from the code lists.",
    },
    "help.catalogue": {
        "vi": "Làm việc với danh mục đặc tả.",
        "en": "Work with the spec catalogue.",
    },
    "help.catalogue_check": {
        "vi": "Kiểm tra mọi đặc tả bộ dữ liệu và danh mục mã.",
        "en": "Check every dataset spec against the code lists.",
    },
    "help.url": {"vi": "Địa chỉ cổng CKAN.", "en": "Address of the CKAN portal."},
    "help.token": {
        "vi": "Mã truy cập API (nên đặt bằng biến môi trường).",
        "en": "API token (better set through the environment variable).",
    },
    "help.timeout": {
        "vi": "Thời gian chờ tối đa cho mỗi yêu cầu (giây).",
        "en": "Longest wait for each request (seconds).",
    },
    "help.lang": {"vi": "Ngôn ngữ thông báo.", "en": "Language of messages."},
    "help.specs": {
        "vi": "Thư mục đặc tả (dataset_specs).",
        "en": "Spec directory (dataset_specs).",
    },
    "help.allow_invalid": {
        "vi": "Vẫn công bố khi dữ liệu có lỗi (ghi trạng thái 'có lỗi').",
        "en": "Publish even when the data has problems (marked 'invalid').",
    },
    "help.force": {
        "vi": "Ghi lại kể cả khi dữ liệu không thay đổi.",
        "en": "Write again even when nothing changed.",
    },
    "help.mode": {
        "vi": (
            "Cách gửi: auto (mặc định: một yêu cầu cho mỗi bộ dữ liệu nếu cổng có "
            "sonla_dataset_publish và bảng không quá 200.000 dòng), one-request, hoặc "
            "step-by-step (từng bước bằng các API chuẩn của CKAN, dùng được với mọi CKAN)."
        ),
        "en": (
            "How to send: auto (default: one request per dataset when the portal has "
            "sonla_dataset_publish and the table has at most 200,000 rows), one-request, or "
            "step-by-step (CKAN's standard API, works with any CKAN)."
        ),
    },
    # --- specs and code lists
    "spec.unreadable": {
        "vi": "Không đọc được tệp đặc tả {path}: {reason}",
        "en": "Cannot read the spec file {path}: {reason}",
    },
    "spec.bad_yaml": {
        "vi": "Tệp đặc tả {path} không đúng cú pháp YAML{where}: {reason}.",
        "en": "The spec file {path} is not valid YAML{where}: {reason}.",
    },
    "spec.not_mapping": {
        "vi": "Tệp đặc tả {path} phải là một bảng khóa: giá trị (name, metadata, schema...).",
        "en": "The spec file {path} must be a mapping (name, metadata, schema...).",
    },
    "spec.no_catalogue": {
        "vi": "Không thấy thư mục {specs_dir}/datasets. Dùng --specs để chỉ thư mục đặc tả.",
        "en": "No {specs_dir}/datasets directory. Use --specs to point at the spec directory.",
    },
    "spec.not_found": {
        "vi": "Không có đặc tả nào tên «{name}» trong {specs_dir}/datasets.",
        "en": 'No spec named "{name}" in {specs_dir}/datasets.',
    },
    "spec.invalid": {
        "vi": "Đặc tả «{name}» có lỗi, hãy chạy «sonla-publish catalogue check»: {detail}",
        "en": 'The spec "{name}" has problems, run "sonla-publish catalogue check": {detail}',
    },
    "spec.bad_name": {
        "vi": "Tên «{name}» không hợp lệ: chỉ dùng chữ thường không dấu, số và «-» (2–100 ký tự).",
        "en": 'Invalid name "{name}": use lowercase ASCII letters, digits and "-" (2–100 chars).',
    },
    "spec.missing_key": {
        "vi": "Thiếu mục bắt buộc «{key}».",
        "en": 'Missing required key "{key}".',
    },
    "spec.unknown_primary_key": {
        "vi": "Khóa chính «{field}» không phải là trường trong schema.",
        "en": 'Primary key "{field}" is not a field of the schema.',
    },
    "spec.bad_header_row": {
        "vi": "source.header_row phải là số dòng từ 1 trở lên (đang là «{value}»).",
        "en": 'source.header_row must be a row number from 1 (got "{value}").',
    },
    "spec.unknown_column_field": {
        "vi": "source.columns: cột «{title}» trỏ tới trường «{field}» không có trong schema.",
        "en": 'source.columns: column "{title}" points to "{field}", which is not in the schema.',
    },
    "spec.unknown_field_codelist": {
        "vi": "Trường «{field}»: x-sonla-codelist «{value}» không có; dùng một trong: {known}.",
        "en": 'Field "{field}": unknown x-sonla-codelist "{value}"; use one of: {known}.',
    },
    "spec.bad_total_flag": {
        "vi": "Trường «{field}»: x-sonla-total chỉ nhận true hoặc false.",
        "en": 'Field "{field}": x-sonla-total takes true or false only.',
    },
    "spec.bad_schema": {
        "vi": "Schema không hợp lệ: {reason}",
        "en": "Invalid schema: {reason}",
    },
    "spec.bad_schema_in": {
        "vi": "Schema của đặc tả «{name}» không hợp lệ: {reason}",
        "en": 'The schema of spec "{name}" is invalid: {reason}',
    },
    "codelist.unreadable": {
        "vi": "Không đọc được danh mục mã {path}: {reason}",
        "en": "Cannot read the code list {path}: {reason}",
    },
    # --- reading source files
    "read.no_source_file": {
        "vi": "Chưa chỉ tệp dữ liệu: hãy ghi đường dẫn tệp sau tên đặc tả «{name}».",
        "en": 'No data file given: add the file path after the spec name "{name}".',
    },
    "read.bad_extension": {
        "vi": "Không đọc được tệp {path}: định dạng «{suffix}» không được hỗ trợ. "
        "Hãy lưu thành .xlsx hoặc .csv.",
        "en": 'Cannot read {path}: the "{suffix}" format is not supported. '
        "Save it as .xlsx or .csv.",
    },
    "read.not_found": {"vi": "Không tìm thấy tệp {path}.", "en": "File not found: {path}."},
    "read.unreadable": {
        "vi": "Không mở được tệp {path}: {reason}",
        "en": "Cannot open {path}: {reason}",
    },
    "read.empty_file": {"vi": "Tệp {path} trống.", "en": "The file {path} is empty."},
    "read.empty_sheet": {
        "vi": "Trang tính «{sheet}» của tệp {path} không có dữ liệu.",
        "en": 'Sheet "{sheet}" of {path} has no data.',
    },
    "read.password": {
        "vi": "Tệp {path} có mật khẩu. Hãy bỏ mật khẩu rồi thử lại.",
        "en": "{path} is password-protected. Remove the password and try again.",
    },
    "read.not_spreadsheet": {
        "vi": "Không đọc được tệp {path} như một bảng tính: {reason}.",
        "en": "Cannot read {path} as a spreadsheet: {reason}.",
    },
    "read.missing_sheet": {
        "vi": "Tệp {path} không có trang tính «{sheet}». Các trang tính có: {sheets}.",
        "en": '{path} has no sheet "{sheet}". Its sheets are: {sheets}.',
    },
    "read.bad_encoding": {
        "vi": "Không nhận ra bảng mã của tệp {path}. Hãy lưu lại dưới dạng CSV UTF-8.",
        "en": "Unknown text encoding in {path}. Save it again as CSV UTF-8.",
    },
    "read.bad_csv": {"vi": "Tệp CSV bị lỗi: {reason}", "en": "Broken CSV file: {reason}"},
    "read.header_row_out_of_range": {
        "vi": "Tệp {path} không có dòng {row} (source.header_row).",
        "en": "{path} has no row {row} (source.header_row).",
    },
    "read.no_header": {
        "vi": "Không tìm thấy dòng tiêu đề cột trong {rows} dòng đầu của {path} ({where}). "
        "Các cột cần có: {titles}.",
        "en": "No header row found in the first {rows} rows of {path} ({where}). "
        "Expected columns: {titles}.",
    },
    "read.too_large": {
        "vi": "Tệp {path} nặng {size} MB, vượt giới hạn {limit} MB. Hãy tách tệp, hoặc tăng "
        "giới hạn bằng --max-size (hay biến SONLA_MAX_FILE_MB).",
        "en": "{path} is {size} MB, over the {limit} MB limit. Split the file, or raise the "
        "limit with --max-size (or SONLA_MAX_FILE_MB).",
    },
    "read.pdf": {
        "vi": "Tệp {path} là tệp PDF được đổi tên, không phải bảng tính. Hãy gửi tệp Excel "
        "(.xlsx) hoặc CSV gốc.",
        "en": "{path} is a PDF file with a spreadsheet name, not a spreadsheet. Send the "
        "original Excel (.xlsx) or CSV file.",
    },
    "read.zip_bomb": {
        "vi": "Tệp {path} khi giải nén sẽ lớn bất thường (hơn {size} MB): có thể là tệp độc hại "
        "hoặc hỏng. Không đọc tệp này.",
        "en": "{path} would expand to an abnormal size (over {size} MB) when unpacked: it may "
        "be malicious or damaged. Not reading it.",
    },
    "read.spreadsheet_as_csv": {
        "vi": "Tệp {path} là bảng tính Excel nhưng có đuôi .csv. Hãy đổi đuôi thành .xlsx "
        "hoặc lưu lại dưới dạng CSV UTF-8.",
        "en": "{path} is an Excel workbook with a .csv name. Rename it to .xlsx or save it "
        "again as CSV UTF-8.",
    },
    "reason.not_a_workbook": {
        "vi": "nội dung không phải tệp Excel (có thể là tệp khác bị đổi đuôi)",
        "en": "the content is not an Excel file (maybe another file renamed)",
    },
    "codelist.missing_communes": {
        "vi": "Đặc tả «{name}» cần danh mục xã, phường nhưng không thấy {path}/communes.csv.",
        "en": 'The spec "{name}" needs the commune list but {path}/communes.csv is missing.',
    },
    # --- cleaning steps
    "clean.merged_header": {
        "vi": "Ghép tiêu đề hai dòng (dòng {rows}): tiêu đề gộp + tiêu đề con.",
        "en": "Joined the two-row header (rows {rows}): merged parent title + child title.",
    },
    "clean.column_numbers": {
        "vi": "Bỏ dòng đánh số cột (dòng {row}).",
        "en": "Dropped the column-number row (row {row}).",
    },
    "clean.stt_column": {
        "vi": "Bỏ cột số thứ tự «{title}» (cột {column}).",
        "en": 'Dropped the row-number column "{title}" (column {column}).',
    },
    "clean.extra_column": {
        "vi": "Bỏ qua cột «{title}» (cột {column}): không có trong đặc tả.",
        "en": 'Ignored column "{title}" (column {column}): not in the spec.',
    },
    "clean.signature": {
        "vi": "Bỏ phần chữ ký cuối bảng (dòng {first}–{last}).",
        "en": "Dropped the signature block at the bottom (rows {first}–{last}).",
    },
    "clean.stopped_at_empty_rows": {
        "vi": "Dừng đọc ở dòng {row}: đã gặp {count} dòng trống liên tiếp (phần còn lại coi "
        "như trống).",
        "en": "Stopped reading at row {row} after {count} empty rows in a row (the rest is "
        "taken as empty).",
    },
    "clean.empty_rows": {
        "vi": "Bỏ {count} dòng trống.",
        "en": "Skipped {count} empty rows.",
    },
    "clean.note_rows": {
        "vi": "Bỏ các dòng không có dữ liệu trong các cột của đặc tả (ghi chú, nhãn): {rows}.",
        "en": "Skipped rows with nothing in the spec's columns (notes, labels): {rows}.",
    },
    "clean.nfc": {
        "vi": "Chuẩn hóa {count} ô chữ tiếng Việt dạng tổ hợp (NFD) sang dạng dựng sẵn (NFC).",
        "en": "Normalised {count} text cells from decomposed (NFD) to composed (NFC) Vietnamese.",
    },
    "clean.legacy": {
        "vi": "Chuyển {count} ô gõ bằng bảng mã cũ {encoding} sang Unicode, ví dụ: {examples}. "
        "Hãy kiểm tra lại các ô này.",
        "en": "Converted {count} cells typed in the legacy {encoding} encoding to Unicode, "
        "e.g. {examples}. Please check these cells.",
    },
    "clean.commune.name": {
        "vi": "Ghi đúng tên đơn vị hành chính: «{old}» → «{new}» ({count} ô).",
        "en": 'Official unit name: "{old}" → "{new}" ({count} cells).',
    },
    "clean.commune.old_name": {
        "vi": "Tên trước sắp xếp 2025 «{old}» → đơn vị mới «{new}» ({count} ô).",
        "en": 'Pre-2025 name "{old}" → the new unit "{new}" ({count} cells).',
    },
    "report.cleaning": {"vi": "Các bước làm sạch:", "en": "Cleaning steps:"},
    # --- validation problems
    "problem.missing_column": {
        "vi": "Không có cột «{title}» ở dòng tiêu đề (dòng {row}). Hãy thêm cột hoặc sửa tên cột.",
        "en": 'Column "{title}" is missing from the header row (row {row}). '
        "Add it or fix its title.",
    },
    "problem.no_rows": {
        "vi": "Bảng không có dòng dữ liệu nào dưới dòng tiêu đề (dòng {row}).",
        "en": "The table has no data rows below the header row (row {row}).",
    },
    "problem.type": {
        "vi": "Giá trị «{value}» không phải {type}.",
        "en": 'The value "{value}" is not {type}.',
    },
    "type.integer": {
        "vi": "số nguyên (ví dụ 1.391.226)",
        "en": "a whole number (e.g. 1.391.226)",
    },
    "type.number": {"vi": "số (ví dụ 99,92)", "en": "a number (e.g. 99,92)"},
    "type.date": {
        "vi": "ngày (ngày/tháng/năm, ví dụ 15/03/2024)",
        "en": "a date (day/month/year, e.g. 15/03/2024)",
    },
    "type.datetime": {"vi": "ngày giờ", "en": "a date and time"},
    "type.year": {"vi": "năm (ví dụ 2024)", "en": "a year (e.g. 2024)"},
    "type.boolean": {"vi": "giá trị đúng/sai", "en": "true or false"},
    "type.time": {"vi": "giờ (ví dụ 08:30)", "en": "a time (e.g. 08:30)"},
    "type.other": {"vi": "đúng kiểu dữ liệu", "en": "of the right type"},
    "problem.constraint.required": {
        "vi": "Ô bắt buộc nhưng đang để trống.",
        "en": "This cell is required but empty.",
    },
    "problem.constraint.minimum": {
        "vi": "Giá trị «{value}» nhỏ hơn mức tối thiểu {limit}.",
        "en": 'The value "{value}" is below the minimum {limit}.',
    },
    "problem.constraint.maximum": {
        "vi": "Giá trị «{value}» lớn hơn mức tối đa {limit}.",
        "en": 'The value "{value}" is above the maximum {limit}.',
    },
    "problem.constraint.minLength": {
        "vi": "Giá trị «{value}» ngắn hơn {limit} ký tự.",
        "en": 'The value "{value}" is shorter than {limit} characters.',
    },
    "problem.constraint.maxLength": {
        "vi": "Giá trị «{value}» dài hơn {limit} ký tự.",
        "en": 'The value "{value}" is longer than {limit} characters.',
    },
    "problem.constraint.pattern": {
        "vi": "Giá trị «{value}» không đúng định dạng quy định{limit}.",
        "en": 'The value "{value}" is not in the prescribed format{limit}.',
    },
    "problem.constraint.enum": {
        "vi": "Giá trị «{value}» không nằm trong danh sách cho phép: {limit}.",
        "en": 'The value "{value}" is not one of the allowed values: {limit}.',
    },
    "problem.constraint.other": {
        "vi": "Giá trị «{value}» không thỏa ràng buộc: {detail}",
        "en": 'The value "{value}" breaks a constraint: {detail}',
    },
    "problem.duplicate": {
        "vi": "Giá trị «{value}» bị trùng với dòng {other_row}; cột này không được trùng.",
        "en": 'The value "{value}" repeats row {other_row}; this column must be unique.',
    },
    "problem.duplicate_key": {
        "vi": "Khóa ({columns}) «{value}» bị trùng với dòng {other_row}.",
        "en": 'The key ({columns}) "{value}" repeats row {other_row}.',
    },
    "problem.empty_key": {
        "vi": "Khóa ({columns}) đang để trống.",
        "en": "The key ({columns}) is empty.",
    },
    "problem.other": {"vi": "Lỗi dữ liệu: {detail}", "en": "Data problem: {detail}"},
    "problem.formula_error": {
        "vi": "Ô chứa lỗi công thức «{value}».",
        "en": 'The cell holds the formula error "{value}".',
    },
    "problem.formula_injection": {
        "vi": "Giá trị «{value}» bắt đầu bằng «{char}»: khi mở tệp CSV bằng Excel sẽ bị hiểu "
        "là công thức. Nếu vẫn đăng (--allow-invalid), tệp CSV ghi thêm dấu nháy đơn (') ở đầu "
        "để Excel hiểu là chữ; bảng dữ liệu trên cổng giữ nguyên giá trị.",
        "en": 'The value "{value}" starts with "{char}": Excel would run it as a formula when '
        "the CSV is opened. If published anyway (--allow-invalid), the CSV file gets a leading "
        "apostrophe (') so Excel reads it as text; the portal's data table keeps the value.",
    },
    "problem.total_mismatch": {
        "vi": "Dòng tổng cộng ghi {value} nhưng cộng các dòng được {sum}.",
        "en": "The total row says {value} but the rows add up to {sum}.",
    },
    "problem.commune_unknown": {
        "vi": "«{value}» không phải tên hay mã của một trong 75 xã, phường hiện hành.{suggestion}",
        "en": '"{value}" is not the name or code of one of the 75 current communes and '
        "wards.{suggestion}",
    },
    "problem.commune_ambiguous": {
        "vi": "«{value}» có thể là nhiều đơn vị: {candidates}. Không tự chọn: hãy ghi đúng tên "
        "(có dấu, có Xã/Phường) của đơn vị hiện hành.",
        "en": '"{value}" may be one of several units: {candidates}. Not guessed: write the '
        "current unit's exact name (with accents and Xã/Phường).",
    },
    "problem.commune_suggestion": {
        "vi": " Có phải là: {names}?",
        "en": " Did you mean: {names}?",
    },
    # --- how to fix each problem (HTML report)
    "fix.problem.missing_column": {
        "vi": "Thêm cột có tiêu đề đúng như trong mẫu, hoặc sửa lại tiêu đề cột cho khớp.",
        "en": "Add a column titled exactly as in the template, or correct the column title.",
    },
    "fix.problem.no_rows": {
        "vi": "Nhập dữ liệu ngay dưới dòng tiêu đề cột.",
        "en": "Enter the data right below the header row.",
    },
    "fix.problem.type": {
        "vi": "Sửa ô thành đúng kiểu dữ liệu; không ghi chữ hay ghi chú vào ô số hoặc ô ngày.",
        "en": "Correct the cell to the right type; no words or notes in number or date cells.",
    },
    "fix.problem.constraint.required": {
        "vi": "Điền giá trị cho ô này (không được để trống).",
        "en": "Fill in this cell (it must not be empty).",
    },
    "fix.problem.constraint.minimum": {
        "vi": "Kiểm tra lại số liệu: giá trị phải từ mức tối thiểu trở lên.",
        "en": "Check the figure: it must be at least the minimum.",
    },
    "fix.problem.constraint.maximum": {
        "vi": "Kiểm tra lại số liệu: giá trị không được vượt mức tối đa.",
        "en": "Check the figure: it must not exceed the maximum.",
    },
    "fix.problem.constraint.minLength": {
        "vi": "Ghi đầy đủ giá trị.",
        "en": "Write the full value.",
    },
    "fix.problem.constraint.maxLength": {
        "vi": "Rút gọn giá trị.",
        "en": "Shorten the value.",
    },
    "fix.problem.constraint.pattern": {
        "vi": "Ghi đúng định dạng nêu ở cột «Yêu cầu»; với mã số, định dạng ô là Văn bản (Text) "
        "để giữ số 0 ở đầu.",
        "en": 'Follow the format in the "Expected" column; for codes, format the cell as Text '
        "to keep leading zeros.",
    },
    "fix.problem.constraint.enum": {
        "vi": "Chọn một giá trị trong danh sách (dùng danh sách thả xuống của tệp mẫu).",
        "en": "Pick one of the allowed values (use the template's drop-down list).",
    },
    "fix.problem.constraint.other": {
        "vi": "Sửa giá trị theo ràng buộc nêu trên.",
        "en": "Correct the value as the constraint says.",
    },
    "fix.problem.duplicate": {
        "vi": "Mỗi giá trị của cột này chỉ được có một lần: xóa dòng trùng hoặc sửa giá trị.",
        "en": "Each value of this column may appear only once: delete the duplicate or fix it.",
    },
    "fix.problem.duplicate_key": {
        "vi": "Xóa dòng bị trùng, hoặc sửa mã cho đúng.",
        "en": "Delete the duplicate row, or correct the code.",
    },
    "fix.problem.empty_key": {
        "vi": "Điền mã cho dòng này.",
        "en": "Fill in the code of this row.",
    },
    "fix.problem.other": {
        "vi": "Kiểm tra lại ô này.",
        "en": "Check this cell.",
    },
    "fix.problem.formula_error": {
        "vi": "Sửa công thức (ô tham chiếu bị xóa, chia cho 0...) hoặc ghi thẳng giá trị.",
        "en": "Fix the formula (deleted reference, division by 0...) or type the value.",
    },
    "fix.problem.formula_injection": {
        "vi": "Bỏ ký tự «=», «+», «-», «@» ở đầu, hoặc viết lại nội dung.",
        "en": 'Remove the leading "=", "+", "-" or "@", or reword the text.',
    },
    "fix.problem.total_mismatch": {
        "vi": "Kiểm tra các dòng số liệu và dòng tổng cộng; sửa để tổng khớp.",
        "en": "Check the data rows and the total row; correct them so the total matches.",
    },
    "fix.problem.commune_unknown": {
        "vi": "Ghi tên xã, phường theo danh mục 75 đơn vị từ 01/7/2025 (chọn trong danh sách "
        "thả xuống của tệp mẫu).",
        "en": "Write the commune/ward name from the list of the 75 units since 1 July 2025 "
        "(pick it from the template's drop-down list).",
    },
    "fix.problem.commune_ambiguous": {
        "vi": "Ghi tên đơn vị mới mà thôn, bản, tổ dân phố này thuộc về.",
        "en": "Write the name of the new unit this place belongs to.",
    },
    # --- what a field expects (HTML report, template notes)
    "expect.required": {"vi": "bắt buộc", "en": "required"},
    "expect.unique": {"vi": "không trùng", "en": "unique"},
    "expect.minimum": {"vi": "nhỏ nhất {limit}", "en": "at least {limit}"},
    "expect.maximum": {"vi": "lớn nhất {limit}", "en": "at most {limit}"},
    "expect.minLength": {"vi": "ít nhất {limit} ký tự", "en": "at least {limit} characters"},
    "expect.maxLength": {"vi": "nhiều nhất {limit} ký tự", "en": "at most {limit} characters"},
    "expect.pattern": {"vi": "định dạng: {limit}", "en": "format: {limit}"},
    "expect.enum": {"vi": "một trong: {limit}", "en": "one of: {limit}"},
    "expect.communes": {
        "vi": "tên hoặc mã một trong 75 xã, phường",
        "en": "name or code of one of the 75 communes and wards",
    },
    "type.string": {"vi": "chữ", "en": "text"},
    # --- validation report
    "report.title": {
        "vi": "Kiểm tra «{name}»: {path}",
        "en": 'Validating "{name}": {path}',
    },
    "report.header_row": {
        "vi": "Trang tính: {sheet}; dòng tiêu đề: {row}",
        "en": "Sheet: {sheet}; header row: {row}",
    },
    "report.totals_dropped": {
        "vi": "Đã bỏ qua dòng tổng cộng: {rows}",
        "en": "Skipped total rows: {rows}",
    },
    "report.valid": {
        "vi": "Hợp lệ: {rows} dòng dữ liệu.",
        "en": "Valid: {rows} data rows.",
    },
    "report.invalid": {
        "vi": "Có {count} lỗi trong {rows} dòng dữ liệu.",
        "en": "{count} problems in {rows} data rows.",
    },
    "report.truncated": {
        "vi": "Chỉ liệt kê {count} lỗi đầu tiên; hãy sửa rồi kiểm tra lại.",
        "en": "Only the first {count} problems are listed; fix them and validate again.",
    },
    "report.col.sheet": {"vi": "Trang tính", "en": "Sheet"},
    "report.col.expected": {"vi": "Yêu cầu", "en": "Expected"},
    "report.col.fix": {"vi": "Cách sửa", "en": "How to fix"},
    "report.html_title": {
        "vi": "Kết quả kiểm tra dữ liệu «{name}»",
        "en": 'Validation report for "{name}"',
    },
    "report.file": {"vi": "Tệp", "en": "File"},
    "report.generated": {
        "vi": "Tạo bởi sonla-publish {version}",
        "en": "Made by sonla-publish {version}",
    },
    "report.no_problems": {"vi": "Không có lỗi nào.", "en": "No problems."},
    "report.problems_heading": {"vi": "Danh sách lỗi", "en": "Problems"},
    "report.written": {"vi": "Đã ghi báo cáo: {path}", "en": "Report written: {path}"},
    "report.unwritable": {
        "vi": "Không ghi được báo cáo {path}: {reason}",
        "en": "Cannot write the report {path}: {reason}",
    },
    "help.html": {
        "vi": "Ghi báo cáo HTML (một tệp, tiếng Việt) vào TỆP.",
        "en": "Write an HTML report (one file) to FILE.",
    },
    "help.json": {
        "vi": "Ghi báo cáo JSON (theo dạng báo cáo của Frictionless) vào TỆP.",
        "en": "Write a JSON report (Frictionless report layout) to FILE.",
    },
    "help.max_size": {
        "vi": "Dung lượng tệp tối đa, MB (mặc định 50).",
        "en": "Largest file accepted, MB (default 50).",
    },
    "report.col.cell": {"vi": "Ô", "en": "Cell"},
    "report.col.row": {"vi": "Dòng", "en": "Row"},
    "report.col.column": {"vi": "Cột", "en": "Column"},
    "report.col.value": {"vi": "Giá trị", "en": "Value"},
    "report.col.message": {"vi": "Lỗi", "en": "Problem"},
    "report.line.cell": {
        "vi": "Ô {cell} (dòng {row}, cột «{column}»)",
        "en": 'Cell {cell} (row {row}, column "{column}")',
    },
    "report.line.row": {"vi": "Dòng {row}", "en": "Row {row}"},
    "report.line.column": {"vi": "Cột «{column}»", "en": 'Column "{column}"'},
    "report.line.table": {"vi": "Bảng", "en": "Table"},
    # --- Excel template
    "help.template": {
        "vi": "Tạo tệp Excel mẫu cho bộ dữ liệu SPEC_NAME để cán bộ điền.",
        "en": "Write an Excel template for the dataset SPEC_NAME for staff to fill in.",
    },
    "help.output": {
        "vi": "Tệp Excel sẽ ghi (mặc định: TÊN_ĐẶC_TẢ.xlsx).",
        "en": "Excel file to write (default: SPEC_NAME.xlsx).",
    },
    "template.written": {
        "vi": "Đã ghi tệp mẫu: {path}",
        "en": "Template written: {path}",
    },
    "template.fill_from": {
        "vi": "Nhập dữ liệu từ dòng {row}; không đổi tên cột, không chèn dòng tổng cộng. "
        "Xem trang «Hướng dẫn».",
        "en": "Enter data from row {row}; do not rename columns or add a total row. "
        "See the «Hướng dẫn» sheet.",
    },
    "template.pick_from_list": {
        "vi": "Hãy chọn một giá trị trong danh sách thả xuống.",
        "en": "Pick a value from the drop-down list.",
    },
    "template.instructions_title": {
        "vi": "HƯỚNG DẪN NHẬP DỮ LIỆU: {title}",
        "en": "HOW TO FILL IN: {title}",
    },
    "template.rule.sheet": {
        "vi": "Nhập dữ liệu vào trang «{sheet}», bắt đầu từ dòng {row}, mỗi đối tượng một dòng.",
        "en": 'Enter the data in sheet "{sheet}" from row {row}, one item per row.',
    },
    "template.rule.titles": {
        "vi": "Không đổi tên, không xóa, không đổi thứ tự các cột; rê chuột vào tiêu đề cột để "
        "xem yêu cầu của cột.",
        "en": "Do not rename, delete or reorder the columns; hover over a column title to see "
        "what it expects.",
    },
    "template.rule.one_row": {
        "vi": "Không gộp ô, không thêm dòng tổng cộng, ghi chú hay chữ ký vào trang dữ liệu.",
        "en": "Do not merge cells or add total, note or signature rows to the data sheet.",
    },
    "template.rule.numbers": {
        "vi": "Ô số chỉ ghi số (ví dụ 1.391.226 hoặc 99,92), không ghi đơn vị hay chữ.",
        "en": "Number cells hold numbers only (e.g. 1.391.226 or 99,92), no units or words.",
    },
    "template.rule.dates": {
        "vi": "Ngày ghi theo ngày/tháng/năm, ví dụ 15/03/2024.",
        "en": "Dates are day/month/year, e.g. 15/03/2024.",
    },
    "template.rule.codes": {
        "vi": "Mã số và số điện thoại để ở dạng Văn bản (đã định dạng sẵn) để giữ số 0 ở đầu.",
        "en": "Codes and phone numbers stay as Text (already formatted) to keep leading zeros.",
    },
    "template.rule.lists": {
        "vi": "Cột có danh sách thả xuống (xã, phường; loại...) chỉ nhận giá trị trong danh sách.",
        "en": "Columns with a drop-down list (communes, categories...) take only listed values.",
    },
    "template.rule.check": {
        "vi": "Điền xong, kiểm tra bằng lệnh: sonla-publish validate {name} TÊN_TỆP.xlsx",
        "en": "When done, check it with: sonla-publish validate {name} FILE.xlsx",
    },
    "template.columns": {"vi": "Các cột", "en": "Columns"},
    # --- catalogue check
    "catalogue.no_specs": {
        "vi": "Không có đặc tả nào trong {specs_dir}/datasets.",
        "en": "No specs in {specs_dir}/datasets.",
    },
    "catalogue.duplicate_name": {
        "vi": "Tên «{name}» đã dùng trong {other}.",
        "en": 'The name "{name}" is already used in {other}.',
    },
    "catalogue.missing_codelist": {
        "vi": "Thiếu danh mục mã {file}.",
        "en": "Missing code list {file}.",
    },
    "catalogue.unknown_org": {
        "vi": "owner_org «{value}» không có trong codelists/agencies.csv "
        "hay codelists/communes.csv.",
        "en": 'owner_org "{value}" is not in codelists/agencies.csv or codelists/communes.csv.',
    },
    "catalogue.unknown_theme": {
        "vi": "Chủ đề «{value}» không có trong codelists/themes.csv.",
        "en": 'Theme "{value}" is not in codelists/themes.csv.',
    },
    "catalogue.unknown_frequency": {
        "vi": "Tần suất «{value}» không có trong codelists/frequencies.csv.",
        "en": 'Frequency "{value}" is not in codelists/frequencies.csv.',
    },
    "catalogue.unknown_licence": {
        "vi": "Giấy phép «{value}» không có trong codelists/licences.csv.",
        "en": 'Licence "{value}" is not in codelists/licences.csv.',
    },
    "catalogue.themes_not_list": {
        "vi": "metadata.themes phải là một danh sách.",
        "en": "metadata.themes must be a list.",
    },
    "catalogue.ok": {
        "vi": "Đã kiểm tra {count} đặc tả: không có lỗi.",
        "en": "Checked {count} specs: no problems.",
    },
    "catalogue.summary": {
        "vi": "Đã kiểm tra {count} đặc tả: {problems} lỗi.",
        "en": "Checked {count} specs: {problems} problems.",
    },
    # --- portal
    "portal.not_authorized": {
        "vi": "Tài khoản không có quyền ghi bộ dữ liệu «{dataset}» vào tổ chức «{org}». "
        "Hãy kiểm tra mã truy cập (SONLA_CKAN_TOKEN) và vai trò trong tổ chức.",
        "en": 'Not authorised to write dataset "{dataset}" in organization "{org}". '
        "Check the token (SONLA_CKAN_TOKEN) and your role in the organization.",
    },
    "portal.org_missing": {
        "vi": "Tổ chức «{org}» của bộ dữ liệu «{dataset}» chưa có trên cổng. "
        "Hãy chạy «sonla-publish portal setup» trước.",
        "en": 'Organization "{org}" of dataset "{dataset}" does not exist on the portal. '
        'Run "sonla-publish portal setup" first.',
    },
    "portal.rejected": {
        "vi": "Cổng dữ liệu từ chối bộ dữ liệu «{dataset}»: {details}",
        "en": 'The portal rejected dataset "{dataset}": {details}',
    },
    "portal.theme_not_authorized": {
        "vi": "Không công bố «{dataset}»: tài khoản không có quyền đưa bộ dữ liệu vào chủ đề "
        "{themes} (cần là thành viên của nhóm chủ đề đó). Chưa có gì được ghi lên cổng.",
        "en": 'Not publishing "{dataset}": the account may not add datasets to the theme(s) '
        "{themes} (it must be a member of that theme group). Nothing was written to the portal.",
    },
    "portal.setup_not_authorized": {
        "vi": "Tài khoản không có quyền tạo/sửa tổ chức và nhóm (cần quyền quản trị hệ thống).",
        "en": "Not authorised to create/update organizations and groups (sysadmin needed).",
    },
    "portal.setup_rejected": {
        "vi": "Cổng dữ liệu từ chối «{name}»: {details}",
        "en": 'The portal rejected "{name}": {details}',
    },
    "portal.not_found": {
        "vi": "Cổng dữ liệu báo không tìm thấy: {detail}",
        "en": "The portal says not found: {detail}",
    },
    "portal.unreachable": {
        "vi": "Không kết nối được cổng dữ liệu {url}: {reason}",
        "en": "Cannot reach the portal {url}: {reason}",
    },
    "portal.not_ckan": {
        "vi": "Địa chỉ {url} không trả lời như một cổng CKAN (HTTP {status}). Hãy kiểm tra --url.",
        "en": "{url} does not answer like a CKAN portal (HTTP {status}). Check --url.",
    },
    "portal.server_error": {
        "vi": "Cổng dữ liệu {url} gặp lỗi nội bộ (HTTP {status}).",
        "en": "The portal {url} had an internal error (HTTP {status}).",
    },
    "portal.unavailable": {
        "vi": "Cổng dữ liệu {url} trả lời lỗi máy chủ (HTTP {status}): cổng hoặc cơ sở dữ liệu "
        "của nó đang ngừng hay quá tải. Địa chỉ không sai; hãy thử lại sau.",
        "en": "The portal {url} answered with a server error (HTTP {status}): the portal or its "
        "database is down or overloaded. The address is not the problem; try again later.",
    },
    "portal.error": {
        "vi": "Cổng dữ liệu báo lỗi: {detail}",
        "en": "The portal returned an error: {detail}",
    },
    # --- push
    "push.refused_invalid": {
        "vi": "Không công bố «{name}» vì dữ liệu có lỗi. Sửa lỗi hoặc dùng --allow-invalid.",
        "en": 'Not publishing "{name}": the data has problems. Fix them or use --allow-invalid.',
    },
    "push.unchanged": {
        "vi": "«{name}»: không thay đổi, không ghi gì lên cổng.",
        "en": '"{name}": unchanged, nothing written to the portal.',
    },
    "push.step.package": {
        "vi": "Ghi siêu dữ liệu bộ dữ liệu «{name}»...",
        "en": 'Writing metadata of dataset "{name}"...',
    },
    "push.step.resource": {"vi": "Tải lên «{name}»...", "en": 'Uploading "{name}"...'},
    "push.step.datastore": {
        "vi": "Nạp {rows} dòng vào DataStore...",
        "en": "Loading {rows} rows into the DataStore...",
    },
    "push.step.one_request": {
        "vi": "Gửi siêu dữ liệu, 3 tệp và {rows} dòng của «{name}» trong một yêu cầu...",
        "en": 'Sending the metadata, 3 files and {rows} rows of "{name}" in one request...',
    },
    "push.created": {
        "vi": "Đã tạo bộ dữ liệu «{name}» ({rows} dòng): {url}",
        "en": 'Created dataset "{name}" ({rows} rows): {url}',
    },
    "push.updated": {
        "vi": "Đã cập nhật bộ dữ liệu «{name}» ({rows} dòng): {url}",
        "en": 'Updated dataset "{name}" ({rows} rows): {url}',
    },
    # --- portal setup
    "setup.organizations": {"vi": "Tổ chức", "en": "Organizations"},
    "setup.groups": {"vi": "Nhóm chủ đề", "en": "Theme groups"},
    "setup.summary": {
        "vi": "{kind}: tạo mới {created}, cập nhật {updated}, không đổi {unchanged}.",
        "en": "{kind}: {created} created, {updated} updated, {unchanged} unchanged.",
    },
    # --- catalogue import / template
    "help.catalogue_import": {
        "vi": "Đọc bảng danh mục dữ liệu mở đã phê duyệt (xlsx/csv) và tạo bản khung đặc tả "
        "cho mỗi dòng (không ghi đè đặc tả đã có).",
        "en": "Read an approved open-data catalogue spreadsheet (xlsx/csv) and write a spec "
        "skeleton for each row (never overwriting an existing spec).",
    },
    "help.catalogue_template": {
        "vi": "Tạo tệp mẫu bảng danh mục dữ liệu mở (có danh sách chọn cơ quan, lĩnh vực, "
        "tần suất).",
        "en": "Write the open-data catalogue spreadsheet template (with drop-down lists of "
        "agencies, themes, frequencies).",
    },
    "help.import_out": {
        "vi": "Thư mục ghi bản khung (mặc định: <specs>/drafts).",
        "en": "Directory for the skeletons (default: <specs>/drafts).",
    },
    "help.import_sheet": {
        "vi": "Tên sheet chứa danh mục (mặc định: sheet đầu tiên).",
        "en": "Sheet holding the catalogue (default: the first sheet).",
    },
    "help.template_out": {
        "vi": "Tệp mẫu cần ghi (.xlsx).",
        "en": "Template file to write (.xlsx).",
    },
    "import.no_header": {
        "vi": "Không tìm thấy dòng tiêu đề trong {rows} dòng đầu của {path}: cần ít nhất các cột "
        "«Tên dữ liệu», «Cơ quan chủ trì cung cấp» và «Tần suất cập nhật».",
        "en": "No header row in the first {rows} rows of {path}: the columns "
        '"Tên dữ liệu" (title), "Cơ quan chủ trì cung cấp" (agency) and '
        '"Tần suất cập nhật" (frequency) are needed.',
    },
    "import.header": {
        "vi": "Đọc {path}: dòng tiêu đề {row}.",
        "en": "Reading {path}: header row {row}.",
    },
    "import.decision": {"vi": "Căn cứ: {decision}", "en": "Legal basis: {decision}"},
    "import.created": {"vi": "Đã tạo: {path}", "en": "Created: {path}"},
    "import.skipped": {
        "vi": "Dòng {row}: «{title}» — đã có đặc tả {path}, bỏ qua.",
        "en": 'Row {row}: "{title}" — a spec already exists ({path}), skipped.',
    },
    "import.unknown_agency": {
        "vi": "Dòng {row}: «{title}» — không nhận ra cơ quan «{value}» "
        "(xem codelists/agencies.csv, communes.csv).",
        "en": 'Row {row}: "{title}" — unknown agency "{value}" '
        "(see codelists/agencies.csv, communes.csv).",
    },
    "import.unknown_frequency": {
        "vi": "Dòng {row}: «{title}» — không nhận ra tần suất cập nhật «{value}» (Hằng ngày, "
        "Hằng tuần, Hằng tháng, Hằng quý, 6 tháng một lần, Hằng năm, Khi có thay đổi, "
        "Không định kỳ).",
        "en": 'Row {row}: "{title}" — unknown update frequency "{value}" (daily, weekly, '
        "monthly, quarterly, half-yearly, yearly, on change, irregular).",
    },
    "import.unknown_theme": {
        "vi": "Dòng {row}: «{title}» — không nhận ra lĩnh vực «{value}», đã bỏ qua lĩnh vực này.",
        "en": 'Row {row}: "{title}" — unknown theme "{value}", left out.',
    },
    "import.summary": {
        "vi": "{rows} dòng dữ liệu: tạo mới {created} bản khung, bỏ qua {skipped} (đã có), "
        "{unmapped} dòng chưa ánh xạ được.",
        "en": "{rows} dataset rows: {created} skeletons created, {skipped} skipped "
        "(already there), {unmapped} rows not mapped.",
    },
    "import.template_written": {
        "vi": "Đã ghi tệp mẫu danh mục: {path}",
        "en": "Catalogue template written: {path}",
    },
    # --- cells, spec errors and report wording (issue #15, part 6): one block of new ids
    "read.is_directory": {
        "vi": "{path} là một thư mục, không phải tệp dữ liệu. Hãy chỉ đường dẫn tới tệp "
        ".xlsx hoặc .csv.",
        "en": "{path} is a directory, not a data file. Give the path of an .xlsx or .csv file.",
    },
    "reason.zip_method": {
        "vi": "phần «{part}» được nén theo cách Excel không dùng (phương pháp {method}): có thể là "
        "tệp hỏng hoặc độc hại",
        "en": 'part "{part}" is compressed in a way Excel never uses (method {method}): the file '
        "may be damaged or malicious",
    },
    "reason.damaged_zip": {
        "vi": "tệp đã bị hỏng (phần nén bên trong không đọc được, có thể do tải về hoặc sao chép "
        "chưa xong). Hãy mở tệp bằng Excel và lưu lại, hoặc xin lại tệp gốc",
        "en": "the file is damaged (its compressed content cannot be read, maybe an unfinished "
        "download or copy). Open it in Excel and save it again, or ask for the original",
    },
    "reason.damaged": {
        "vi": "tệp hỏng hoặc sai định dạng (chi tiết kỹ thuật: {detail})",
        "en": "damaged file or wrong format (technical detail: {detail})",
    },
    "reason.os.no_permission": {
        "vi": "không có quyền truy cập tệp này",
        "en": "no permission to access this file",
    },
    "reason.os.missing": {
        "vi": "tệp hoặc thư mục không tồn tại",
        "en": "no such file or directory",
    },
    "reason.os.directory": {"vi": "đây là một thư mục", "en": "this is a directory"},
    "reason.os.disk_full": {"vi": "ổ đĩa đã hết chỗ", "en": "the disk is full"},
    "reason.os.other": {
        "vi": "lỗi hệ thống (chi tiết kỹ thuật: {detail})",
        "en": "system error (technical detail: {detail})",
    },
    "yaml.where": {"vi": " ở dòng {line}, cột {column}", "en": " at line {line}, column {column}"},
    "yaml.flow_list": {
        "vi": "thiếu dấu «,» hoặc dấu đóng «]» trong danh sách [...]",
        "en": 'a "," or a closing "]" is missing in a [...] list',
    },
    "yaml.flow_mapping": {
        "vi": "thiếu dấu «,» hoặc dấu đóng «}}» trong khối {{...}}",
        "en": 'a "," or a closing "}}" is missing in a {{...}} block',
    },
    "yaml.colon_misplaced": {
        "vi": "dấu «:» đặt sai chỗ (thường do thụt lề sai, hoặc giá trị chứa «: » mà chưa đặt "
        "trong dấu ngoặc kép)",
        "en": 'a ":" in the wrong place (usually wrong indentation, or a value holding ": " '
        "without quotes)",
    },
    "yaml.tab": {
        "vi": "có ký tự Tab; YAML chỉ dùng dấu cách để thụt lề",
        "en": "there is a Tab character; YAML indents with spaces only",
    },
    "yaml.missing_colon": {
        "vi": "thiếu dấu «:» sau tên mục",
        "en": 'a ":" is missing after a key',
    },
    "yaml.indentation": {
        "vi": "thụt lề không đều (các mục cùng cấp phải thẳng hàng)",
        "en": "uneven indentation (items of the same level must line up)",
    },
    "yaml.unclosed": {
        "vi": "tệp kết thúc giữa chừng (thiếu dấu ngoặc kép hoặc dấu ngoặc đóng)",
        "en": "the file ends too early (a closing quote or bracket is missing)",
    },
    "yaml.other": {
        "vi": "cú pháp sai (chi tiết kỹ thuật: {detail})",
        "en": "wrong syntax (technical detail: {detail})",
    },
    "yaml.not_utf8": {
        "vi": "tệp không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8",
        "en": "the file is not UTF-8 text; save it again as UTF-8",
    },
    "spec.schema.unsupported_type": {
        "vi": "kiểu dữ liệu «{type}» không được hỗ trợ; dùng một trong: {known}",
        "en": 'the field type "{type}" is not supported; use one of: {known}',
    },
    "spec.schema.missing_property": {
        "vi": "thiếu mục bắt buộc «{key}»",
        "en": 'the required key "{key}" is missing',
    },
    "spec.schema.other": {
        "vi": "phần schema chưa đúng quy cách (chi tiết kỹ thuật: {detail})",
        "en": "the schema is malformed (technical detail: {detail})",
    },
    "clean.percent.formatted": {
        "vi": "Cột «{column}» ghi theo phần trăm: {count} ô định dạng % được ghi thành số phần "
        "trăm ({cells}).",
        "en": 'Column "{column}" is in percent: {count} cells with a % format were written as '
        "percentage points ({cells}).",
    },
    "clean.percent.typed": {
        "vi": "Cột «{column}» ghi theo phần trăm: {count} ô gõ kèm dấu % được ghi thành số "
        "({cells}).",
        "en": 'Column "{column}" is in percent: {count} cells typed with "%" were written as '
        "numbers ({cells}).",
    },
    "warn.percent_ambiguous": {
        "vi": "Cảnh báo: cột «{column}» ghi theo phần trăm nhưng {count} ô có giá trị từ 0 đến 1 "
        "mà không định dạng %: {cells}. Không rõ 0,125 là 0,125% hay 12,5%, nên giữ nguyên; "
        "hãy kiểm tra và ghi số phần trăm (ví dụ 12,5).",
        "en": 'Warning: column "{column}" is in percent but {count} cells hold a value between '
        "0 and 1 without a % format: {cells}. 0.125 may mean 0.125% or 12.5%, so they are "
        "kept as written; check them and write percentage points (e.g. 12.5).",
    },
    "warn.percent_format_kept": {
        "vi": "Cảnh báo: cột «{column}» không ghi theo phần trăm (tiêu đề không có «%») nhưng "
        "{count} ô định dạng %: {cells}. Công bố giá trị thật của ô (0,125 cho ô hiện 12,5%); "
        "nếu cột cần ghi 12,5 thì bỏ định dạng % và ghi 12,5.",
        "en": 'Warning: column "{column}" is not in percent (no "%" in its title) but {count} '
        "cells have a % format: {cells}. The value the cell holds is published (0.125 for a "
        "cell showing 12.5%); if the column means 12.5, remove the % format and type 12.5.",
    },
    "warn.external_link": {
        "vi": "Cảnh báo: {count} ô lấy giá trị từ tệp Excel khác qua công thức liên kết "
        "({cells}; ví dụ {formula}; tệp liên kết: {files}). Giá trị được công bố là giá trị "
        "lưu lần cuối, có thể đã cũ. Hãy cập nhật liên kết, hoặc dán giá trị (Paste Values) "
        "thay cho công thức.",
        "en": "Warning: {count} cells take their value from another Excel file through a link "
        "formula ({cells}; e.g. {formula}; linked files: {files}). The value published is the "
        "one saved last time, which may be stale. Update the links, or paste the values "
        "(Paste Values) over the formulas.",
    },
    "expect.percent": {
        "vi": "số phần trăm (12,5 cho 12,5%)",
        "en": "percentage points (12,5 for 12,5%)",
    },
    "pattern.month_year": {
        "vi": "tháng/năm, ví dụ 08/2026",
        "en": "month/year, e.g. 08/2026",
    },
    "pattern.school_year": {
        "vi": "năm học dạng năm-năm, ví dụ 2024-2025",
        "en": "a school year as year-year, e.g. 2024-2025",
    },
    "pattern.number_range": {
        "vi": "số có 2 chữ số từ {low} đến {high}, ví dụ {example}",
        "en": "a two-digit number from {low} to {high}, e.g. {example}",
    },
    "pattern.described": {
        "vi": "gồm {parts} (ví dụ {example})",
        "en": "{parts} (e.g. {example})",
    },
    "pattern.then": {"vi": "{first}, rồi {rest}", "en": "{first}, then {rest}"},
    "pattern.part.literal": {"vi": "«{text}»", "en": '"{text}"'},
    "pattern.part.digits": {"vi": "{count} chữ số", "en": "{count} digit(s)"},
    "pattern.part.digits_range": {
        "vi": "{low} đến {high} chữ số",
        "en": "{low} to {high} digits",
    },
    "pattern.part.choice": {"vi": "một trong: {options}", "en": "one of: {options}"},
    "pattern.unknown": {"vi": "định dạng quy định", "en": "the prescribed format"},
    "pattern.unknown_example": {
        "vi": "định dạng quy định, ví dụ {example}",
        "en": "the prescribed format, e.g. {example}",
    },
    "pattern.rule": {"vi": ": cần {words}", "en": ": expected {words}"},
    "fix.type.parenthesis_negative": {
        "vi": "Số âm đang ghi trong ngoặc kiểu kế toán: hãy ghi dấu trừ, -{number} thay cho "
        "«{value}».",
        "en": 'A negative number written in accounting brackets: write a minus sign, -{number} '
        'instead of "{value}".',
    },
    "fix.type.percent": {
        "vi": "Bỏ dấu % và chỉ ghi số (cột này không ghi theo phần trăm); nếu là tỷ lệ, hỏi "
        "cơ quan chủ quản nên ghi 12,5 hay 0,125.",
        "en": 'Remove the "%" and write the number only (this column is not in percent); for '
        "a rate, ask the owning agency whether to write 12,5 or 0,125.",
    },
    "fix.type.unit": {
        "vi": "Chỉ ghi số trong ô, bỏ đơn vị «{unit}» (đơn vị ghi ở tiêu đề cột), ví dụ "
        "{number} thay cho «{value}».",
        "en": 'Write the number only, without the unit "{unit}" (the unit belongs in the column '
        'title), e.g. {number} instead of "{value}".',
    },
    "fix.type.separators": {
        "vi": "Cách ghi số chưa đúng: dấu chấm «.» ngăn cách hàng nghìn (1.234.567), dấu phẩy "
        "«,» đặt trước phần thập phân (99,92); mỗi nhóm sau dấu chấm có đúng 3 chữ số.",
        "en": 'The number is written wrongly: "." separates thousands (1.234.567), "," comes '
        "before the decimals (99,92); each group after a dot has exactly 3 digits.",
    },
    "fix.type.not_whole": {
        "vi": "Cột này là số nguyên: bỏ phần thập phân, hoặc kiểm tra lại số liệu.",
        "en": "This column holds whole numbers: drop the decimals, or check the figure.",
    },
    "fix.type.words_in_number": {
        "vi": "Ô số chỉ ghi số; nếu không có số liệu thì để trống, không ghi chữ hay ghi chú "
        "(ghi chú đặt ở cột khác hoặc dưới bảng).",
        "en": "A number cell holds a number only; leave it empty when there is no figure, "
        "no words or notes (put notes in another column or below the table).",
    },
    "fix.type.short_year": {
        "vi": "Ghi năm đủ 4 chữ số theo ngày/tháng/năm, ví dụ 15/03/2024 thay cho «{value}».",
        "en": "Write the year with 4 digits as day/month/year, e.g. 15/03/2024 "
        'instead of "{value}".',
    },
    "fix.type.no_such_day": {
        "vi": "Ngày này không có thật: kiểm tra thứ tự ngày/tháng/năm (ngày trước, tháng sau), "
        "ví dụ 15/03/2024.",
        "en": "This day does not exist: check the day/month/year order (day first, then month), "
        "e.g. 15/03/2024.",
    },
    "fix.type.month_only": {
        "vi": "Cột này cần đủ ngày/tháng/năm, ví dụ 01/03/2024 thay cho «{value}».",
        "en": 'This column needs a full day/month/year, e.g. 01/03/2024 instead of "{value}".',
    },
    "fix.type.date": {
        "vi": "Ghi ngày theo ngày/tháng/năm, ví dụ 15/03/2024 (định dạng ô là Ngày hoặc Văn bản).",
        "en": "Write the date as day/month/year, e.g. 15/03/2024 (cell format Date or Text).",
    },
    "fix.type.year": {
        "vi": "Ghi năm đủ 4 chữ số, ví dụ 2024.",
        "en": "Write the year with 4 digits, e.g. 2024.",
    },
    # --- reading stage (issue #15, part 3): structure of csv files, zip bombs, merged cells,
    # which sheet / encoding / delimiter was read
    "read.unclosed_quote": {
        "vi": "Tệp CSV {path}: dấu ngoặc kép (\") mở ở dòng {line} không được đóng: từ đó đến "
        "hết tệp ({lines} dòng tiếp theo) bị gộp vào một ô. Hãy đóng hoặc xóa dấu ngoặc kép "
        "đó rồi lưu lại tệp.",
        "en": "CSV file {path}: the quote (\") opened on line {line} is never closed: "
        "everything from there to the end of the file (the {lines} lines after it) was "
        "swallowed into one cell. Close or remove that quote and save the file again.",
    },
    "read.quote_cell_too_long": {
        "vi": "Tệp CSV {path}: dấu ngoặc kép (\") mở ở dòng {line} vẫn chưa đóng sau {lines} "
        "dòng, và ô đó đã dài quá {limit} KB: có lẽ thiếu dấu ngoặc kép đóng. Hãy sửa rồi lưu "
        "lại tệp.",
        "en": "CSV file {path}: the quote (\") opened on line {line} is still open {lines} "
        "lines later and the cell is over {limit} KB: a closing quote is probably missing. "
        "Fix it and save the file again.",
    },
    "read.zip_bomb_ratio": {
        "vi": "Tệp {path}: phần «{part}» nén với tỷ lệ {ratio}:1 ({packed} KB giải nén ra {size} "
        "MB), vượt xa bảng tính thật (tối đa {limit}:1). Có thể là tệp độc hại (zip bomb). "
        "Không đọc tệp này.",
        "en": '{path}: part "{part}" is compressed {ratio}:1 ({packed} KB expanding to {size} '
        "MB), far beyond a real spreadsheet (at most {limit}:1). It may be malicious (a zip "
        "bomb). Not reading it.",
    },
    "read.zip_size_lies": {
        "vi": "Tệp {path}: phần «{part}» giải nén ra nhiều hơn {size} byte như mục lục của tệp "
        "nén khai báo: tệp hỏng hoặc độc hại. Không đọc tệp này.",
        "en": '{path}: part "{part}" expands to more than the {size} bytes its zip directory '
        "declares: the file is damaged or malicious. Not reading it.",
    },
    "read.ambiguous_sheet": {
        "vi": "Tệp {path} có nhiều trang tính có dòng tiêu đề khớp như nhau: {sheets}. Hãy ghi "
        "tên trang tính cần đọc vào source.sheet của đặc tả.",
        "en": "Several sheets of {path} have an equally matching header row: {sheets}. Name the "
        "sheet to read in the spec's source.sheet.",
    },
    "source.sheet": {"vi": "trang tính «{sheet}»", "en": 'sheet "{sheet}"'},
    "source.sheets": {
        "vi": "đã tìm trên mọi trang tính: {sheets}",
        "en": "searched every sheet: {sheets}",
    },
    "source.csv": {
        "vi": "CSV đọc với bảng mã {encoding}, dấu phân cách «{delimiter}»",
        "en": 'CSV read as {encoding}, delimiter "{delimiter}"',
    },
    "report.source_csv": {
        "vi": "Bảng mã: {encoding}; dấu phân cách: «{delimiter}»; dòng tiêu đề: {row}",
        "en": 'Encoding: {encoding}; delimiter: "{delimiter}"; header row: {row}',
    },
    "report.sheet_searched": {
        "vi": "Đặc tả không ghi trang tính: đã tìm dòng tiêu đề trên mọi trang tính ({sheets}) "
        "và dùng trang «{sheet}».",
        "en": 'The spec names no sheet: looked for the header row on every sheet ({sheets}) '
        'and read "{sheet}".',
    },
    "problem.extra_cell": {
        "vi": "Dòng có {count} ô, nhiều hơn {expected} cột của dòng tiêu đề: thừa «{extra}» ở "
        "cột {columns}. Các giá trị có thể đã lệch sang cột khác{lines}.",
        "en": "The row has {count} cells, more than the {expected} columns of the header row: "
        "extra «{extra}» in column {columns}. Values may have shifted into other columns{lines}.",
    },
    "problem.missing_cell": {
        "vi": "Dòng chỉ có {count} ô, ít hơn {expected} cột của dòng tiêu đề (thiếu cột "
        "{columns}). Các giá trị có thể đã lệch sang cột khác{lines}.",
        "en": "The row has only {count} cells, fewer than the {expected} columns of the header "
        "row (missing column {columns}). Values may have shifted into other columns{lines}.",
    },
    "problem.swallowed_rows": {
        "vi": "Ô {cell} chứa {count} dòng trông như các dòng dữ liệu riêng: có lẽ một dấu ngoặc "
        "kép (\") bị thừa đã gộp chúng vào một ô{lines}.",
        "en": "Cell {cell} holds {count} lines that look like rows of their own: a stray quote "
        "(\") probably swallowed them into one cell{lines}.",
    },
    "problem.record_lines": {
        "vi": " (dòng này chiếm các dòng {first}–{last} của tệp văn bản: kiểm tra dấu ngoặc kép)",
        "en": " (this row spans lines {first}–{last} of the text file: check the quotes)",
    },
    "problem.record_line": {
        "vi": " (dòng {line} của tệp văn bản)",
        "en": " (line {line} of the text file)",
    },
    "problem.duplicate_column": {
        "vi": "Cột {first} «{first_title}» và cột {second} «{second_title}» cùng khớp với trường "
        "«{field}»: không biết nên đọc cột nào. Hãy đổi tên hoặc xóa một trong hai cột.",
        "en": "Column {first} «{first_title}» and column {second} «{second_title}» both match "
        "the field «{field}»: which one to read is unclear. Rename or delete one of them.",
    },
    "problem.control_char": {
        "vi": "Ô chứa ký tự điều khiển không nhìn thấy ({chars}); cơ sở dữ liệu không lưu được "
        "ký tự NUL. Hãy xóa các ký tự này.",
        "en": "The cell holds invisible control characters ({chars}); the database cannot "
        "store NUL characters. Remove them.",
    },
    "problem.merged_cells": {
        "vi": "{range} là ô gộp qua nhiều dòng dữ liệu: Excel hiển thị «{value}» ở mọi dòng, "
        "nhưng trong tệp chỉ ô {anchor} có giá trị, {empty} trống. Hãy bỏ gộp ô và điền giá "
        "trị vào từng ô, hoặc cho phép điền xuống bằng source.fill_merged trong đặc tả.",
        "en": "{range} is a merged cell over several data rows: Excel shows «{value}» on every "
        "row, but only {anchor} holds the value in the file and {empty} are empty. Unmerge the "
        "cells and fill in each one, or allow filling down with source.fill_merged in the spec.",
    },
    "problem.merged_cells_across": {
        "vi": "{range} là ô gộp qua nhiều cột của bảng: không rõ giá trị «{value}» thuộc cột "
        "nào, nên {empty} trống. Hãy bỏ gộp ô và điền giá trị vào từng ô.",
        "en": "{range} is a merged cell across several columns of the table: which column "
        "«{value}» belongs to is unclear, so {empty} are empty. Unmerge the cells and fill in "
        "each one.",
    },
    "clean.merged_filled": {
        "vi": "{range} là ô gộp: đã điền giá trị «{value}» của ô {anchor} xuống {filled} "
        "(source.fill_merged).",
        "en": "{range} is a merged cell: filled the value «{value}» of {anchor} down into "
        "{filled} (source.fill_merged).",
    },
    "clean.trailing_empty_cells": {
        "vi": "{count} dòng có ô trống thừa sau cột cuối của dòng tiêu đề (thường gặp ở CSV "
        "xuất từ Excel), đã bỏ qua; ví dụ dòng {rows}.",
        "en": "{count} rows have empty cells after the last column of the header row (common "
        "in CSV exported from Excel), ignored; e.g. row {rows}.",
    },
    "fix.problem.extra_cell": {
        "vi": "Mở tệp bằng trình soạn thảo văn bản: dòng này thừa dấu phân cách (hoặc một ô có "
        "dấu phân cách mà thiếu dấu ngoặc kép bao quanh). Mỗi dòng phải có đúng số cột như dòng "
        "tiêu đề.",
        "en": "Open the file in a text editor: this row has a delimiter too many (or a cell "
        "holding a delimiter without quotes around it). Each row needs as many columns as the "
        "header.",
    },
    "fix.problem.missing_cell": {
        "vi": "Mở tệp bằng trình soạn thảo văn bản: dòng này thiếu dấu phân cách. Thêm các ô còn "
        "thiếu (để trống nếu không có giá trị) cho đủ số cột như dòng tiêu đề.",
        "en": "Open the file in a text editor: this row lacks delimiters. Add the missing cells "
        "(empty if there is no value) so that it has as many columns as the header.",
    },
    "fix.problem.swallowed_rows": {
        "vi": "Tìm dấu ngoặc kép (\") thừa ở dòng đầu của ô và xóa nó.",
        "en": "Find the stray quote (\") on the first line of the cell and remove it.",
    },
    "fix.problem.control_char": {
        "vi": "Gõ lại nội dung ô (ký tự lạ thường do chép từ phần mềm khác).",
        "en": "Retype the cell (stray characters usually come from copying out of other software).",
    },
    "fix.problem.duplicate_column": {
        "vi": "Đổi tên hoặc xóa một trong hai cột trùng.",
        "en": "Rename or delete one of the two columns.",
    },
    "fix.problem.merged_cells": {
        "vi": "Chọn vùng ô gộp, bấm Merge & Center để bỏ gộp, rồi điền giá trị vào từng ô.",
        "en": "Select the merged range, click Merge & Center to unmerge it, then fill in each "
        "cell.",
    },
    "fix.problem.merged_cells_across": {
        "vi": "Chọn vùng ô gộp, bấm Merge & Center để bỏ gộp, rồi điền giá trị vào đúng cột.",
        "en": "Select the merged range, click Merge & Center to unmerge it, then fill in the "
        "right column.",
    },
    "spec.bad_fill_merged": {
        "vi": "source.fill_merged phải là danh sách tên trường của schema; «{value}» không phải.",
        "en": "source.fill_merged must be a list of schema field names; «{value}» is not one.",
    },
}


# Parameters that are quantities (counts, sizes): written in the language's number format. Row
# and line numbers are not: they identify a place, as Excel shows them (row 1234, cell C1234).
_QUANTITIES = frozenset({
    "count", "size", "packed", "ratio", "rows", "limit", "created", "updated", "unchanged",
    "skipped", "problems", "lines", "requests", "kept", "sum", "expected", "lost",
})


def format_number(value: float, lang: Lang) -> str:
    """1.234.567 and 38,9 in Vietnamese; 1,234,567 and 38.9 in English."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    if lang == "vi":
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def _param(key: str, value: Any, lang: Lang) -> Any:
    if isinstance(value, Ref):
        return render(value.message_id, lang, value.params)
    if key in _QUANTITIES and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value, lang)
    return value


def render(message_id: str, lang: Lang, params: Mapping[str, Any] | None = None) -> str:
    """The message in ``lang`` with its parameters filled in (quantities in its number format)."""
    template = CATALOGUE[message_id][lang]
    values = {key: _param(key, value, lang) for key, value in (params or {}).items()}
    return template.format(**values)


def bilingual(message_id: str) -> str:
    """Vietnamese then English, for texts printed before ``--lang`` is known (command help)."""
    entry = CATALOGUE[message_id]
    return f"{entry['vi']} / {entry['en']}"


def _merge_catalogues() -> None:
    # Late import: messages_sync holds only data, kept apart to keep this file readable.
    from sonla_publisher.messages_changes import CHANGE_MESSAGES
    from sonla_publisher.messages_sync import SYNC_MESSAGES

    for extra in (SYNC_MESSAGES, CHANGE_MESSAGES):
        overlap = set(extra) & set(CATALOGUE)
        if overlap:
            raise RuntimeError(f"message ids defined twice: {sorted(overlap)}")
        CATALOGUE.update(extra)  # type: ignore[arg-type]


_merge_catalogues()
