"""Oscar dashboard apps forked with `oscar_fork_app`; each overrides only the modules it changes."""
