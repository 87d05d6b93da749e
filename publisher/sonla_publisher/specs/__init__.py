"""Dataset specs and the catalogue.

Load and check specs and code lists, import the approved catalogue, write the Excel templates.
"""
