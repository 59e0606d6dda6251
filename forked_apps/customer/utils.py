"""Oscar's customer emails, plus one telling an account's owner that someone tried to register its address."""

from oscar.apps.customer import utils


class CustomerDispatcher(utils.CustomerDispatcher):
    REGISTRATION_ATTEMPT_EVENT_CODE = "REGISTRATION_ATTEMPT"

    def send_registration_attempt_email_for_user(self, user, extra_context):
        messages = self.dispatcher.get_messages(self.REGISTRATION_ATTEMPT_EVENT_CODE, extra_context)
        self.dispatcher.dispatch_user_messages(user, messages)
