"""The command line: the `sonla-publish` commands, their shared options and what they print."""
