"""Template tags leave blank lines and trailing spaces; the text part and SMS keep one empty line at most."""

from oscar.core.loading import get_model

CommunicationEventType = get_model("communication", "CommunicationEventType")


def test_runs_of_empty_lines_in_text_and_sms_shrink_to_one_and_html_is_left_as_written():
    source = "{% if True %}\n\nHello,   \n\n\n\n{% endif %}Order {{ number }}  \n\n\n"
    event_type = CommunicationEventType(
        code="TIDY",
        name="Tidy",
        email_subject_template="  Order {{ number }}\n",
        email_body_template=source,
        email_body_html_template=source,
        sms_template=source,
    )

    messages = event_type.get_messages({"number": "100001"})

    assert messages["body"] == "Hello,\n\nOrder 100001"
    assert messages["sms"] == "Hello,\n\nOrder 100001"
    assert messages["subject"] == "Order 100001"
    assert messages["html"] == "\n\nHello,   \n\n\n\nOrder 100001  \n\n\n"


def test_every_message_knows_the_shop_it_comes_from(settings):
    settings.OSCAR_SHOP_NAME = "Ptashka"
    settings.SHOP_CONTACT_EMAIL = "hello@ptashka.example"
    event_type = CommunicationEventType(
        code="SHOP",
        name="Shop",
        email_body_template="{{ shop.name }} {{ shop.url }} {{ shop.contact_email }}",
    )

    assert event_type.get_messages()["body"] == "Ptashka http://testserver/ hello@ptashka.example"
