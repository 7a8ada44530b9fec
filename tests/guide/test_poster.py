"""The A2 poster: one page, every theme with its practices, QR codes that open the guide."""

from dataclasses import replace

import pytest

from tests.guide.pdf_reading import fonts_not_embedded, page_sizes, page_texts, qr_codes_by_page
from tests.guide.sample_content import sample_content
from wiki.guide.poster import build_poster, chapter_url


@pytest.fixture(scope="module")
def content():
    return sample_content()


@pytest.fixture(scope="module")
def poster(content):
    return build_poster(content)


@pytest.fixture(scope="module")
def text(poster):
    (text,) = page_texts(poster)
    return text


def test_poster_is_one_a2_portrait_page(poster):
    ((width, height),) = page_sizes(poster)
    assert width == pytest.approx(1190.6, abs=1)
    assert height == pytest.approx(1683.8, abs=1)


def test_poster_shows_every_theme_its_practices_and_the_stages(text, content):
    for chapter in content.chapters:
        assert chapter.title in text
        for practice in chapter.practices:
            assert practice.data.title in text
    for stage in content.stages:
        assert stage.title in text
    assert content.online_url in text


def test_poster_fonts_are_embedded(poster):
    assert fonts_not_embedded(poster) == []


def test_poster_qr_codes_open_each_chapter_and_the_guide(poster, content):
    decoded = qr_codes_by_page(poster, [1])[1]
    expected = [chapter_url(content, chapter) for chapter in content.chapters]
    assert sorted(decoded) == sorted([*expected, content.online_url])


def test_poster_with_many_practices_still_fits_one_page(content):
    crowded = replace(
        content,
        chapters=tuple(
            replace(chapter, practices=chapter.practices * 6) for chapter in content.chapters
        ),
    )
    poster = build_poster(crowded)
    (text,) = page_texts(poster)
    assert all(chapter.title in text for chapter in content.chapters)
    assert "autres fiches" in text or " fiches" in text
