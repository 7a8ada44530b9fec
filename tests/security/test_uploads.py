"""Documents and images uploaded in the admin: only the expected types, not too big, and
documents downloaded rather than shown inline (an uploaded page never runs in the site)."""

import io

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from wiki.vocabulary import ROLE_CENTRES_SOCIAUX

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SCRIPT = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1"/></svg>'


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def writer(client_for):
    """A social centre member: allowed to add documents and images."""
    return client_for(ROLE_CENTRES_SOCIAUX)


def upload(client, url_name: str, name: str, content: bytes):
    return client.post(
        reverse(url_name),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def upload_document(client, name: str, content: bytes):
    return upload(client, "wagtaildocs:add", name, content)


def upload_image(client, name: str, content: bytes):
    return upload(client, "wagtailimages:add", name, content)


def png(size=(4, 4)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_normal_pdf_is_accepted(writer):
    response = upload_document(writer, "plaquette.pdf", PDF)
    assert response.status_code == 302
    assert Document.objects.get().title == "plaquette.pdf"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("outil.exe", b"MZ\x90\x00"),
        ("page.html", SCRIPT),
        ("dessin.svg", SVG),
        ("page.htm", SCRIPT),
    ],
)
def test_programs_pages_and_drawings_are_refused_as_documents(writer, name, content):
    response = upload_document(writer, name, content)
    assert response.status_code == 200
    assert "n’est pas autorisée" in response.content.decode()
    assert not Document.objects.exists()


def test_the_multiple_uploader_refuses_them_too(writer):
    response = writer.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("page.html", SCRIPT)},
    )
    assert response.json()["success"] is False
    assert not Document.objects.exists()


def test_a_document_above_the_size_limit_is_refused(writer):
    limit = django_settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    assert limit == 10 * 1024 * 1024
    response = upload_document(writer, "trop-gros.pdf", PDF + b"0" * (limit + 1 - len(PDF)))
    assert response.status_code == 200
    assert "Ce fichier est trop gros" in response.content.decode()
    assert not Document.objects.exists()
    ok = upload_document(writer, "juste-assez.pdf", PDF + b"0" * (limit - len(PDF)))
    assert ok.status_code == 302


def test_the_multiple_uploader_applies_the_size_limit(writer, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = writer.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("gros.pdf", PDF + b"0" * 2048)},
    )
    assert response.json()["success"] is False
    assert "trop gros" in response.json()["error_message"]
    assert not Document.objects.exists()


def test_a_png_image_is_accepted(writer):
    assert upload_image(writer, "photo.png", png()).status_code == 302
    assert Image.objects.count() == 1


@pytest.mark.parametrize(("name", "content"), [("dessin.svg", SVG), ("page.html", SCRIPT)])
def test_drawings_and_pages_are_refused_as_images(writer, name, content):
    response = upload_image(writer, name, content)
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_an_image_above_the_size_limit_is_refused(writer, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 200
    response = upload_image(writer, "grande.png", png((300, 300)))
    assert response.status_code == 200
    assert "trop" in response.content.decode()
    assert not Image.objects.exists()


def stored_document(name: str, content: bytes) -> Document:
    """A document already in the library, whatever its type (as an older upload could be)."""
    document = Document(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


@pytest.mark.parametrize("name", ["page.html", "notes.txt", "tableau.csv", "dessin.svg"])
def test_documents_other_than_pdf_are_downloaded_not_shown(client, name):
    document = stored_document(name, SCRIPT)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    # Even opened directly, nothing in the file may run or load.
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_opens_in_the_browser_without_running_anything(client):
    document = stored_document("plaquette.pdf", PDF)
    response = client.get(document.url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"] == "default-src 'none'"
