"""The booklet's PDF read back: sizes, contents and page numbers, fonts, QR codes, images."""

import base64
import io
import re
from dataclasses import replace

import pytest
from PIL import Image

from tests.guide.pdf_reading import (
    fonts_not_embedded,
    image_sizes,
    link_targets,
    page_sizes,
    page_texts,
    qr_codes_by_page,
)
from tests.guide.sample_content import sample_booklet, sample_content
from wiki.exchange.data import Difficulty, Step
from wiki.guide.booklet import build_booklet
from wiki.guide.content import GuideImage
from wiki.guide.images import printable_image

QR_CAPTION = "La version vivante en ligne"


@pytest.fixture(scope="module")
def content():
    return sample_content("A5")


@pytest.fixture(scope="module")
def booklet():
    return sample_booklet("A5")


@pytest.fixture(scope="module")
def texts(booklet):
    return page_texts(booklet)


def test_booklet_pages_are_a5(booklet):
    ((width, height),) = page_sizes(booklet)
    assert width == pytest.approx(419.5, abs=1)
    assert height == pytest.approx(595.3, abs=1)


@pytest.mark.slow
def test_a6_booklet_pages_are_a6():
    ((width, height),) = page_sizes(sample_booklet("A6"))
    assert width == pytest.approx(297.6, abs=1)
    assert height == pytest.approx(419.5, abs=1)


def test_booklet_page_count_folds_into_sheets(texts):
    assert len(texts) % 4 == 0


def test_cover_shows_title_and_edition_but_no_page_number(texts, content):
    assert content.title in texts[0]
    assert content.edition_label in texts[0]
    assert not re.search(r"\b1\b", texts[0])


def test_table_of_contents_gives_the_page_of_each_chapter_opener(texts, content):
    toc = " ".join(text for text in texts if "Sommaire" in text)
    for number, chapter in enumerate(content.chapters, start=1):
        match = re.search(re.escape(chapter.title) + r"[ .]*?(\d+)", toc)
        assert match, f"{chapter.title!r} manque au sommaire"
        page = int(match.group(1))
        assert chapter.title in texts[page - 1]
        assert f"CHAPITRE {number} " in texts[page - 1], f"page {page} : pas l'ouverture"


def _chapter_openers(texts, content) -> list[int]:
    return [
        next(page for page, text in enumerate(texts, 1) if f"CHAPITRE {number} " in text)
        for number in range(1, len(content.chapters) + 1)
    ]


def test_each_chapter_starts_on_a_right_hand_page(texts, content):
    for number, page in enumerate(_chapter_openers(texts, content), start=1):
        assert page % 2 == 1, f"chapitre {number} : page {page}, à gauche"


def test_table_of_contents_links_lead_to_the_chapters(booklet, texts, content):
    toc_pages = [page for page, text in enumerate(texts, 1) if "Sommaire" in text]
    targets = set().union(*(link_targets(booklet, page) for page in toc_pages))
    assert set(_chapter_openers(texts, content)) <= targets


def test_index_gives_the_page_of_each_practice(texts, content):
    index = " ".join(texts).rsplit("Toutes les fiches de A à Z", 1)[1]
    for practice in content.practices:
        match = re.search(re.escape(practice.data.title) + r"[ .]*?(\d+)", index)
        assert match, f"{practice.data.title!r} manque à l'index"
        assert practice.data.title in texts[int(match.group(1)) - 1]


def test_every_page_after_the_cover_shows_its_number(texts):
    back_cover = len(texts)
    for page_number, text in enumerate(texts[1:-1], start=2):
        assert re.search(rf"(^|\s){page_number}(\s|$)", text), f"page {page_number} sans numéro"
    assert back_cover % 4 == 0


def test_every_practice_is_printed_whole(texts, content):
    everything = " ".join(texts)
    for practice in content.practices:
        data = practice.data
        expected = [data.title, data.summary[:60]]
        expected += [step.title for step in data.steps]
        expected += [difficulty.question for difficulty in data.difficulties]
        expected += data.memo
        for text in expected:
            assert text in everything, f"{data.slug} : {text!r} manque"


def test_every_font_is_embedded(booklet):
    assert fonts_not_embedded(booklet) == []


@pytest.mark.slow
def test_each_practice_qr_code_opens_that_practice(booklet, texts, content):
    qr_pages = [number for number, text in enumerate(texts, start=1) if QR_CAPTION in text]
    assert len(qr_pages) == len(content.practices)
    decoded = qr_codes_by_page(booklet, qr_pages)
    for page_number in qr_pages:
        practice = next(p for p in content.practices if p.data.title in texts[page_number - 1])
        assert decoded[page_number] == [practice.url], practice.data.title


def test_back_cover_qr_code_opens_the_online_edition(booklet, texts, content):
    assert qr_codes_by_page(booklet, [len(texts)]) == {len(texts): [content.online_url]}


def _one_chapter(content, practices, **changes):
    chapter = replace(content.chapters[0], practices=tuple(practices), **changes)
    return replace(content, chapters=(chapter,), glossary=content.glossary[:3])


def _twenty_times_longer(practice):
    data = practice.data
    long_data = replace(
        data,
        title="Une fiche <très> longue & complète",
        context="".join(f"<p>{data.context}</p>" for _ in range(20))
        + "<p>Fin du point de départ vingt fois plus long.</p>",
        objectives=data.objectives * 20,
        ingredients=data.ingredients * 20,
        what_worked=data.what_worked * 20,
        steps=[
            Step(f"{step.title} (tour {round_})", step.text * 3)
            for round_ in range(1, 21)
            for step in data.steps[:2]
        ],
        difficulties=[
            Difficulty(f"{difficulty.question} (cas {case})", difficulty.answer * 4)
            for case in range(1, 21)
            for difficulty in data.difficulties[:1]
        ],
        memo=[f"{item} (rappel {index})" for index in range(1, 11) for item in data.memo[:2]],
        quotes=data.quotes * 20,
    )
    return replace(practice, data=long_data)


def test_a_practice_twenty_times_longer_flows_over_pages_without_loss(content):
    long_practice = _twenty_times_longer(content.practices[0])
    short_practice = content.practices[1]
    booklet = build_booklet(_one_chapter(content, [long_practice, short_practice]))
    everything = " ".join(page_texts(booklet))
    data = long_practice.data
    assert "Une fiche <très> longue & complète" in everything  # plain text stays plain text
    assert "Fin du point de départ vingt fois plus long." in everything
    for text in [step.title for step in data.steps] + [d.question for d in data.difficulties]:
        assert text in everything
    for item in data.memo:
        assert item in everything
    assert short_practice.data.title in everything


def test_orientation_grid_is_printed_only_when_there_are_questions(content):
    practices = content.practices[:1]
    with_grid = " ".join(page_texts(build_booklet(_one_chapter(content, practices))))
    without = _one_chapter(content, practices)
    without = " ".join(page_texts(build_booklet(replace(without, orientation=()))))
    assert "Se situer en quelques questions" in with_grid
    assert content.orientation[0].text in with_grid
    assert "Se situer en quelques questions" not in without
    assert "Premier contact" in without  # the three stages are still there


def test_missing_cover_image_prints_a_placeholder(content, tmp_path):
    missing = GuideImage(tmp_path / "disparue.jpg", alt="Des parents devant l'école")
    booklet = build_booklet(
        replace(_one_chapter(content, content.practices[:1]), cover_image=missing)
    )
    assert "Image manquante" in page_texts(booklet)[0]


def test_large_chapter_image_is_downscaled_before_embedding(content, tmp_path):
    path = tmp_path / "grande.jpg"
    Image.new("RGB", (4000, 3000), "#2e7d32").save(path, quality=90)
    chapter_image = GuideImage(path, alt="Un atelier")
    booklet = build_booklet(_one_chapter(content, content.practices[:1], image=chapter_image))
    # The QR codes are images too, square ones; the chapter's photo is 4:3.
    photos = [(width, height) for width, height in image_sizes(booklet) if width != height]
    assert photos, "l'image du chapitre manque"
    assert max(width for width, _ in photos) <= 1200


def test_progress_reports_layout_then_writing(content):
    calls = []
    booklet = build_booklet(
        _one_chapter(content, content.practices[:1]),
        progress=lambda step, done, total: calls.append((step, done, total)),
    )
    pages = len(page_texts(booklet))
    assert calls == [
        ("Mise en page du livret", 0, 1),
        ("Mise en page du livret", pages, pages),
        ("Écriture du PDF", 0, pages),
        ("Écriture du PDF", pages, pages),
    ]


def test_unreadable_image_file_becomes_a_placeholder(tmp_path):
    broken = tmp_path / "cassee.jpg"
    broken.write_bytes(b"ceci n'est pas une image")
    uri = printable_image(GuideImage(broken, alt="Une photo"), max_width_px=1200)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert "Image manquante" in base64.b64decode(uri.split(",", 1)[1]).decode()


def test_image_with_transparency_stays_transparent(tmp_path):
    path = tmp_path / "logo.png"
    Image.new("RGBA", (2000, 1000), (255, 0, 0, 0)).save(path)
    uri = printable_image(GuideImage(path), max_width_px=600)
    picture = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))
    assert uri.startswith("data:image/png;base64,")
    assert picture.mode == "RGBA"
    assert picture.size == (600, 300)
