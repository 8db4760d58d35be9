"""Hostile mutations of real texts, and the promises every result must keep (issue 13).

``mutate`` damages a real text the ways untrusted sources do: line and word separators, control
characters, lone surrogates, long blank runs, duplicated reference lists, Markdown and XML specials
at a line start, pieces cut, doubled and moved. ``encoding_tail`` does it to the bytes: a tail in
another code page. ``keep_promises`` checks what the library promises for any input:

- ``parse`` returns a tree or raises ``ParseError``, nothing else;
- every span and diagnostic lies inside the text, and the lossless text is the input exactly;
- JSON, Akoma Ntoso and Markdown are written: JSON and XML parse back, JSON to an equal tree,
  and no Markdown block construct comes from the text.

Used by tests/test_hostile.py (hypothesis, CI size) and tests/fuzz.py (``make fuzz``, counts).
"""

from __future__ import annotations

import json
import random
import warnings
from pathlib import Path
from xml.etree import ElementTree

from markdown_it import MarkdownIt

from uchwaly_parser.decode import MixedEncodingWarning, NotTextError, decode
from uchwaly_parser.errors import ParseError
from uchwaly_parser.models.document import Resolution, Rozdzial
from uchwaly_parser.parser import parse
from uchwaly_parser.query import Document
from uchwaly_parser.render.akn import render_akn
from uchwaly_parser.render.markdown import render_markdown
from uchwaly_parser.render.text import LosslessError, render_lossless

ROOT = Path(__file__).resolve().parents[1]
# The real texts: examples, fixtures and the dev corpus (all in the project: no ../shared needed).
SEEDS = sorted([*(ROOT / "examples").glob("*.txt"), *(ROOT / "tests" / "fixtures" / "documents").glob("*.txt"),
                *(ROOT / "tests" / "fixtures" / "corpus").glob("*.txt")])

SEPARATORS = ["\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e", "\x1f", "\x0b", "\x0c", "\r", "\r\n", "\t",
              "\u00a0", "\u200b", "\ufeff", "\u00ad"]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0e", "\x1b", "\x1b[1m", "\x1b]0;x\x07", "\x7f", "\x80", "\x9f",
            "\ufffe", "\uffff", "\ufffd"]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udc81", "\udfff"]
# Block constructs of Markdown and the specials of XML, as a line of the text would start them.
LINE_STARTS = ["~~~", "```", "---", "***", "___", "===", "- - -", "# ", "## ", "> ", "+ ", "- ", "* ", "1. ",
               "1) ", "    ", "<div>", "<!-- ", "| a | b |", "|---|---|", "[x]: http://e", "&amp;", "]]>", "<![CDATA[",
               "\\"]
REFERENCE = " (Dz. U. z 2024 r. poz. 1465, 1572 i 1907)"

MUTATIONS = ("separator", "control", "surrogate", "blanks", "references", "line-start", "cut", "double", "move",
             "flatten")


def mutate(text: str, rng: random.Random, edits: int = 3) -> str:
    """``text`` with ``edits`` hostile edits, drawn from ``rng``."""
    for _ in range(edits):
        kind = rng.choice(MUTATIONS)
        at = rng.randint(0, len(text))
        if kind == "separator":
            text = text[:at] + rng.choice(SEPARATORS) + text[at:]
        elif kind == "control":
            text = text[:at] + rng.choice(CONTROLS) + text[at:]
        elif kind == "surrogate":
            text = text[:at] + rng.choice(SURROGATES) + text[at:]
        elif kind == "blanks":
            blank = rng.choice([" ", "\t", " \n", "\n", "\u00a0", "\r\n", "\u2028"])
            text = text[:at] + blank * rng.randint(50, 5_000) + text[at:]
        elif kind == "references":
            found = text.find("(Dz", at)
            end = text.find(")", found) + 1 if found >= 0 else 0
            piece = text[found:end] if 0 <= found < end <= found + 300 else REFERENCE
            at = end if found >= 0 and end else at
            text = text[:at] + piece * rng.randint(2, 400) + text[at:]
        elif kind == "line-start":
            text = text[:at] + "\n" + rng.choice(LINE_STARTS) + rng.choice(["", "\n", " tekst\n"]) + text[at:]
        elif kind == "flatten":
            text = text.replace("\n", " ")
        else:
            length = rng.randint(0, min(400, len(text) - at))
            piece = text[at : at + length]
            if kind == "cut":
                text = text[:at] + text[at + length :]
            elif kind == "double":
                text = text[: at + length] + piece + text[at + length :]
            else:
                rest = text[:at] + text[at + length :]
                to = rng.randint(0, len(rest))
                text = rest[:to] + piece + rest[to:]
    return text


def encoding_tail(text: str, rng: random.Random) -> bytes:
    """The UTF-8 bytes of ``text`` whose tail from a random line on is in a Polish 8-bit code page."""
    at = text.find("\n", rng.randint(0, len(text)))
    at = len(text) if at < 0 else at
    codec = rng.choice(["cp1250", "iso-8859-2"])
    return text[:at].encode("utf-8") + text[at:].encode(codec, errors="replace")


class Broken(AssertionError):
    """A promise not kept; ``kind`` says which (the fuzz run counts them by kind)."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


# Markdown blocks the renderer itself writes: headings by "#", lists, paragraphs. Anything else
# (a fence, a rule, a quote, HTML, a table, an indented code block, a setext heading) came from the text.
_MARKDOWN = MarkdownIt("commonmark").enable("table")
_OWN_BLOCKS = {"paragraph_open", "paragraph_close", "bullet_list_open", "bullet_list_close", "list_item_open",
               "list_item_close", "heading_open", "heading_close", "inline"}


def markdown_blocks_from_text(document: Document, markdown: str) -> list[str]:
    """The Markdown blocks of ``markdown`` that its renderer did not write (so the text made them)."""
    foreign = []
    headings = 0
    for token in _MARKDOWN.parse(markdown):
        if token.type == "heading_open" and token.markup in ("#", "##", "###"):
            headings += 1
        elif token.block and (token.type not in _OWN_BLOCKS or token.type == "heading_open"):
            foreign.append(f"{token.type} {token.markup!r} at line {token.map}")
    # the title, the subject, a heading per attachment and uzasadnienie, one per rozdział
    resolution = document.resolution
    own = (1 + (resolution.header.title is not None) + len(resolution.attachments)
           + (resolution.uzasadnienie is not None) + sum(1 for _ in document.walk(Rozdzial)))
    if headings != own:
        foreign.append(f"{headings} headings where the tree has {own}")
    return foreign


def keep_promises(text: str) -> Resolution | None:
    """Parse ``text`` and check every promise; the tree, or None for a ParseError. Raises Broken."""
    try:
        resolution = parse(text, name="<hostile>")
    except ParseError as error:
        if not (error.line >= 1 and error.column >= 1 and str(error).startswith("<hostile>:")):
            raise Broken("error-place", repr(error)) from None
        str(error).encode("utf-8")  # printable: no surrogate in the message
        return None
    except Exception as error:  # the promise: a tree or ParseError
        raise Broken("exception", f"{type(error).__name__}: {error}") from error
    size = len(text)
    for diagnostic in resolution.diagnostics:
        if not 0 <= diagnostic.span.start <= diagnostic.span.end <= size:
            raise Broken("span", f"diagnostic {diagnostic.code} at {diagnostic.span}")
    try:
        document = Document(resolution, text)
        if render_lossless(document) != text:
            raise Broken("lossless", "the lossless text differs from the input")
    except LosslessError as error:
        raise Broken("lossless", str(error)) from None
    data = resolution.model_dump_json()
    try:
        json.loads(data)
        if Resolution.model_validate_json(data) != resolution:
            raise Broken("json", "the JSON reads back to another tree")
    except ValueError as error:
        raise Broken("json", str(error)) from None
    try:
        ElementTree.fromstring(render_akn(document).encode("utf-8"))
    except ElementTree.ParseError as error:
        raise Broken("xml", str(error)) from None
    foreign = markdown_blocks_from_text(document, render_markdown(document))
    if foreign:
        raise Broken("markdown", foreign[0])
    return resolution


def keep_promises_on_bytes(data: bytes) -> Resolution | None:
    """``decode`` then ``keep_promises``: a tree, None for a ParseError or NotTextError. Raises Broken."""
    try:
        with warnings.catch_warnings():  # a mixed file is expected here: the warning says which lines
            warnings.simplefilter("ignore", MixedEncodingWarning)
            text, _ = decode(data)
    except NotTextError:
        return None
    except Exception as error:
        raise Broken("exception", f"decode: {type(error).__name__}: {error}") from error
    return keep_promises(text)
