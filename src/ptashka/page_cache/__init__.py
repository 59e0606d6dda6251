"""A full-page cache for anonymous shoppers, invalidated by every content change (see README "Page cache")."""
