"""Ptashka's fork of Oscar's offer app: ranges that tell in one query which basket products they hold."""
