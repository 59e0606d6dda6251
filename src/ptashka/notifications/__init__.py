"""Customer and shop-manager notifications: queued emails and SMS, basket reminders, stock digests."""
