"""Oscar-api's admin views we extend, in oscarapi's module layout."""
