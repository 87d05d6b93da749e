"""Live sources: a spec's table read from a database (``sql``) or a web API (``http``).

A live source is turned into a snapshot CSV file (:mod:`snapshot`), which then goes through the
very same reading, cleaning, validation and publishing as an agency's csv file.
"""
