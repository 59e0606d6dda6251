"""Webhook endpoints of the payment providers: verified, idempotent, and quick to answer."""

from django import http
from django.db import transaction
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import facade


def receive_webhook(request, code):
    try:
        facade.gateway_for(code)
    except LookupError:
        raise http.Http404(f"{code} payments are not configured") from None
    try:
        event_id, applied = facade.apply_webhook(code, request.body, request.headers)
    except facade.WebhookRejected as rejected:
        return http.HttpResponseBadRequest(str(rejected), content_type="text/plain")
    except facade.PaymentServiceUnavailable:
        # The provider retries the delivery later; nothing was stored for this event.
        return http.HttpResponse("provider unavailable, retry later", status=503, content_type="text/plain")
    return http.JsonResponse({"received": event_id, "applied": applied})


# Not one transaction per request: the provider is asked outside any transaction, and the event is
# then stored and applied in one of its own.
@transaction.non_atomic_requests
@csrf_exempt
@require_POST
def stripe_webhook(request):
    return receive_webhook(request, "stripe")


@transaction.non_atomic_requests
@csrf_exempt
@require_POST
def paypal_webhook(request):
    return receive_webhook(request, "paypal")
