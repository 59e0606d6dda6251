"""Management commands of the Ptashka project."""
