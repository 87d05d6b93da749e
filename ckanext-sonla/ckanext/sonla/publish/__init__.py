"""``sonla_dataset_publish``: a dataset, its files and its DataStore rows in one request."""
