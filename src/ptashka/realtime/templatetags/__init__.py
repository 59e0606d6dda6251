"""Template tags of live order tracking."""
