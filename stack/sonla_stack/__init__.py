"""Run the Sơn La portal and its services on one machine (development, demo, tests)."""
