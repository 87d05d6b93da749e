"""sonla-publisher: validate agency spreadsheets and publish them to the Sơn La open-data portal."""

__version__ = "0.1.0"
