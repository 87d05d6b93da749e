"""Freshness ("sống"): when each dataset is next due, whether it is late, and who is told.

``rules`` (pure dates and statuses, shared with the publisher's status report), ``display`` (one
dataset's translated status), ``report`` (the ``sonla_freshness_list`` action's result), ``page``
(the public report page and its CSV/XLSX exports), ``mail`` (e-mails to late agencies) and ``cli``
(``ckan sonla freshness``). The search field ``freshness_status`` lives with the search index
(``search/freshness_status.py``): it is written against the index table.
"""
