"""The headless API: JWT auth, rate limits and oscar-api overrides (OSCARAPI_OVERRIDE_MODULES)."""
