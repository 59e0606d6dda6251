"""The demo shop: loaders that build a Ukrainian gift shop from the data files in fixtures/."""
