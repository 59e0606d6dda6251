"""Views of the search app: Oscar's, with the catalogue browse views of `catalogue.py` in place of its own."""
