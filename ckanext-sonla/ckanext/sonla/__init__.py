"""ckanext-sonla. Importing it checks the running CKAN is one it supports (``ckan_version``)."""
from ckanext.sonla.ckan_version import check_running_ckan

check_running_ckan()
