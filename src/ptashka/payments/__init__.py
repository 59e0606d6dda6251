"""Payments: the gateway interface, its Stripe, PayPal and Dummy bridges, webhooks and reconciliation."""
