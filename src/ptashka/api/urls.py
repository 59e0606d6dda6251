"""Our API routes, mounted under /api/ before oscar-api's own."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from ptashka.api import passwords, payments, tokens
from ptashka.api.content import content_api

urlpatterns = [
    path("auth/token/", tokens.ObtainTokenPairView.as_view(), name="api-token-obtain"),
    path("auth/token/refresh/", tokens.RefreshTokenView.as_view(), name="api-token-refresh"),
    path("auth/logout/", tokens.LogoutView.as_view(), name="api-token-logout"),
    path("auth/password-reset/", passwords.PasswordResetView.as_view(), name="api-password-reset"),
    path("basket/payment-methods/", payments.PaymentMethodsView.as_view(), name="api-payment-methods"),
    # An order's payment; oscar-api's order serializer links it as payment_url ("api-payment").
    path("orders/<int:pk>/payment/", payments.OrderPaymentView.as_view(), name="api-payment"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file (?script): the CSP runs no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # Read-only content: /api/cms/pages/, /api/cms/images/, /api/cms/menus/, ...
    path("cms/", content_api.urls),
]
