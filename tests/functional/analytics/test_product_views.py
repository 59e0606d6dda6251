"""A product page view is counted once its request commits, by a task (eager here, a worker in prod)."""

import pytest
from django.test import override_settings
from oscar.core.loading import get_model
from oscar.test.factories import UserFactory, create_product

ProductRecord = get_model("analytics", "ProductRecord")
UserProductView = get_model("analytics", "UserProductView")
UserRecord = get_model("analytics", "UserRecord")

pytestmark = pytest.mark.django_db


# Each view renders: a cached page is served before Oscar's view (and its product_viewed signal) runs.
@override_settings(PAGE_CACHE_ENABLED=False)
def test_views_of_a_product_page_are_counted_for_the_product_and_the_signed_in_shopper(
    client, django_capture_on_commit_callbacks
):
    # given a product, viewed once anonymously and twice by a signed-in shopper
    product = create_product(title="Reshetylivka towel", num_in_stock=3)
    shopper = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(product.get_absolute_url()).status_code == 200
    client.force_login(shopper)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.get(product.get_absolute_url()).status_code == 200

    # then the product counts three views, the shopper two, each of the shopper's views recorded
    assert ProductRecord.objects.get(product=product).num_views == 3
    assert UserRecord.objects.get(user=shopper).num_product_views == 2
    assert UserProductView.objects.filter(user=shopper, product=product).count() == 2


def test_a_view_not_committed_is_not_counted(client, django_capture_on_commit_callbacks):
    # given a product page rendered, but its transaction's commit callbacks never run (rolled back)
    product = create_product(title="Opishnia jug", num_in_stock=3)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert client.get(product.get_absolute_url()).status_code == 200

    # then the count waits for the commit: nothing is recorded
    assert callbacks
    assert not ProductRecord.objects.filter(product=product).exists()
