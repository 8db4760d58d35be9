"""The library's error says where, why and what would have fitted, with the line and a caret."""

from __future__ import annotations

import pytest

from uchwaly_parser import ParseError, parse


def test_error_text_is_exact() -> None:
    with pytest.raises(ParseError) as caught:
        parse("Porządek obrad\nsesji Rady Gminy", name="porzadek.txt")
    assert str(caught.value) == (
        "porzadek.txt:1:1: no resolution title (UCHWAŁA …) found (expected UCHWAŁA)\n"
        "    1 | Porządek obrad\n"
        "        ^"
    )
    assert (caught.value.file, caught.value.line, caught.value.column) == ("porzadek.txt", 1, 1)
    assert caught.value.expected == ("UCHWAŁA",)


def test_strict_mode_points_at_the_first_guess() -> None:
    text = "UCHWAŁA NR I/1/2024\nRADY GMINY X\nz dnia 31 lutego 2024 r.\n§ 1. Tekst."
    assert parse(text).header.date is not None  # lenient: the tree, with the unreadable date left empty
    with pytest.raises(ParseError) as caught:
        parse(text, name="x.txt", strict=True)
    assert (caught.value.line, caught.value.column) == (3, 1)
    assert caught.value.reason.startswith("header-date-unreadable: ")
    assert str(caught.value).splitlines()[1:] == ["    3 | z dnia 31 lutego 2024 r.", "        ^"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the input is empty"),
        ("\n \t\n", "the input is empty"),
        ("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f UCHWAŁA", "the input looks like binary data, not text"),
    ],
)
def test_inputs_that_are_not_text(text: str, reason: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert caught.value.reason == reason


def test_size_guard() -> None:
    with pytest.raises(ParseError) as caught:
        parse("UCHWAŁA NR I/1/2024 " * 10, max_size=100)
    assert caught.value.reason == "the input has 200 characters, more than the limit of 100"
