"""Ptashka's fork of Oscar's basket app: a basket that loads its lines with everything pricing reads."""
