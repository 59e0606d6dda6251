"""Ptashka's fork of Oscar's partner app (partners, stock records and stock allocation)."""
