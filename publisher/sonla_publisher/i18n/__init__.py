"""Messages in Vietnamese and English (gettext catalogues)."""
