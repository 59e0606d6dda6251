"""Models of the communication app: Oscar's, with plain-text messages rendered as plain text."""

import re
from functools import cached_property

from django.conf import settings
from django.db.models import Prefetch
from django.template import Context, TemplateDoesNotExist, engines
from django.template.loader import get_template
from oscar.apps.communication.abstract_models import AbstractCommunicationEventType
from oscar.core.loading import get_model

# Each message and the field holding its template (empty: the file named by <field>_file).
TEMPLATE_FIELDS = {
    "subject": "email_subject_template",
    "body": "email_body_template",
    "html": "email_body_html_template",
    "sms": "sms_template",
}
HTML_MESSAGES = {"html"}
PLAIN_MESSAGES = {"body", "sms"}
BLANK_LINES = re.compile(r"\n{3,}")


def shop_details():
    """What every email's header and footer say about the shop: name, tagline, address, contact.

    SHOP_POSTAL_ADDRESS, SHOP_CONTACT_EMAIL and SHOP_CONTACT_PHONE are shown when a deployment sets
    them; without them the footer asks for a reply, which reaches the address the shop sends from.
    """
    return {
        "name": settings.OSCAR_SHOP_NAME,
        "tagline": getattr(settings, "OSCAR_SHOP_TAGLINE", ""),
        "url": settings.SHOP_BASE_URL.rstrip("/") + "/",
        "address": getattr(settings, "SHOP_POSTAL_ADDRESS", ""),
        "phone": getattr(settings, "SHOP_CONTACT_PHONE", ""),
        "contact_email": getattr(settings, "SHOP_CONTACT_EMAIL", ""),
    }


class OrderSummary:
    """An order's lines, discounts and subtotal as its emails show them, read once for both parts.

    The HTML and the plain-text part each walked order.lines, each line's product and options, and
    three discount queries: eighteen queries per confirmation. Here it is three, however many lines.
    """

    def __init__(self, order):
        self.order = order

    @cached_property
    def lines(self):
        attribute_values = get_model("catalogue", "ProductAttributeValue").objects.select_related(
            "attribute", "value_option"
        )
        lines = self.order.lines.select_related("product").prefetch_related(
            "attributes", Prefetch("product__attribute_values", queryset=attribute_values)
        )
        return [
            {
                "title": line.title,
                # A variant says what makes it one ("Size: M"); a stand-alone product needs no such line.
                "variant": ", ".join(value.summary() for value in line.product.attribute_values.all())
                if line.product is not None and line.product.is_child
                else "",
                "options": list(line.attributes.all()),
                "quantity": line.quantity,
                "price": line.line_price_before_discounts_incl_tax,
            }
            for line in lines
        ]

    @cached_property
    def _discounts(self):
        return list(self.order.discounts.all())

    @property
    def basket_discounts(self):
        return [d for d in self._discounts if d.category == d.BASKET]

    @property
    def shipping_discounts(self):
        return [d for d in self._discounts if d.category == d.SHIPPING]

    @property
    def shipping(self):
        """Shipping before its discounts (Oscar's order property asks the database each time)."""
        return self.order.shipping_incl_tax + sum((d.amount for d in self.shipping_discounts), 0)

    @property
    def subtotal(self):
        return sum((line["price"] for line in self.lines), 0)


def tidy_plain_text(text):
    """Template tags leave trailing spaces and runs of empty lines; a text part keeps one at most."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


class CommunicationEventType(AbstractCommunicationEventType):
    def get_messages(self, ctx=None):
        """Oscar's messages, with the subject, text body and SMS rendered without HTML escaping.

        Oscar renders all four through the autoescaping engine, so a product called "Men's shirt"
        reached mail apps as "Men&#x27;s shirt" in every plain-text part. The HTML part is HTML and
        keeps escaping. Templates are found as Oscar finds them: the model's field, else the file.
        """
        ctx = dict(ctx or {})
        ctx["static_base_url"] = getattr(settings, "OSCAR_STATIC_BASE_URL", None)
        ctx.setdefault("shop", shop_details())
        if ctx.get("order") is not None:
            ctx.setdefault("summary", OrderSummary(ctx["order"]))
        messages = {}
        for name, field_name in TEMPLATE_FIELDS.items():
            template = self._template(field_name)
            # The engine's Template under the backend's: the one that takes a Context.
            context = Context(ctx, autoescape=name in HTML_MESSAGES)
            messages[name] = template.template.render(context) if template else ""
        for name in PLAIN_MESSAGES:
            messages[name] = tidy_plain_text(messages[name])
        # A subject is one line.
        messages["subject"] = messages["subject"].replace("\n", "").replace("\r", "").strip()
        return messages

    def _template(self, field_name):
        source = getattr(self, field_name, None)
        if source is not None:
            return engines["django"].from_string(source)
        try:
            return get_template(getattr(self, f"{field_name}_file") % self.code.lower())
        except TemplateDoesNotExist:
            return None


from oscar.apps.communication.models import *  # noqa: E402, F403
