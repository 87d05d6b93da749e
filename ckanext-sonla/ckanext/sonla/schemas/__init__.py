"""ckanext-scheming schemas of the Sơn La portal (YAML files beside this module)."""
