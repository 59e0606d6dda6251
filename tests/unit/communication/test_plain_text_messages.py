"""Plain-text parts of emails and SMS say "Men's shirt", not "Men&#x27;s shirt"; HTML stays escaped."""

import pytest
from django.contrib.sites.models import Site
from oscar.core.loading import get_model
from oscar.test import factories

CommunicationEventType = get_model("communication", "CommunicationEventType")

pytestmark = pytest.mark.django_db


def test_templates_in_the_model_render_plain_parts_unescaped_and_html_escaped():
    event_type = CommunicationEventType(
        code="SHIRT_NEWS",
        name="Shirt news",
        email_subject_template="{{ title }} &\nmore",
        email_body_template="New: {{ title }} <in stock>",
        email_body_html_template="<p>New: {{ title }}</p>",
        sms_template="{{ title }} is back",
    )

    messages = event_type.get_messages({"title": "Men's shirt"})

    assert messages["subject"] == "Men's shirt &more"
    assert messages["body"] == "New: Men's shirt <in stock>"
    assert messages["sms"] == "Men's shirt is back"
    assert messages["html"] == "<p>New: Men&#x27;s shirt</p>"


def test_the_order_confirmation_text_names_the_product_as_it_is_called():
    product = factories.create_product(title="Men's linen shirt", price="40.00", num_in_stock=5)
    basket = factories.create_basket(empty=True)
    basket.add_product(product)
    order = factories.create_order(basket=basket)
    event_type = CommunicationEventType.objects.get_or_create(
        code="ORDER_PLACED", defaults={"name": "Order placed"}
    )[0]

    messages = event_type.get_messages(
        {"order": order, "lines": order.lines.all(), "site": Site.objects.get_current()}
    )

    assert "Men's linen shirt" in messages["body"]
    assert "&#x27;" not in messages["body"]
    assert "Men&#x27;s linen shirt" in messages["html"]


def test_a_missing_template_gives_an_empty_part():
    messages = CommunicationEventType(code="NO_SUCH_EVENT", name="None").get_messages()
    assert messages == {"subject": "", "body": "", "html": "", "sms": ""}
