"""Check a cleaned table against its spec and report each problem.

Reports: HTML and JSON (the terminal one is the CLI's), and the cleaned table as a file.
"""
