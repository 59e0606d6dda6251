"""Page models of the storefront's content; each content area lives in its own module."""

from cms.home import HomePage  # noqa: F401
