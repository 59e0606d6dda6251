"""App config of the forked customer app; Oscar's get_class/get_model find our modules through it."""

import oscar.apps.customer.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CustomerConfig(apps.CustomerConfig):
    name = "forked_apps.customer"

    def ready(self):
        super().ready()
        self.registration_received_view = get_class("customer.views", "RegistrationReceivedView")

    def get_urls(self):
        received = path(
            "register/received/", self.registration_received_view.as_view(), name="register-received"
        )
        return [*super().get_urls(), *self.post_process_urls([received])]
