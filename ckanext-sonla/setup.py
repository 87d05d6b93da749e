"""ckanext-sonla: the CKAN extension of the Sơn La open-data portal."""
from setuptools import find_namespace_packages, setup

setup(
    name="ckanext-sonla",
    version="0.1.0",
    description="Sơn La open-data portal: theme, Vietnamese schema and PostgreSQL search for CKAN",
    license="AGPL-3.0-or-later",
    python_requires=">=3.10",
    packages=find_namespace_packages(include=["ckanext.*"]),
    include_package_data=True,
    package_data={
        "ckanext.sonla": [
            "config_declaration.yaml",
            "search/config_declaration.yaml",
            "licenses.json",
            "schemas/*.yaml",
            "templates/**/*",
            "public/**/*",
            "assets/**/*",
            "i18n/**/*",
            "migration/**/*",
        ]
    },
    # ckan: the supported CKAN versions (ckanext/sonla/ckan_version.py; docs/developers.md). The
    # publisher-only venv never installs this package, so it gets no CKAN.
    # openpyxl: XLSX export; sonla-publisher (./publisher, installed with the portal by
    # requirements/portal.txt): its formula_cells module is the one CSV-injection rule.
    install_requires=["ckan>=2.11,<2.13", "ckanext-scheming>=3.0", "ckanext-dcat>=2.1", "openpyxl>=3.1",
                      "sonla-publisher"],
    entry_points={
        "ckan.plugins": [
            "sonla = ckanext.sonla.plugin:SonlaPlugin",
            "sonla_search = ckanext.sonla.search.plugin:SonlaSearchPlugin",
        ],
        "ckan.rdf.profiles": [
            "sonla_dcat_ap_3 = ckanext.sonla.dcat.profile:SonlaDCATAP3Profile",
        ],
    },
)
