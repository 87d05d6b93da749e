"""Talk to the portal (CKAN).

Publish one dataset (metadata, files, DataStore), set up agencies and themes, read freshness status.
"""
