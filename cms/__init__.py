"""Wagtail content: page types, StreamField blocks referencing Oscar's shop, snippets, settings."""
