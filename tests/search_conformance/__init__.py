"""CKAN's own search tests run against the sonla_search plugin (make test-search-conformance)."""
