"""Regression tests for issue 13 (untrusted input), each shaped on the issue's reproducer.

``MIN`` is the issue's minimal resolution: title, number, body, date, subject, a legal basis citing
the gminy act, the enacting clause and two §§. Growth is measured as a ratio (tests/scaling.py).
"""

from __future__ import annotations

from scaling import LINEAR, exponent
from uchwaly_parser.parser import parse


def min_text(basis: str = "", body: str = "") -> str:
    """The issue's MIN, with ``basis`` inserted in the legal basis and ``body`` inside § 1."""
    return (
        "UCHWAŁA NR XI/1/2024\nRADY GMINY KRZYKOSY\nz dnia 5 maja 2024 r.\nw sprawie uchylenia uchwały\n"
        f"Na podstawie art. 18 ust. 2 pkt 15{basis} ustawy z dnia 8 marca 1990 r. o samorządzie gminnym "
        "(Dz. U. z 2024 r. poz. 1465)\nRada Gminy Krzykosy uchwala, co następuje:\n"
        f"§ 1. Traci moc uchwała nr 2.{body}\n§ 2. Uchwała wchodzi w życie z dniem podjęcia.\n"
    )


# ------------------------------------------------ item 2: blanks in a legal basis ---


def test_a_run_of_blanks_after_a_provision_chain_keeps_the_citation() -> None:
    resolution = parse(min_text(basis=" \n" * 9700))
    assert resolution.legal_basis is not None
    (citation,) = resolution.legal_basis_citations()
    assert [p.text for p in citation.provisions] == ["art. 18 ust. 2 pkt 15"]
    assert citation.publications[0].eli == "DU/2024/1465"


def test_a_run_of_blanks_after_a_provision_chain_is_linear() -> None:
    # The provision chain's terminal (UNITS) split a blank run between two "\s*": 5.6 s at 9,700.
    slope = exponent(lambda n: min_text(basis=" \n" * n), parse, 800, 8_000)
    assert slope <= LINEAR, f"parse time grows as size^{slope:.2f} on blanks in a legal basis"
