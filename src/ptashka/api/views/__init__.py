"""Oscar-api views we extend, in oscarapi's module layout (found through OSCARAPI_OVERRIDE_MODULES)."""
