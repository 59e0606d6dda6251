"""Who may read the audit log: superusers only, since it shows every staff member's actions."""


def can_read_audit_log(user, url_name=None, url_args=None, url_kwargs=None):
    """Oscar's dashboard menu calls this with the entry's URL; only the user matters here."""
    return user.is_active and user.is_superuser
