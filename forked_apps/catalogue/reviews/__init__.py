"""Overrides of Oscar's catalogue.reviews modules, found by Oscar's get_class through the catalogue fork."""
