"""An abandoned basket gets one reminder with a way back; never twice, after ordering or unsubscribing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from oscar.test.factories import UserFactory, create_order, create_product, create_stockrecord

from ptashka.notifications import tasks
from ptashka.notifications.baskets import email_from_unsubscribe_token, unsubscribe_token
from ptashka.notifications.models import BasketReminder, Unsubscription

Basket = get_model("basket", "Basket")
Line = get_model("basket", "Line")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db


def basket_left_behind(email="shopper@example.com", hours_ago=30):
    basket = Basket.objects.create(owner=UserFactory(email=email))
    basket.strategy = Selector().strategy()
    product = create_product(title="Вишиванка")
    create_stockrecord(product, price="40.00", num_in_stock=5)
    basket.add_product(product)
    Line.objects.filter(basket=basket).update(date_updated=timezone.now() - timedelta(hours=hours_ago))
    return basket


def sweep(capture):
    with capture(execute=True):
        return tasks.remind_abandoned_baskets.delay().get()


def test_abandoned_basket_gets_one_reminder_with_links_back_and_out(django_capture_on_commit_callbacks):
    basket = basket_left_behind()

    assert sweep(django_capture_on_commit_callbacks) == 1
    assert sweep(django_capture_on_commit_callbacks) == 0

    assert [message.to for message in mail.outbox] == [["shopper@example.com"]]
    body = mail.outbox[0].body
    assert "Вишиванка" in body
    assert "http://testserver/basket/" in body
    # the token is signed with a timestamp, so read it back from the email rather than re-make it
    unsubscribe_path = reverse("ptashka_notifications:unsubscribe", args=["TOKEN"]).split("TOKEN")[0]
    prefix = "http://testserver" + unsubscribe_path
    token = body.split(prefix, 1)[1].split("/", 1)[0]
    assert email_from_unsubscribe_token(token) == "shopper@example.com"
    assert BasketReminder.objects.get().basket == basket


def test_a_basket_touched_recently_is_left_alone(django_capture_on_commit_callbacks, settings):
    settings.ABANDONED_BASKET_AFTER_HOURS = 24
    basket_left_behind(hours_ago=2)

    assert sweep(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_no_reminder_once_the_basket_became_an_order(django_capture_on_commit_callbacks):
    basket = basket_left_behind()
    create_order(basket=basket, user=basket.owner)
    mail.outbox.clear()

    assert sweep(django_capture_on_commit_callbacks) == 0
    assert tasks.remind_about_basket.delay(basket.pk).get() is False
    assert mail.outbox == []


def test_no_reminder_to_an_address_that_unsubscribed(client, django_capture_on_commit_callbacks):
    basket_left_behind(email="Quiet@Example.com")
    url = reverse("ptashka_notifications:unsubscribe", args=[unsubscribe_token("Quiet@Example.com")])

    confirm_page = client.get(url)
    assert confirm_page.status_code == 200
    assert not Unsubscription.objects.exists()  # a mail scanner following the link changes nothing
    assert client.post(url).status_code == 200

    assert sweep(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_forged_unsubscribe_link_is_refused(client):
    response = client.post(reverse("ptashka_notifications:unsubscribe", args=["not-a-token"]))

    assert response.status_code == 404
    assert not Unsubscription.objects.exists()


def test_baskets_abandoned_long_ago_are_not_dug_up(django_capture_on_commit_callbacks, settings):
    settings.ABANDONED_BASKET_MAX_AGE_DAYS = 7
    basket_left_behind(hours_ago=24 * 30)

    assert sweep(django_capture_on_commit_callbacks) == 0
