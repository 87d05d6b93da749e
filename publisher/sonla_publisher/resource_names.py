"""The names and descriptions sonla-publish gives the resources it publishes, defined once for
the publisher and the portal.

Resource names are always Vietnamese (whatever ``--lang`` says) because re-publishing finds the
existing resources by name. The portal (ckanext-sonla: quality score, dataset page) finds the data
dictionary by the same name, so it imports it from here instead of keeping a copy that could drift.
The portal's search leaves every text in ``GENERATED_DESCRIPTIONS`` and ``GENERATED_NAMES`` out
of the words it indexes: they are the same in every dataset, so they are not what a dataset is
about ("tên trường" in the CSV's description made "trường" match every dataset). A new generated
text goes here.
This module imports nothing, so the portal does not load the publisher's reading and checks with it.
"""

DICTIONARY_NAME = "Từ điển dữ liệu"

# The cleaned table as an Excel workbook (header row, typed cells), and the cleaned CSV with a
# UTF-8 byte order mark, which Excel on Windows needs to read Vietnamese letters (issue 20).
XLSX_NAME = "Bảng dữ liệu (XLSX)"
EXCEL_CSV_NAME = "CSV cho Excel"
# The agency's own file, as it was sent: "Tệp gốc (XLSX)", "Tệp gốc (CSV)"…
ORIGINAL_NAME = "Tệp gốc ({format})"
ORIGINAL_PREFIX = "Tệp gốc"
CSV_DESCRIPTION = (
    "Dữ liệu đã làm sạch và kiểm tra bằng sonla-publish (CSV UTF-8, dòng đầu là tên trường). / "
    "Cleaned and validated data (CSV UTF-8, first row holds the field names)."
)
XLSX_DESCRIPTION = (
    "Dữ liệu đã làm sạch dạng bảng Excel: dòng 1 là tên trường, số và ngày là ô số, ô ngày; "
    "không có dòng tiêu đề hay dòng tổng. / The cleaned data as an Excel workbook: row 1 holds "
    "the field names, numbers and dates are typed cells; no title or total rows."
)
EXCEL_CSV_DESCRIPTION = (
    "Cùng tệp CSV đã làm sạch, có dấu BOM UTF-8 để Excel trên Windows hiện đúng chữ tiếng Việt khi "
    "mở trực tiếp. / The same cleaned CSV with a UTF-8 byte order mark, so that Excel on Windows "
    "shows Vietnamese letters when it opens the file directly."
)
ORIGINAL_DESCRIPTION = "Tệp gốc do cơ quan cung cấp. / The original file from the agency."
DICTIONARY_DESCRIPTION = (
    "Mô tả các cột của bảng dữ liệu (Frictionless Table Schema). / "
    "Description of the table's columns (Frictionless Table Schema)."
)

# Every resource description sonla-publish writes by itself.
GENERATED_DESCRIPTIONS = (
    CSV_DESCRIPTION,
    XLSX_DESCRIPTION,
    EXCEL_CSV_DESCRIPTION,
    ORIGINAL_DESCRIPTION,
    DICTIONARY_DESCRIPTION,
)
# Every resource name it writes by itself, as templates: a {placeholder} stands for one word
# (a format).
# The clean CSV's name is the spec's own (``resource.name``): the agency's words, indexed.
GENERATED_NAMES = (XLSX_NAME, EXCEL_CSV_NAME, ORIGINAL_NAME, DICTIONARY_NAME)
