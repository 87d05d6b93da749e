"""What web search engines and link previews read: ``/sitemap.xml``, ``/robots.txt`` and the pages'
description and Open Graph tags (templates/base.html and the dataset and agency pages)."""
