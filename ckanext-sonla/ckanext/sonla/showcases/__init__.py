"""Showcases ("Ứng dụng"): apps, articles and visualisations built on the portal's data."""
