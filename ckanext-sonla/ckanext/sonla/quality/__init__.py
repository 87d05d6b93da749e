"""Quality score of a dataset ("đúng - đủ - sạch - sống"): ``rules`` (pure, docs/quality.md) and
``display`` (the score with translated grades and reasons, as the dataset page shows it)."""
