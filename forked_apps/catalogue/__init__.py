"""Overrides of Oscar's catalogue sub-apps; the catalogue app itself is Oscar's, unforked."""
