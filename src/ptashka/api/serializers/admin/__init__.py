"""Oscar-api's admin serializers we extend, in oscarapi's module layout."""
