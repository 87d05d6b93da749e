"""Synchronise a catalogue with the portal: plan what changed, publish it, report each result."""
