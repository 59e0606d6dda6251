"""Ptashka's fork of Oscar's customer app (registration that does not tell who has an account)."""
