"""The Wagtail admin's image form: a file is accepted only if the image library can read it."""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class DecodableImageField(WagtailImageField):
    """Wagtail's image field, turning an image its library cannot decode into a form error.

    Wagtail recognises a format by the file's first bytes and only then has Pillow read it; a file
    with a GIF header and nothing readable after it raised UnidentifiedImageError out of the form,
    a 500 at /cms/images/add/ and /cms/images/multiple/add/ (wagtail/wagtail#1354).
    """

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except ValidationError:
            raise
        except Exception as exc:  # noqa: BLE001  Pillow's plugins raise OSError, SyntaxError, ValueError…
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from exc


class ShopImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: Wagtail's form, with the file read by DecodableImageField."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Swapped here rather than declared: a declared field would survive the `exclude` of the
        # bulk uploader's edit form, which must not ask for the file again.
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = DecodableImageField(
                label=field.label, required=field.required, widget=field.widget
            )
