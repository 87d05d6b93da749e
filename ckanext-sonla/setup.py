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
            "schemas/*.csv",
            "templates/**/*",
            "public/**/*",
            "assets/**/*",
            "i18n/**/*",
            "migration/**/*",
        ]
    },
    # openpyxl: XLSX export; sonla-publisher (./publisher, installed with the portal by
    # requirements/portal.txt): its formula_cells module is the one CSV-injection rule, and its
    # resource_names module the one name of the data-dictionary resource.
    install_requires=["ckanext-scheming>=3.0", "ckanext-dcat>=2.1", "openpyxl>=3.1", "sonla-publisher"],
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
