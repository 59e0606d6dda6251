"""Ptashka's fork of Oscar's catalogue app (the catalogue: product browsing and product pages)."""
