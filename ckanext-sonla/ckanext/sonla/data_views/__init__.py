"""The chart and map views of DataStore tables (plugins ``sonla_chart_view``, ``sonla_map_view``).

The views are made by the publisher from the spec's ``chart:`` / ``map:`` hints
(:mod:`ckanext.sonla.publish.data_views`); the page reads a bounded number of rows with the
portal's own ``datastore_search`` and draws them with Chart.js / Leaflet, bundled from npm into
the assets (``make vendor-js``): no request leaves the portal unless a tile server is configured.
"""
