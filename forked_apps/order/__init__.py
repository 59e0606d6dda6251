"""Ptashka's fork of Oscar's order app (orders: status pipeline and order placement)."""
