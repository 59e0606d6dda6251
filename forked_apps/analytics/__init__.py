"""Ptashka's fork of Oscar's analytics app: counters that survive two requests counting at once."""
