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
ORIGINAL_NAME = "Tệp gốc ({format})"
CSV_DESCRIPTION = (
    "Dữ liệu đã làm sạch và kiểm tra bằng sonla-publish (CSV UTF-8, dòng đầu là tên trường). / "
    "Cleaned and validated data (CSV UTF-8, first row holds the field names)."
)
ORIGINAL_DESCRIPTION = "Tệp gốc do cơ quan cung cấp. / The original file from the agency."
DICTIONARY_DESCRIPTION = (
    "Mô tả các cột của bảng dữ liệu (Frictionless Table Schema). / "
    "Description of the table's columns (Frictionless Table Schema)."
)

# Every resource description sonla-publish writes by itself.
GENERATED_DESCRIPTIONS = (CSV_DESCRIPTION, ORIGINAL_DESCRIPTION, DICTIONARY_DESCRIPTION)
# Every resource name it writes by itself, as templates: a {placeholder} stands for one word
# (a format).
# The clean CSV's name is the spec's own (``resource.name``): the agency's words, indexed.
GENERATED_NAMES = (ORIGINAL_NAME, DICTIONARY_NAME)
