"""Sign-in protection: lockouts after failures (django-axes), sign-ins costing the same for any address."""
