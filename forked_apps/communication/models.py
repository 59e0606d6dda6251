"""Models of the communication app: Oscar's, with plain-text messages rendered as plain text."""

from django.conf import settings
from django.template import Context, TemplateDoesNotExist, engines
from django.template.loader import get_template
from oscar.apps.communication.abstract_models import AbstractCommunicationEventType

# Each message and the field holding its template (empty: the file named by <field>_file).
TEMPLATE_FIELDS = {
    "subject": "email_subject_template",
    "body": "email_body_template",
    "html": "email_body_html_template",
    "sms": "sms_template",
}
HTML_MESSAGES = {"html"}


class CommunicationEventType(AbstractCommunicationEventType):
    def get_messages(self, ctx=None):
        """Oscar's messages, with the subject, text body and SMS rendered without HTML escaping.

        Oscar renders all four through the autoescaping engine, so a product called "Men's shirt"
        reached mail apps as "Men&#x27;s shirt" in every plain-text part. The HTML part is HTML and
        keeps escaping. Templates are found as Oscar finds them: the model's field, else the file.
        """
        ctx = dict(ctx or {})
        ctx["static_base_url"] = getattr(settings, "OSCAR_STATIC_BASE_URL", None)
        messages = {}
        for name, field_name in TEMPLATE_FIELDS.items():
            template = self._template(field_name)
            # The engine's Template under the backend's: the one that takes a Context.
            context = Context(ctx, autoescape=name in HTML_MESSAGES)
            messages[name] = template.template.render(context) if template else ""
        # A subject is one line.
        messages["subject"] = messages["subject"].replace("\n", "").replace("\r", "")
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
