"""Webhook endpoints of the payment providers: verified, idempotent, and quick to answer."""

from django import http
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .gateway import PaymentServiceUnavailable, WebhookRejected
from .registry import gateway_by_code
from .webhooks import apply_webhook_event


def receive_webhook(request, code):
    try:
        gateway = gateway_by_code(code)
    except LookupError:
        raise http.Http404(f"{code} payments are not configured") from None
    try:
        event = gateway.parse_webhook(request.body, request.headers)
    except WebhookRejected as rejected:
        return http.HttpResponseBadRequest(str(rejected), content_type="text/plain")
    try:
        applied = apply_webhook_event(gateway, event)
    except PaymentServiceUnavailable:
        # The provider retries the delivery later; nothing was stored for this event.
        return http.HttpResponse("provider unavailable, retry later", status=503, content_type="text/plain")
    return http.JsonResponse({"received": event.event_id, "applied": applied})


@csrf_exempt
@require_POST
def stripe_webhook(request):
    return receive_webhook(request, "stripe")


@csrf_exempt
@require_POST
def paypal_webhook(request):
    return receive_webhook(request, "paypal")
