"""Bounds on what one request may cost or break: input checks, rate limits, bounded logs (issue #16)."""
