"""The staff audit log: who changed what in the shop and the CMS, readable by superusers."""
