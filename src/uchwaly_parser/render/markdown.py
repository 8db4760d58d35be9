"""The resolution as Markdown, for people and documentation sites.

    # UCHWAŁA NR XI/69/2015
    **RADY GMINY KRZYKOSY**
    z dnia 29 października 2015 r.

    ## w sprawie ustalenia …

    Na podstawie … ([Dz. U. z 2015 r. poz. 1515](https://eli.gov.pl/eli/DU/2015/1515/ogl)) …

    **§ 1.** Ustala się:
    - **1)** stawkę …

Each unit is one line; sub-units are nested list items (two spaces a level) so that the markers the
drafting rules print ("1.", "a)") stay as written instead of being renumbered by Markdown. Journal
references that have an ELI link to it. Attachments and the uzasadnienie are second-level sections.
"""

from __future__ import annotations

import re

from uchwaly_parser.models.base import Node
from uchwaly_parser.models.document import (
    EnactingClause,
    Header,
    LegalBasis,
    Resolution,
    Rozdzial,
    Signature,
    Text,
    Unit,
    Uzasadnienie,
    Zalacznik,
)
from uchwaly_parser.normalize import clean
from uchwaly_parser.query import Document, children
from uchwaly_parser.render.text import enacting_line, starting_within, unit_marker

__all__ = ["render_markdown"]

# Characters Markdown would read as formatting anywhere ("~" too: "~~~" opens a fence, "~~x~~" strikes
# through), and a line start it would read as a block: "#" a heading, "-", "+" a bullet, "---" a rule,
# "===" or "---" a setext heading, "1." an ordered list. Escaping the first of these always is simpler
# than telling which runs Markdown would read, and a backslash before punctuation prints nothing.
_SPECIAL = re.compile(r"([\\`*_~\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)(?:([#+=-])|(\d+)([.)])(?=\s|$))")


def escape(words: str) -> str:
    """``words`` with every character Markdown would interpret escaped by a backslash."""
    words = _SPECIAL.sub(r"\\\1", words)
    match = _LINE_START.match(words)
    if match:
        blank, sign, digits, stop = match.groups()
        escaped = "\\" + sign if sign else digits + "\\" + stop
        words = blank + escaped + words[match.end() :]
    return words


def render_markdown(document: Document, *, node: Node | None = None) -> str:
    """The resolution (or, with ``node``, one subtree) as Markdown, ending with a newline.

    Journal references are cut out of the document's text to become links.
    """
    resolution = document.resolution
    writer = _Writer(document)
    if node is not None and node is not resolution:
        return "\n".join(writer.node(node, 0)) + "\n"
    blocks: list[str] = []
    header = resolution.header
    title = "UCHWAŁA" + (f" {clean(header.number.raw)}" if header.number else "")
    lines = ["*projekt*", ""] if resolution.projekt else []
    lines.append(f"# {escape(title)}")
    if header.body:
        lines.append(f"**{escape(header.body.text)}**  ")
    if header.date:
        lines.append(escape(header.date.text))
    blocks.append("\n".join(lines))
    if header.title:
        blocks.append(f"## {escape(header.title.text)}")
    for part in children(resolution):
        if isinstance(part, Header):
            continue
        blocks.append("\n".join(writer.node(part, 0)))
    return "\n\n".join(b for b in blocks if b) + "\n"


class _Writer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text
        pubs = (p for c in document.resolution.citations for p in c.publications if p.eli_url)
        self.refs = sorted(pubs, key=lambda p: p.span.start)
        self.starts = [p.span.start for p in self.refs]

    def words(self, node: Node) -> str:
        """The clean, escaped words of a node's span, journal references as ELI links."""
        start, end = node.span.start, node.span.end
        out: list[str] = []
        cursor = start
        for i in starting_within(self.starts, start, end):
            ref = self.refs[i]
            if ref.span.end <= end:
                out.append(escape(re.sub(r"\s+", " ", self.text[cursor : ref.span.start])))
                out.append(f"[{escape(clean(self.text[ref.span.start : ref.span.end]))}]({ref.eli_url})")
                cursor = ref.span.end
        out.append(escape(re.sub(r"\s+", " ", self.text[cursor:end])))
        return "".join(out).strip()

    def node(self, node: Node, depth: int) -> list[str]:
        """The Markdown lines of one node; ``depth`` is its nesting below a § (0 for the § itself)."""
        if isinstance(node, Unit):
            return self.unit(node, depth)
        if isinstance(node, Text):
            return [self.item(self.words(node), depth)]
        if isinstance(node, LegalBasis):
            return [self.words(node)]
        if isinstance(node, EnactingClause):
            return [escape(enacting_line(node))]
        if isinstance(node, Signature):
            return [f"*{escape(node.role or '')}*  ", escape(node.name or "")]
        if isinstance(node, Zalacznik | Uzasadnienie):
            lines = [f"## {escape(node.heading.text)}"]
            for child in node.content:
                lines += ["", *self.node(child, 0)]
            return lines
        if isinstance(node, Resolution):
            return render_markdown(self.document).splitlines()
        return [escape(clean(self.text[node.span.start : node.span.end]))]

    def item(self, words: str, depth: int) -> str:
        # Units below a § are nested list items; text at the top is a paragraph of its own.
        return f"{'  ' * (depth - 1)}- {words}" if depth else words

    def unit(self, unit: Unit, depth: int) -> list[str]:
        marker = f"**{escape(unit_marker(unit))}**"
        if isinstance(unit, Rozdzial):
            return [f"### {escape(unit_marker(unit))}"]
        lines: list[str] = []
        head = [marker]
        for child in unit.content:
            if isinstance(child, Text) and not lines:
                head.append(self.words(child))
                continue
            if not lines:
                lines.append(self.item(" ".join(head), depth))
            if isinstance(child, Text):  # część wspólna: text of the unit after its sub-units
                lines.append(self.item(self.words(child), depth + 1))
            else:
                lines += self.unit(child, depth + 1)
        return lines or [self.item(" ".join(head), depth)]
