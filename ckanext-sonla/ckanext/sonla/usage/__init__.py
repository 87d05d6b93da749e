"""Usage figures: page views and downloads counted once a visitor a day, bots left out.

``beacon`` receives what CKAN's tracking.js sends from every page (``POST /_tracking``),
``summary`` is the scheduled job that sums it (CKAN's ``tracking update``), ``stats`` reads
the sums per dataset, agency, theme and month, ``views`` is the public statistics page and its
CSV export, ``chart`` draws the page's bar chart as inline SVG.
"""
