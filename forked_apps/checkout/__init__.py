"""Ptashka's fork of Oscar's checkout app (checkout: payment through the gateway interface)."""
