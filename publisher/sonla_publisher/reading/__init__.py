"""Read an agency file into a clean table.

Open the file, refuse what cannot be a table, find the header, clean every cell, log each change.
"""
