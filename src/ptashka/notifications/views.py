"""The unsubscribe page linked from basket reminders."""

from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .baskets import email_from_unsubscribe_token
from .models import Unsubscription


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks for confirmation (mail scanners follow links); POST records the unsubscription."""
    try:
        email = email_from_unsubscribe_token(token)
    except signing.BadSignature as exc:
        raise Http404("This unsubscribe link is not valid.") from exc
    done = request.method == "POST"
    if done:
        Unsubscription.objects.get_or_create(email=email)
    return render(request, "ptashka/notifications/unsubscribe.html", {"email": email, "done": done})
