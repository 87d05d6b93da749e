"""``sonla_dataset_publish``: a dataset, its files and its DataStore rows in one request."""

# Context key: the chained ``datastore_create`` leaves the default views to its caller
# (``sonla_dataset_publish`` makes them from the dataset dict it already has).
NO_DEFAULT_VIEWS = "sonla_no_default_views"
