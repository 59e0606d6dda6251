"""Ptashka's fork of Oscar's shipping app (shipping: methods offered at checkout)."""
