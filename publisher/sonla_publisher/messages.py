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
        "vi": "Tệp đặc tả {path} không đúng cú pháp YAML: {reason}",
        "en": "The spec file {path} is not valid YAML: {reason}",
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
        "vi": "Không đọc được tệp {path} như một bảng tính (tệp hỏng hoặc sai định dạng): {reason}",
        "en": "Cannot read {path} as a spreadsheet (damaged or wrong format): {reason}",
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
        "vi": "Không tìm thấy dòng tiêu đề cột trong {rows} dòng đầu của {path}. "
        "Các cột cần có: {titles}.",
        "en": "No header row found in the first {rows} rows of {path}. Expected columns: {titles}.",
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
        "vi": "Giá trị «{value}» không đúng mẫu quy định ({limit}).",
        "en": 'The value "{value}" does not match the required pattern ({limit}).',
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
        "vi": "Tên cũ «{value}» ứng với nhiều đơn vị mới: {candidates}. Hãy ghi tên đơn vị mới.",
        "en": 'The old name "{value}" belongs to several new units: {candidates}. '
        "Write the new unit's name.",
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
        "vi": "Ghi đúng mẫu; với mã số, định dạng ô là Văn bản (Text) để giữ số 0 ở đầu.",
        "en": "Follow the pattern; for codes, format the cell as Text to keep leading zeros.",
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
    "expect.pattern": {"vi": "theo mẫu {limit}", "en": "matching {limit}"},
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
        "Hằng tuần, Hằng tháng, Hằng quý, 6 tháng, Hằng năm, Khi có thay đổi, Không định kỳ).",
        "en": 'Row {row}: "{title}" — unknown update frequency "{value}" (daily, weekly, '
        "monthly, quarterly, 6 months, yearly, on change, irregular).",
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
}


def render(message_id: str, lang: Lang, params: Mapping[str, Any] | None = None) -> str:
    """The message in ``lang`` with its parameters filled in."""
    template = CATALOGUE[message_id][lang]
    values = {
        key: render(value.message_id, lang, value.params) if isinstance(value, Ref) else value
        for key, value in (params or {}).items()
    }
    return template.format(**values)


def bilingual(message_id: str) -> str:
    """Vietnamese then English, for texts printed before ``--lang`` is known (command help)."""
    entry = CATALOGUE[message_id]
    return f"{entry['vi']} / {entry['en']}"


def _merge_catalogues() -> None:
    # Late import: messages_sync holds only data, kept apart to keep this file readable.
    from sonla_publisher.messages_sync import SYNC_MESSAGES

    overlap = set(SYNC_MESSAGES) & set(CATALOGUE)
    if overlap:
        raise RuntimeError(f"message ids defined twice: {sorted(overlap)}")
    CATALOGUE.update(SYNC_MESSAGES)  # type: ignore[arg-type]


_merge_catalogues()
