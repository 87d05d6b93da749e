"""The name of the data-dictionary resource, defined once for the publisher and the portal.

Resource names are always Vietnamese (whatever ``--lang`` says) because re-publishing finds the
existing resources by name. The portal (ckanext-sonla: quality score, dataset page) finds the data
dictionary by the same name, so it imports it from here instead of keeping a copy that could drift.
This module imports nothing, so the portal does not load the publisher's reading and checks with it.
"""

DICTIONARY_NAME = "Từ điển dữ liệu"
