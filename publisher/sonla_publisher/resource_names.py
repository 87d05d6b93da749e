"""The name of the data-dictionary resource, defined once for the publisher and the portal.

Resource names are always Vietnamese (whatever ``--lang`` says) because re-publishing finds the
existing resources by name. The portal (ckanext-sonla: quality score, dataset page) finds the data
dictionary by the same name, so it imports it from here instead of keeping a copy that could drift.
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
