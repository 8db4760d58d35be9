"""The hostile-input suite (issue 13): real texts damaged the ways untrusted sources do, and the
promises checked on every one (tests/hostile.py says which). ``make fuzz`` runs the same mutations
100,000 times and counts what breaks; here a CI-sized sample, and the growth of time on each kind
of damage at scale.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile
from hostile import SEEDS, Broken, encoding_tail, keep_promises, keep_promises_on_bytes, mutate
from scaling import LINEAR, exponent
from uchwaly_parser.parser import parse

TEXTS = [path.read_text(encoding="utf-8") for path in SEEDS]


def test_the_seeds_are_the_real_texts() -> None:
    assert len(TEXTS) >= 80 and all(keep_promises(text) is not None for text in TEXTS[:5])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(TEXTS), st.randoms(use_true_random=False), st.integers(1, 6))
def test_mutated_real_texts_keep_every_promise(text: str, rng: random.Random, edits: int) -> None:
    keep_promises(mutate(text, rng, edits))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(TEXTS), st.randoms(use_true_random=False))
def test_a_tail_in_another_code_page_keeps_every_promise(text: str, rng: random.Random) -> None:
    keep_promises_on_bytes(encoding_tail(text, rng))


@pytest.mark.parametrize(("name", "broken", "kind"), [
    ("render_lossless", lambda document: document.text[:-1], "lossless"),
    ("render_akn", lambda document: "<akomaNtoso>\x00</akomaNtoso>", "xml"),
    ("render_markdown", lambda document: "# t\n\n~~~\n", "markdown"),
    ("parse", lambda text, name: [][0], "exception"),
])
def test_the_checker_catches_each_broken_promise(monkeypatch: pytest.MonkeyPatch, name: str,
                                                 broken: Callable[..., object], kind: str) -> None:
    monkeypatch.setattr(hostile, name, broken)
    with pytest.raises(Broken) as caught:
        keep_promises(TEXTS[0])
    assert caught.value.kind == kind


# Each kind of damage, scaled up: parse time grows linearly with it (10 kB to 200 kB of damage).
BASE = TEXTS[0]
# one control character in some 600 (binary data has far more: tests/test_untrusted.py)
CONTROLLED = "§ 9. Tekst z kodem \x1b[1m w środku akapitu," + " dalej" * 95 + ".\n"
GROWING = {
    "blank runs": lambda n: BASE.replace("\n", " \n" * (n // 2 // BASE.count("\n")) + "\n"),
    "separators": lambda n: BASE + "\n".join(["§ 9. Tekst\u2028dalej\x0bi\x1cjeszcze."] * (n // 40)),
    "controls": lambda n: BASE + CONTROLLED * (n // len(CONTROLLED)),
    "reference lists": lambda n: BASE.replace("(Dz", "(Dz. U. z 2024 r. poz. 1465) " * (n // 30) + "(Dz", 1),
    "markdown specials": lambda n: BASE + "\n~~~\n---\n# x\n> y\n" * (n // 20),
}


@pytest.mark.parametrize("kind", GROWING)
def test_parse_time_is_linear_in_each_kind_of_damage(kind: str) -> None:
    grow = GROWING[kind]
    small, large = grow(10_000), grow(200_000)
    assert parse(large).span.end > 0.9 * len(large)  # a tree of it all, not an early refusal
    slope = exponent(parse, small, large, repeat=3)
    assert slope <= LINEAR, f"parse time grows as size^{slope:.2f} with {kind}"
