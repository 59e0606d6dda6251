"""The ceiling site: the least Django can do per request, to measure what the hardware allows."""
