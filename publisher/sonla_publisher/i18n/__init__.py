"""User-facing messages in Vietnamese and English, keyed by message id (gettext catalogues)."""
