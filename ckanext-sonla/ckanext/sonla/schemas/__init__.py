"""ckanext-scheming schemas of the Sơn La portal (YAML files beside this module)."""
from pathlib import Path

# The 75 communes and wards of Sơn La (code, name, name_en), from dataset_specs/codelists/communes.csv.
COMMUNES_FILE = Path(__file__).resolve().parent / "communes.csv"
ORGANIZATION_SCHEMA_FILE = Path(__file__).resolve().parent / "organization.yaml"
