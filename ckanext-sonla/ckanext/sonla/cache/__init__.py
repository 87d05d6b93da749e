"""Anonymous response cache: HTTP validators (ETag/304) and a Redis copy keyed by the catalogue's generation."""
