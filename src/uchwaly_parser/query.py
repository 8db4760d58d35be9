"""The query API: a ``Document`` holds a parsed resolution and the text it was parsed from, and answers
for both: legal paths, walks, parents, citations, journal references, acts, cross-references.

Legal paths are written the way lawyers cite a unit, outermost first, one space between parts:

    § 3 ust. 2 pkt 1 lit. a        a litera of the body
    § 3 ust. 2 pkt 1 lit. a tiret 2   the second tiret of that litera (tirets have no number)
    rozdz. 2                       a chapter; units inside a chapter are cited without it ("§ 5")
    zał. 1 § 2 ust. 1              a unit of attachment ("załącznik") nr 1; "zał." for an unnumbered one
    uzasadnienie pkt 2             a unit of the justification

A number the text lost prints as "?". Where two siblings carry the same path (a transcript that
repeats "§ 1"), the second and later ones get an occurrence suffix: "§ 1[2]". ``find`` accepts the
common spellings ("§3 ust.2", "par. 3", "załącznik nr 1 § 2", "tiret drugie") and reads them back
to this form.

    >>> doc = Document(parse(text), text)
    >>> unit = doc.find("§ 1 ust. 2")
    >>> doc.path(unit)
    '§ 1 ust. 2'
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar, overload

from uchwaly_parser.models.base import Node, Span
from uchwaly_parser.models.citations import Act, Citation, Publication
from uchwaly_parser.models.document import (
    Header,
    Litera,
    Paragraf,
    Punkt,
    Resolution,
    Rozdzial,
    Text,
    Tiret,
    Unit,
    Ustep,
    Uzasadnienie,
    Zalacznik,
)
from uchwaly_parser.normalize import clean
from uchwaly_parser.source import Source

__all__ = ["ActGroup", "CrossReference", "Document", "children", "kind_of", "normalize_path"]

N = TypeVar("N", bound=Node)

# Polish ordinals lawyers use for tirets ("tiret drugie"), read back to numbers by ``find``.
_ORDINALS = ("pierwsze", "drugie", "trzecie", "czwarte", "piąte", "szóste", "siódme", "ósme", "dziewiąte",
             "dziesiąte")

# One part of a legal path as users write it; named groups say which unit it is.
_PATH_PART = re.compile(
    r"""\s*(?:
        (?P<zal>(?i:zał\.|załącznik(?:u|a|iem)?))\s*(?:(?i:nr)\.?\s*)?(?P<zal_n>[\dIVXLC]+(?![^\W\d_]))?
      | (?P<uzas>(?i:uzasadnieni[ea]))
      | (?:§|(?i:par\.))\s*(?P<par>[\dA-Za-z?]+)
      | (?i:ust\.?)\s*(?P<ust>[\dA-Za-z?]+)
      | (?i:pkt\.?)\s*(?P<pkt>[\dA-Za-z?]+)
      | (?i:lit\.?)\s*(?P<lit>[A-Za-z?]+)
      | (?i:tiret)\s*(?P<tir>\d+|[^\W\d_]+)
      | (?i:rozdz\.|rozdział)\s*(?P<roz>[\dIVXLC]+)
    )(?P<nth>\[\d+\])?""",
    re.VERBOSE,
)
# The unit each numbered group of _PATH_PART names
_PATH_UNITS: dict[str, type[Unit]] = {"par": Paragraf, "ust": Ustep, "pkt": Punkt, "lit": Litera, "roz": Rozdzial}


@dataclass(frozen=True)
class ActGroup:
    """Every citation of one act: ``act`` is its first mention (None for references to no named act)."""

    key: str
    act: Act | None
    citations: tuple[Citation, ...]

    @property
    def publications(self) -> tuple[Publication, ...]:
        """The journal references given for this act, in text order, duplicates kept."""
        return tuple(p for c in self.citations for p in c.publications)


@dataclass(frozen=True)
class CrossReference:
    """A reference inside the document ("o którym mowa w § 2 ust. 1"), resolved to its target.

    ``path`` is the absolute legal path the reference names (relative references such as "w ust. 1"
    are completed from the unit they stand in); ``target`` is None when the document has no such unit.
    """

    text: str
    span: Span
    path: str
    source: Node
    target: Node | None


@dataclass
class _Index:
    """Document order, parents and legal paths of a tree's nodes (keyed by ``id``: the tree is frozen)."""

    order: list[Node] = field(default_factory=list)
    parent: dict[int, Node | None] = field(default_factory=dict)
    path: dict[int, str] = field(default_factory=dict)
    by_path: dict[str, Node] = field(default_factory=dict)
    # the last occurrence suffix given to each repeated path: a count from 2 for every repeat was
    # quadratic on a text that repeats one number thousands of times
    repeats: dict[str, int] = field(default_factory=dict)

    def add(self, node: Node, parent: Node | None, prefix: str) -> None:
        self.order.append(node)
        self.parent[id(node)] = parent
        own = prefix
        if isinstance(node, Unit | Zalacznik | Uzasadnienie):
            own = self._register(node, prefix, _segment(node, parent))
        # A chapter groups §§ but does not appear in their paths: § numbers run through the chapters.
        below = prefix if isinstance(node, Rozdzial) else own
        for child in children(node):
            self.add(child, node, below)

    def _register(self, node: Node, prefix: str, segment: str) -> str:
        path = f"{prefix} {segment}".strip()
        if path in self.by_path:
            k = self.repeats.get(path, 1) + 1
            while f"{path}[{k}]" in self.by_path:
                k += 1
            self.repeats[path] = k
            path = f"{path}[{k}]"
        self.by_path[path] = node
        self.path[id(node)] = path
        return path


class Document:
    """A parsed resolution with the text it was parsed from: the one way to query it, and what the
    renderers and ``diagnose`` take, so that a tree is never read against another text.

    ``text`` is the input (a ``str``, or the parser's ``Source`` of it). Raises ``ValueError`` when it
    is not the text ``resolution`` was parsed from (its located values do not read back from it).
    The tree is frozen, so the index of paths, parents and document order is built once, on first use.
    """

    def __init__(self, resolution: Resolution, text: str | Source) -> None:
        self.resolution = resolution
        self.source = text if isinstance(text, Source) else Source(text)
        _check_source(resolution, self.source)

    @property
    def text(self) -> str:
        """The input the resolution was parsed from."""
        return self.source.text

    @functools.cached_property
    def _index(self) -> _Index:
        index = _Index()
        index.add(self.resolution, None, "")
        return index

    # -- the tree -------------------------------------------------------------

    def find(self, path: str) -> Node | None:
        """The unit, attachment or uzasadnienie at a legal path, or None when there is none.

        Raises ``ValueError`` when ``path`` is not a legal path at all.
        """
        return self._index.by_path.get(normalize_path(path))

    def path(self, node: Node) -> str:
        """The legal path of a unit, attachment or uzasadnienie of this document ("§ 3 ust. 2").

        Raises ``KeyError`` for a node that has no path (text, header parts) or is not in this document.
        """
        try:
            return self._index.path[id(node)]
        except KeyError:
            name = type(node).__name__
            raise KeyError(f"{name} at line {node.span.line} has no legal path in this document") from None

    def paths(self) -> dict[str, Node]:
        """Every legal path of the document and its node, in document order."""
        return dict(self._index.by_path)

    def parent(self, node: Node) -> Node | None:
        """The node that holds ``node`` (None for the resolution). Raises ``KeyError`` for a foreign node."""
        return self._index.parent[id(node)]

    def ancestors(self, node: Node) -> Iterator[Node]:
        """The nodes holding ``node``, nearest first, up to the resolution."""
        parent = self.parent(node)
        while parent is not None:
            yield parent
            parent = self.parent(parent)

    @overload
    def walk(self, kind: type[N]) -> Iterator[N]: ...
    @overload
    def walk(self, kind: str | None = None) -> Iterator[Node]: ...

    def walk(self, kind: type[Node] | str | None = None) -> Iterator[Node]:
        """Every structural node in document order; ``kind`` keeps one model class or one ``kind``
        string ("paragraf"). Citations are not in the walk: ``citations`` gives them."""
        for node in self._index.order:
            if kind is None or (isinstance(kind, str) and kind_of(node) == kind) or (
                isinstance(kind, type) and isinstance(node, kind)
            ):
                yield node

    # -- citations ------------------------------------------------------------

    def citations(self, act: str | None = None) -> tuple[Citation, ...]:
        """Every citation of the document in text order (``Resolution.citations``); with ``act``, only
        those of one act: an ELI ("DU/2024/1465", or its eli.gov.pl URL), an ISAP id
        ("WDU20240001465"), or words of the act's title ("samorządzie gminnym"), all of which must
        occur in the title (case ignored)."""
        return _citations_of_act(self.resolution.citations, act) if act is not None else self.resolution.citations

    def publications(self, *, journal: str | None = None, year: int | None = None) -> tuple[Publication, ...]:
        """Every journal reference of the document (duplicates kept, text order), optionally only those
        of one journal and/or year. ``journal`` is compared word by word, ignoring dots and case
        ("Dz.U.", "DU"); its first words select a family ("Dz. Urz. Woj." gives every voivodeship journal)."""
        key = _journal_words(journal) if journal else ()
        return tuple(
            p for c in self.resolution.citations for p in c.publications
            if _journal_words(p.journal)[: len(key)] == key and (year is None or p.year == year)
        )

    def group_by_act(self) -> tuple[ActGroup, ...]:
        """The cited acts in order of first mention, each with all its citations (kind and title
        decide which mentions are the same act)."""
        groups: dict[str, list[Citation]] = {}
        for citation in self.resolution.citations:
            groups.setdefault(_act_key(citation), []).append(citation)
        return tuple(ActGroup(key=key, act=cs[0].act, citations=tuple(cs)) for key, cs in groups.items())

    def cross_references(self) -> tuple[CrossReference, ...]:
        """References inside the document to its own units and attachments, resolved to their nodes.

        A reference whose target does not exist has ``target=None`` (``diagnose`` reports it as
        ``xref-missing``). Quoted wordings (amendments) and units followed by another act's name
        ("§ 2 rozporządzenia …") are not references to this document.
        """
        return _cross_references(self)


def _check_source(resolution: Resolution, source: Source) -> None:
    """Raise ``ValueError`` unless ``source`` is the text ``resolution`` was parsed from: its digest
    when the tree records one (``parse`` does), else where its located nodes stand (lines and columns)."""
    text = source.text
    if resolution.source_sha256 is not None:
        if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() != resolution.source_sha256:
            raise ValueError("the text is not the one this resolution was parsed from (its SHA-256 differs)")
        return
    if resolution.span.end > len(text):
        raise ValueError(f"the text has {len(text)} characters; the resolution was parsed from one of at least "
                         f"{resolution.span.end}: it is not the text this resolution was parsed from")
    header = resolution.header
    for node in (resolution, header, header.number, header.body, header.date, header.title, resolution.legal_basis):
        if node is not None and source.line_col(node.span.start) != (node.span.line, node.span.column):
            raise ValueError(f"the text is not the one this resolution was parsed from: {type(node).__name__} at "
                             f"offset {node.span.start} stands at line {node.span.line}, column {node.span.column} "
                             f"in the tree, at {':'.join(map(str, source.line_col(node.span.start)))} in the text")


# ------------------------------------------------------------------ tree ---


def children(node: Node) -> tuple[Node, ...]:
    """The structural children of a node in the order they are printed (citations are not children:
    ``Resolution.citations`` holds them across the text, see ``Document.citations``)."""
    if isinstance(node, Resolution):
        parts: list[Node | None] = [node.header, node.legal_basis, node.enacting_clause, *node.content,
                                    node.signature, *node.attachments, node.uzasadnienie]
        # Sections are printed in different orders (an uzasadnienie before the signature): follow the text.
        return tuple(sorted((p for p in parts if p is not None), key=lambda p: p.span.start))
    if isinstance(node, Header):
        found = (node.number, node.body, node.date, node.title)
        return tuple(sorted((p for p in found if p is not None), key=lambda p: p.span.start))
    if isinstance(node, Zalacznik | Uzasadnienie):
        return (node.heading, *node.content)
    if isinstance(node, Unit):
        return tuple(node.content)
    return ()


def kind_of(node: Node) -> str:
    """The ``kind`` discriminator of a node ("paragraf", "text", …); "" for nodes without one."""
    return str(getattr(node, "kind", ""))


def _segment(node: Node, parent: Node | None) -> str:
    if isinstance(node, Zalacznik):
        return f"zał. {node.number}" if node.number else "zał."
    if isinstance(node, Uzasadnienie):
        return "uzasadnienie"
    assert isinstance(node, Unit)
    marker = node.abbreviation
    if isinstance(node, Tiret):  # tirets have no number: their place among the tirets of their parent
        siblings = [c for c in children(parent) if isinstance(c, Tiret)] if parent else [node]
        return f"{marker} {next(i for i, c in enumerate(siblings, 1) if c is node)}"
    return f"{marker} {node.number or '?'}"


def normalize_path(path: str) -> str:
    """A legal path in the form ``Document.path`` gives ("§3 ust.2" → "§ 3 ust. 2").

    Raises ``ValueError`` when some part of ``path`` is not a unit reference.
    """
    parts: list[str] = []
    pos = 0
    text = path.strip()
    while pos < len(text):
        match = _PATH_PART.match(text, pos)
        if not match or match.end() == pos:
            raise ValueError(f"not a legal path: {path!r} (cannot read {text[pos:]!r})")
        pos = match.end()
        nth = match.group("nth") or ""
        if match.group("zal"):
            number = match.group("zal_n")
            parts.append((f"zał. {number}" if number else "zał.") + nth)
        elif match.group("uzas"):
            parts.append("uzasadnienie" + nth)
        elif match.group("tir"):
            word = match.group("tir").casefold()
            number = str(_ORDINALS.index(word) + 1) if word in _ORDINALS else word
            if not number.isdigit():
                raise ValueError(f"not a legal path: {path!r} (tiret {word!r})")
            parts.append(f"tiret {number}{nth}")
        else:
            for group, unit in _PATH_UNITS.items():
                if match.group(group):
                    parts.append(f"{unit.abbreviation} {match.group(group)}{nth}")
    # "rozdz. 2 § 5" cites § 5, which is addressed without its chapter.
    return " ".join(p for i, p in enumerate(parts) if not (p.startswith("rozdz.") and i < len(parts) - 1))


# ------------------------------------------------------------ citations ---

_ELI = re.compile(r"(?:https?://eli\.gov\.pl/eli/)?(?P<eli>(?:DU|MP)/\d{4}/\d+)(?:/ogl)?/?")
_ISAP = re.compile(r"W(?:DU|MP)\d{11}")


def _citations_of_act(citations: tuple[Citation, ...], query: str) -> tuple[Citation, ...]:
    query = query.strip()
    eli = _ELI.fullmatch(query)
    if eli:
        return tuple(c for c in citations if any(p.eli == eli.group("eli") for p in c.publications))
    if _ISAP.fullmatch(query):
        return tuple(c for c in citations if any(p.isap_id == query for p in c.publications))
    words = clean(query).casefold().split()
    return tuple(
        c for c in citations
        if c.act and c.act.title and all(w in c.act.title.casefold() for w in words)
    )


_JOURNAL_CODES: dict[tuple[str, ...], tuple[str, ...]] = {("du",): ("dz", "u"), ("mp",): ("m", "p")}


def _journal_words(journal: str) -> tuple[str, ...]:
    """The words of a journal name, case folded: "Dz.U." → ("dz", "u"); the codes "DU"/"MP" too."""
    words: tuple[str, ...] = tuple(w.casefold() for w in re.split(r"[\s.]+", journal) if w)
    return _JOURNAL_CODES.get(words, words)


def _act_key(citation: Citation) -> str:
    act = citation.act
    if act is None:
        return "refs:" + ",".join(p.eli or f"{p.journal} {p.year} {p.position}" for p in citation.publications)
    title = clean(act.title or "").casefold()
    if title:
        return f"{act.kind}:{title}"
    return f"{act.kind}:{act.date}:{act.number}"


# ------------------------------------------------------ cross-references ---

_UNIT_CHAIN = r"(?:§|ust\.|pkt|lit\.)\s*[\dA-Za-z]{1,4}(?:\s+(?:ust\.|pkt|lit\.)\s*[\dA-Za-z]{1,4})*"
# "o którym mowa w § 2 ust. 1", "określonych w ust. 1", "zgodnie z § 3": the phrases that point
# at a unit; a bare "§ 2" elsewhere may be a unit of an amended act.
# (Each phrase starts with its letter and looks behind it for a word's end: a leading lookbehind is
# tried at every position, a leading letter lets `re` skip to candidates, 3x faster here.)
_UNIT_REF = re.compile(
    r"(?:m(?<![^\W\d_]m)owa\s+w|o(?<![^\W\d_]o)kreślon\w*\s+w|w(?<![^\W\d_]w)ymienion\w*\s+w"
    r"|w(?<![^\W\d_]w)skazan\w*\s+w|z(?<![^\W\d_]z)godnie\s+z|s(?<![^\W\d_]s)tosownie\s+do)"
    rf"\s+(?P<chain>{_UNIT_CHAIN})(?![\w.]*\s*[-–]\s*\d)"
)
# "w załączniku nr 1", "stanowiący załącznik nr 2 do niniejszej uchwały", "w załączniku do uchwały"
_ATTACHMENT_REF = re.compile(
    r"(?P<chain>[zZ](?<![^\W\d_][zZ])(?i:ałącznik(?:u|iem|a)?)(?:\s+(?i:nr)\.?\s*(?P<n>\d+|[IVX]+)(?![^\W\d_]))?)"
    r"(?!\s+(?i:nr))"  # the number, when there is one, is part of the reference
    r"(?=\s+do\s+(?:niniejszej\s+|tej\s+)?uchwały(?!\s+(?i:nr|rady|z\s+dnia))|\s*[,.;:)]|\s+(?!do\s)[^\W\d_])"
)
# Words after a unit chain that make it a unit of another act ("§ 2 ust. 1 rozporządzenia …").
_OTHER_ACT = re.compile(
    r"\s*,?\s*(?:ustaw|rozporządz|kodeks|k\.\s*p\.|statut|regulamin|konstytuc|dyrektyw|uchwał\w*\s+(?i:nr|rady|z\s+dnia))",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"„[^”“\"„]*[”“\"]")
_CHAIN_PART = re.compile(r"(§|ust\.|pkt|lit\.)\s*([\dA-Za-z]{1,4})")


def _cross_references(doc: Document) -> tuple[CrossReference, ...]:
    text = doc.text
    found: list[CrossReference] = []
    for holder, start, end in _text_runs(doc):
        raw = _QUOTED.sub(lambda m: " " * len(m.group(0)), text[start:end])
        for match in _UNIT_REF.finditer(raw):
            if _OTHER_ACT.match(raw, match.end()):
                continue
            path = _absolute(doc, holder, match.group("chain"))
            found.append(_reference(doc, start + match.start("chain"), start + match.end("chain"), holder, path))
        for match in _ATTACHMENT_REF.finditer(raw):
            number = match.group("n")
            path = f"zał. {number}" if number else "zał."
            attachments = doc.resolution.attachments
            # "załącznik do uchwały" or "załącznik nr 1" where there is just one, printed without a number
            if len(attachments) == 1 and (not number or (number == "1" and attachments[0].number is None)):
                path = doc.path(attachments[0])
            found.append(_reference(doc, start + match.start("chain"), start + match.end("chain"), holder, path))
    return tuple(sorted(found, key=lambda r: r.span.start))


def _reference(doc: Document, start: int, end: int, holder: Node, path: str) -> CrossReference:
    # The source's line map: a lone CR ends a line as LF and CRLF do.
    return CrossReference(text=clean(doc.text[start:end]), span=doc.source.span(start, end), path=path,
                          source=holder, target=doc.find(path))


def _text_runs(doc: Document) -> Iterator[tuple[Node, int, int]]:
    """(holding node, start, end) of each run of consecutive Text children of the body's units,
    the attachments and the uzasadnienie: a sentence may run over several lines, never across a unit."""
    resolution = doc.resolution
    holders: list[Resolution | Zalacznik | Uzasadnienie | Unit] = [resolution, *resolution.attachments]
    if resolution.uzasadnienie:
        holders.append(resolution.uzasadnienie)
    holders += [n for n in doc.walk(Unit)]
    for holder in holders:
        run: list[Text] = []
        for child in (*holder.content, None):
            if isinstance(child, Text):
                run.append(child)
                continue
            if run:
                yield holder, run[0].span.start, run[-1].span.end
            run = []


def _absolute(doc: Document, holder: Node, chain: str) -> str:
    """Complete a relative chain ("ust. 1" inside § 3) to an absolute path ("§ 3 ust. 1")."""
    parts = [f"{'§' if m.group(1) == '§' else m.group(1)} {m.group(2)}" for m in _CHAIN_PART.finditer(chain)]
    first = parts[0].split()[0]
    # The unit a relative reference hangs from: ust. → its §, pkt → its ustęp or §, lit. → its punkt.
    wanted: tuple[type[Unit], ...] = {
        Ustep.abbreviation: (Paragraf,), Punkt.abbreviation: (Ustep, Paragraf), Litera.abbreviation: (Punkt,),
    }.get(first, ())
    chain_of = [holder, *doc.ancestors(holder)]
    anchor: Node | None = next((n for n in chain_of if isinstance(n, wanted)), None) if wanted else None
    if anchor is None:  # an absolute § chain: inside an attachment it names the attachment's own units
        zal = next((n for n in chain_of if isinstance(n, Zalacznik)), None)
        prefix = doc.path(zal) if zal is not None else ""
    else:
        prefix = doc.path(anchor)
    return f"{prefix} {' '.join(parts)}".strip()
