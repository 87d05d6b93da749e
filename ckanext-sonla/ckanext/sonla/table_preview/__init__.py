"""The DataStore table preview (CKAN's ``datatables_view``) for Vietnamese: search and cells.

CKAN's view turns every character outside ``[0-9a-zA-Z-]`` of what the visitor types into ``_``
before searching (ckanext/datatablesview/blueprint.py), so "Chiềng" became "Chi_ng" and found
nothing, and it searches with the ``simple`` configuration, which does not fold tone marks. Its
cells are the database's text: "38.89", "29356", "2025-10-15". :mod:`.rows` answers the view's two
requests instead (same URLs; the ``sonla`` plugin comes before ``datatables_view``, and the first
blueprint registered for a URL wins); :mod:`.search_query` and :mod:`.cells` do the two jobs.
Upstream: ckan/ckan#8583 ("DataTables View Search & Filter Breaks with Special Chars", open).
"""
