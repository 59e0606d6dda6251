"""Oscar-api serializers we extend, in oscarapi's module layout (found through OSCARAPI_OVERRIDE_MODULES)."""
