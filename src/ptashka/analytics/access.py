"""Who may see analytics exports in the dashboard: staff, like Oscar's own reports."""


def is_shop_manager(user, url_name=None, url_args=None, url_kwargs=None):
    """Oscar's dashboard menu calls this with the entry's URL; only the user matters here."""
    return user.is_active and user.is_staff
