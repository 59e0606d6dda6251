"""A merchandiser uploading a file that only looks like an image is told so, and nothing is saved."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

Image = get_image_model()

pytestmark = pytest.mark.django_db

# A GIF header with nothing an image library can decode after it.
CORRUPT_GIFS = {
    "header only": b"GIF89a",
    "header and garbage": b"GIF89a" + b"\xff" * 64,
    "screen descriptor, no image": b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + b"\x00" * 32,
}


@pytest.fixture
def editor(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def gif(name, content):
    return SimpleUploadedFile(name, content, content_type="image/gif")


def real_gif():
    out = io.BytesIO()
    PILImage.new("RGB", (4, 4), "yellow").save(out, format="GIF")
    return out.getvalue()


@pytest.mark.parametrize("content", CORRUPT_GIFS.values(), ids=CORRUPT_GIFS.keys())
def test_adding_a_corrupt_gif_shows_a_form_error_and_saves_nothing(editor, content):
    response = editor.post(
        reverse("wagtailimages:add"),
        {
            "title": "Broken bird",
            "file": gif("bird.gif", content),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    # Before: PIL.UnidentifiedImageError escaped Wagtail's form validation as a 500.
    assert response.status_code == 200
    assert "corrupted image" in response.content.decode()
    assert not Image.objects.exists()


@pytest.mark.parametrize("content", CORRUPT_GIFS.values(), ids=CORRUPT_GIFS.keys())
def test_uploading_a_corrupt_gif_in_bulk_answers_an_error_and_saves_nothing(editor, content):
    response = editor.post(reverse("wagtailimages:add_multiple"), {"files[]": gif("bird.gif", content)})

    assert response.status_code == 200
    answer = response.json()
    assert answer["success"] is False
    assert "corrupted image" in answer["error_message"]
    assert not Image.objects.exists()


def test_a_real_gif_still_uploads(editor):
    response = editor.post(reverse("wagtailimages:add_multiple"), {"files[]": gif("bird.gif", real_gif())})

    assert response.json()["success"] is True
    assert Image.objects.get().width == 4
