"""Ptashka's fork of Oscar's search app: catalogue browsing (all products, a category) from the database."""
