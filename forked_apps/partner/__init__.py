"""Ptashka's fork of Oscar's partner app (partners and stock: pricing/availability strategy and stock allocation)."""
