"""The project's own manage.py commands (load_demo)."""
