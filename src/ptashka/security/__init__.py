"""What the shop tells browsers: Content-Security-Policy, Permissions-Policy, caching, cookie flags."""
