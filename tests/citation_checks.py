"""The invariants every citation keeps, checked by the corpus and the fuzz tests alike."""

from __future__ import annotations

from uchwaly_parser.citations import Citation
from uchwaly_parser.normalize import clean


def assert_located(text: str, citation: Citation) -> None:
    """The citation sits inside the text, its parts sit inside it, and each part slices back to itself."""
    start, end = citation.span.start, citation.span.end
    assert 0 <= start <= end <= len(text)
    if citation.act is not None:
        assert start <= citation.act.span.start <= citation.act.span.end <= end
    for provision in citation.provisions:
        assert clean(text[provision.span.start : provision.span.end]) == provision.text
        assert start <= provision.span.start <= provision.span.end <= end
    for pub in citation.publications:
        assert start <= pub.span.start < pub.span.end <= end
        if pub.position is not None:
            assert str(pub.position) in text[pub.span.start : pub.span.end]
