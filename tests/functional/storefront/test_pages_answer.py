"""The demo shop's pages answer: Wagtail at /, Oscar's storefront, the API, both back offices."""

import pytest

pytestmark = pytest.mark.django_db


def test_home_page_is_wagtail_content_with_live_products_from_oscar(client, shop):
    from cms.home import HomePage

    home = HomePage.objects.live().get()

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["page"].specific == home
    assert home.hero_title in html
    listed = [product for product in shop.products if product.title in html]
    assert len(listed) >= 8
    assert "€" in html and 'action="/basket/add/' in html


def test_category_page_lists_its_products(client, shop):
    category = shop.categories[0]

    response = client.get(category.get_absolute_url())

    assert response.status_code == 200
    assert category.name in response.content.decode()
    assert len(response.context["products"]) > 0


def test_product_page_shows_title_and_price_in_euros(client, shop):
    product = shop.in_stock_product()

    response = client.get(product.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert product.title in html
    assert "€" in html


def test_empty_basket_page_answers(client, shop):
    response = client.get("/basket/")

    assert response.status_code == 200
    assert "Your basket is empty" in response.content.decode()


def test_api_root_lists_the_shop_endpoints(client, shop):
    response = client.get("/api/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert {"products", "basket", "categories"} <= set(response.json())


def test_api_lists_demo_products(client, shop):
    response = client.get("/api/products/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert response.json()["count"] >= 60


def test_search_page_answers(client, shop):
    response = client.get("/search/", {"q": "ceramic"})

    assert response.status_code == 200


def test_health_probes_answer_ok(client, shop):
    alive = client.get("/healthz")
    ready = client.get("/readyz")

    assert alive.status_code == 200 and alive.json() == {"status": "ok"}
    assert ready.status_code == 200
    assert ready.json()["checks"]["database"] == "ok"
    assert ready.json()["checks"]["cache"] == "ok"


def test_django_admin_login_page_answers(client, shop):
    response = client.get("/django-admin/login/")

    assert response.status_code == 200


def test_cms_sends_anonymous_visitors_to_its_login(client, shop):
    response = client.get("/cms/")

    assert response.status_code == 302
    assert response.url.startswith("/cms/login/")


def test_merchandiser_logs_into_the_cms_and_sees_the_admin(client, shop):
    login = client.post(
        "/cms/login/", {"username": "merchandiser", "password": shop.passwords["merchandiser"]}
    )
    admin = client.get("/cms/")

    assert login.status_code == 302
    assert admin.status_code == 200
    assert "Dashboard" in admin.content.decode() or "Pages" in admin.content.decode()


def test_shop_manager_is_refused_by_the_cms(client, shop):
    client.post("/cms/login/", {"username": "manager", "password": shop.passwords["manager"]})

    admin = client.get("/cms/")

    # the password is right, but without Wagtail's access_admin permission the admin sends them away
    assert admin.status_code in (302, 403)
    if admin.status_code == 302:
        assert admin.url.startswith("/cms/login/")


def test_dashboard_sends_anonymous_visitors_to_login(client, shop):
    response = client.get("/dashboard/")

    assert response.status_code == 302
    assert response.url.startswith("/dashboard/login/")


def test_shop_manager_logs_into_the_dashboard(client, shop):
    login = client.post(
        "/accounts/login/",
        {
            "login-username": "manager@ptashka.localhost",
            "login-password": shop.passwords["manager"],
            "login_submit": "1",
        },
    )
    dashboard = client.get("/dashboard/")

    assert login.status_code == 302
    assert dashboard.status_code == 200


def test_merchandiser_is_refused_by_the_dashboard(client, shop):
    client.force_login(shop.users["merchandiser"])

    response = client.get("/dashboard/")

    assert response.status_code in (302, 403)
