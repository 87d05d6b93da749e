"""ckanext-scheming schemas of the Sơn La portal (YAML files beside this module)."""
from pathlib import Path

# The 75 communes and wards of Sơn La (code, name, name_en): a copy of dataset_specs/codelists/communes.csv
# written by dataset_specs/tools/sync_codelists.py (edit the code list, then run the script).
COMMUNES_FILE = Path(__file__).resolve().parent / "communes.csv"
ORGANIZATION_SCHEMA_FILE = Path(__file__).resolve().parent / "organization.yaml"
