"""Saddle-stitch imposition: two pages per A4 landscape side, in the order that folds right."""

import pytest
from weasyprint import HTML

from tests.guide.pdf_reading import page_count, page_sizes, page_text, text_in_area
from tests.guide.sample_content import sample_booklet
from wiki.guide.imposition import impose_booklet, sheet_sides

A4_LANDSCAPE = (841.9, 595.3)
HALF = 421  # points: the left half of an A4 landscape side


def numbered_pages(count: int, size: str = "A5") -> bytes:
    """A small PDF whose page k shows "Page k" in large type."""
    pages = "".join(
        f'<p style="break-after: page; font-size: 40pt">Page {number}</p>'
        for number in range(1, count + 1)
    )
    return HTML(string=f"<style>@page {{ size: {size} }}</style>{pages}").write_pdf()


def halves(pdf: bytes, page_number: int) -> tuple[str, str]:
    left = text_in_area(pdf, page_number, 0, 0, HALF, 596)
    right = text_in_area(pdf, page_number, HALF, 0, HALF, 596)
    return left, right


def test_sheet_sides_put_outer_pages_first():
    assert sheet_sides(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]


def test_pages_are_padded_to_a_multiple_of_four_before_the_back_cover():
    imposed = impose_booklet(numbered_pages(6))
    assert page_count(imposed) == 4  # two sheets, both sides
    assert halves(imposed, 1) == ("Page 6", "Page 1")
    assert halves(imposed, 2) == ("Page 2", "")
    assert halves(imposed, 3) == ("", "Page 3")
    assert halves(imposed, 4) == ("Page 4", "Page 5")


def test_a6_pages_are_centred_on_a4_landscape_sides():
    imposed = impose_booklet(numbered_pages(4, "A6"))
    ((width, height),) = page_sizes(imposed)
    assert (width, height) == pytest.approx(A4_LANDSCAPE, abs=1)
    assert halves(imposed, 1) == ("Page 4", "Page 1")
    # A6 is 297.6 points wide: centred in its 421-point half, it leaves ~62 points each side.
    assert text_in_area(imposed, 1, 0, 0, 55, 596) == ""


@pytest.fixture(scope="module")
def imposed():
    return impose_booklet(sample_booklet("A5"))


def test_imposed_booklet_is_a4_landscape(imposed):
    ((width, height),) = page_sizes(imposed)
    assert (width, height) == pytest.approx(A4_LANDSCAPE, abs=1)


def test_imposed_booklet_holds_every_page_of_the_booklet(imposed):
    booklet_pages, imposed_sides = page_count(sample_booklet("A5")), page_count(imposed)
    assert (imposed_sides * 2) % 4 == 0
    assert imposed_sides * 2 == booklet_pages  # the booklet is already a multiple of four


def test_first_side_holds_the_back_cover_and_the_cover(imposed):
    booklet = sample_booklet("A5")
    last_page = page_count(booklet)
    back_cover, cover = halves(imposed, 1)
    assert back_cover == page_text(booklet, last_page)
    assert "Passerelles entre centres sociaux et écoles" in cover
    second_left, second_right = halves(imposed, 2)
    assert "À quoi sert ce livret" in second_left
    assert second_right.endswith(str(last_page - 1))  # its page number
