"""Reading a practice file from disk: size limit, encoding, and errors that name the file."""

import pytest

from wiki.exchange import MAX_FILE_BYTES, PracticeFormatError, read_practice_file

from .helpers import STAGE_SLUGS, THEME_SLUGS, practice_text


def read(path):
    return read_practice_file(path, theme_slugs=THEME_SLUGS, stage_slugs=STAGE_SLUGS)


def test_valid_file_is_read(tmp_path):
    path = tmp_path / "gouter.md"
    path.write_text(practice_text(), encoding="utf-8")

    assert read(path).title == "Un goûter partagé"


def test_non_utf8_file_is_refused_with_the_line_of_the_first_bad_byte(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes(practice_text().encode("cp1252"))  # as Windows writes: "û" on line 2

    with pytest.raises(PracticeFormatError) as caught:
        read(path)

    assert caught.value.line == 2
    assert "UTF-8" in caught.value.reason


def test_file_larger_than_the_limit_is_refused_before_being_read(tmp_path):
    path = tmp_path / "enorme.md"
    path.write_bytes(b"\xff" * (10 * 1024 * 1024))  # neither UTF-8 nor a practice

    with pytest.raises(PracticeFormatError) as caught:
        read(path)

    assert caught.value.line is None
    assert caught.value.reason == (
        "Fichier trop gros : 10 485 760 octets, la limite est de 1 000 000 octets."
    )


def test_file_at_the_limit_is_read(tmp_path):
    path = tmp_path / "long.md"
    text = practice_text()
    path.write_text(text + " " * (MAX_FILE_BYTES - len(text.encode())), encoding="utf-8")

    assert read(path).title == "Un goûter partagé"


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.md"
    path.write_text(practice_text(), encoding="utf-8-sig")

    assert read(path).title == "Un goûter partagé"


def test_error_located_in_a_file_names_the_file_and_the_line():
    error = PracticeFormatError("Section inconnue « Bilan ».", 12)

    assert error.located("gouter.md") == "gouter.md:12: Section inconnue « Bilan »."
    assert error.reason == "Section inconnue « Bilan »."


def test_error_without_a_line_names_only_the_file():
    error = PracticeFormatError("Fichier trop gros.")

    assert error.located("gouter.md") == "gouter.md: Fichier trop gros."
    assert error.line is None
