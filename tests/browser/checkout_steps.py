"""The guest checkout steps browser tests share: from a filled basket to the placed order."""

from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")


def check_out_as_guest_and_place_order(page, server, email, gateway="stripe"):
    """A guest gives an email and a Kyiv address, takes the first shipping method and places the order."""
    page.goto(server.url + "/checkout/")
    page.fill("#id_username", email)
    page.check("input[name=options][value=anonymous]")
    # "main": the header's search box is a form with a submit button too, and it comes first.
    page.locator("main form#login_form button[type=submit]").click()
    page.fill("#id_first_name", "Оксана")
    page.fill("#id_last_name", "Коваль")
    page.fill("#id_line1", "вул. Хрещатик, 1")
    page.fill("#id_line4", "Київ")
    page.fill("#id_postcode", "01001")
    if page.locator("select#id_country").count():
        page.select_option("#id_country", "UA")
    page.locator("form#new_shipping_address button[type=submit]").click()
    if "/checkout/shipping-method/" in page.url:
        page.locator("main form#shipping_method_form button[type=submit]").click()
    page.check(f"#gateway-{gateway}")
    page.click("#view_preview")
    page.click("#place-order")


def products_in_stock(count=1):
    """The first standalone demo products with stock to spare."""
    found = []
    for product in Product.objects.browsable().filter(structure="standalone").order_by("pk"):
        stock = product.stockrecords.first()
        if stock and stock.net_stock_level > 1:
            found.append(product)
        if len(found) == count:
            return found
    raise LookupError("the demo shop has too few products in stock")


def add_to_basket(page, server, products):
    """A shopper adds each product from its own page."""
    for product in products:
        page.goto(server.url + product.get_absolute_url())
        page.locator("#add_to_basket_form button[type=submit]").click()
        page.wait_for_load_state()
