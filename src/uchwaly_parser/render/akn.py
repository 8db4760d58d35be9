"""The resolution as Akoma Ntoso 3.0 XML (OASIS LegalDocML), valid against ``akomantoso30.xsd``.

Mapping of the tree onto AKN elements:

==========================  ================================================================
resolution                  ``<act name="uchwala">`` (``contains="originalVersion"``)
header                      ``<preface><longTitle><p>``: ``docType``, ``docNumber``,
                            ``docAuthority``, ``docDate``, ``docTitle``
legal basis ("Na podst.")   ``<preamble><citations><citation><p>`` (its journal references as ``ref``)
enacting clause             ``<preamble><formula name="enactingFormula"><p>``
§ (paragraf)                ``<section eId="sec_1">``
ustęp                       ``<paragraph eId="sec_1__para_2">``
punkt                       ``<point eId="…__point_3">``
litera                      ``<point eId="…__point_a">``
tiret                       ``<indent eId="…__indent_1">``
rozdział                    ``<chapter eId="chp_1">``
unit text                   ``<content><p>`` when the unit has no sub-units; otherwise the text
                            before the first sub-unit is ``<intro>``, after the last ``<wrapUp>``,
                            between two sub-units ``<hcontainer name="text">``
text outside any unit       ``<hcontainer name="text">`` (body), ``<p>`` (attachments)
signature                   ``<conclusions><p><signature><role>…</role> <person>…</person>``
załącznik                   ``<attachments><attachment><doc name="zalacznik">`` (heading in
                            ``preface``, units in ``mainBody``), eId ``att_1``
uzasadnienie                ``<attachments><attachment><doc name="uzasadnienie">``
journal reference           ``<ref href="https://eli.gov.pl/eli/DU/2024/1465/ogl">poz. 1465</ref>``
                            where the reference has an ELI; plain text otherwise
==========================  ================================================================

FRBR identifiers follow the AKN naming convention from the issuing body, the date and the number:
work ``/akn/pl/act/uchwala/rada-gminy-krzykosy/2015-10-29/XI-69-2015``, expression ``…/pol@``,
manifestation ``…/pol@.akn``. A missing date is written ``0001-01-01`` (``name="unknown"``), a
missing number or body ``nn``.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from uchwaly_parser.models.base import Node
from uchwaly_parser.models.citations import Publication
from uchwaly_parser.models.document import (
    Content,
    Litera,
    Paragraf,
    Punkt,
    Rozdzial,
    Text,
    Tiret,
    Unit,
    Ustep,
    Uzasadnienie,
    Zalacznik,
)
from uchwaly_parser.normalize import clean
from uchwaly_parser.query import Document
from uchwaly_parser.render.text import starting_within, unit_marker

__all__ = ["AKN_NAMESPACE", "render_akn"]

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SOURCE = "#uchwaly_parser"

# What XML 1.0 cannot hold: C0 controls but tab and line ends, lone surrogates, U+FFFE and U+FFFF.
# Written as U+FFFD, the replacement character (the tree keeps them; a diagnostic names them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_ELEMENT = {Paragraf: "section", Ustep: "paragraph", Punkt: "point", Litera: "point", Tiret: "indent",
            Rozdzial: "chapter"}
# The eId prefix of each word of a legal path ("zał. 1 § 2 ust. 3" -> "att_1__sec_2__para_3")
_EID = {Paragraf.abbreviation: "sec", Ustep.abbreviation: "para", Punkt.abbreviation: "point",
        Litera.abbreviation: "point", Tiret.abbreviation: "indent", Rozdzial.abbreviation: "chp",
        "zał.": "att", "uzasadnienie": "att_uzasadnienie"}


def render_akn(document: Document, *, node: Node | None = None) -> str:
    """The resolution as an Akoma Ntoso 3.0 document (a UTF-8 XML string with declaration).

    Journal references are cut out of the document's text as ``ref`` elements. With ``node`` (a
    unit), only that unit's element, which is a fragment and not a whole AKN document.
    """
    resolution = document.resolution
    writer = _Writer(document)
    if node is not None and node is not resolution:
        if not isinstance(node, Unit | Text):
            raise ValueError(f"only a unit can be rendered alone, not {type(node).__name__}")
        if isinstance(node, Text):
            element = ET.Element("p")
            writer.paragraph(element, node.span.start, node.span.end)
        else:
            element = writer.unit(node)
        ET.indent(element, space=" ")
        return _NOT_XML.sub("\ufffd", ET.tostring(element, encoding="unicode")) + "\n"
    root = ET.Element("akomaNtoso", {"xmlns": AKN_NAMESPACE})
    root.append(writer.act())
    ET.indent(root, space=" ")
    xml = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _NOT_XML.sub("\ufffd", xml) + "\n"


def _slug(words: str) -> str:
    """ASCII, lower case, words joined by "-": "Rady Gminy Krzykosy" → "rady-gminy-krzykosy"."""
    ascii_ = unicodedata.normalize("NFKD", words.replace("ł", "l").replace("Ł", "L")).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9]+", "-", ascii_.decode().lower()).strip("-") or "nn"


class _Writer:
    def __init__(self, document: Document) -> None:
        resolution = self.resolution = document.resolution
        self.text = document.text
        self.doc = document
        pubs = (p for c in resolution.citations for p in c.publications if p.eli_url)
        self.refs = sorted(pubs, key=lambda p: p.span.start)
        self.starts = [p.span.start for p in self.refs]
        header = resolution.header
        self.date = header.date.value.isoformat() if header.date and header.date.value else None
        author = header.body.text if header.body else ""
        self.author = _slug(author)
        number = header.number.value if header.number and header.number.value else "nn"
        self.work = f"/akn/pl/act/uchwala/{self.author}/{self.date or '0001-01-01'}/{_slug(number).upper()}"

    # -- the document ---------------------------------------------------------

    def act(self) -> ET.Element:
        act = ET.Element("act", {"name": "uchwala", "contains": "originalVersion"})
        act.append(self.meta(self.work, "!main"))
        act.append(self.preface())
        preamble = self.preamble()
        if len(preamble):
            act.append(preamble)
        body = ET.SubElement(act, "body")
        self.content(body, self.resolution.content, block=False)
        if not len(body):  # the schema wants something in a body
            _text_container(body, "empty", [])
        if self.resolution.signature:
            act.append(self.conclusions())
        sections: list[Zalacznik | Uzasadnienie] = [*self.resolution.attachments]
        if self.resolution.uzasadnienie:
            sections.append(self.resolution.uzasadnienie)
        if sections:
            attachments = ET.SubElement(act, "attachments")
            for section in sections:
                ET.SubElement(attachments, "attachment").append(self.attachment(section))
        return act

    def meta(self, work: str, component: str) -> ET.Element:
        meta = ET.Element("meta")
        ident = ET.SubElement(meta, "identification", {"source": SOURCE})
        date = {"date": self.date or "0001-01-01", "name": "adoption" if self.date else "unknown"}
        expression = f"{work}/pol@"
        for level, this, uri, extra in (
            ("FRBRWork", f"{work}/{component}", work, "FRBRcountry"),
            ("FRBRExpression", f"{expression}/{component}", expression, "FRBRlanguage"),
            ("FRBRManifestation", f"{expression}/{component}.xml", f"{expression}.akn", None),
        ):
            frbr = ET.SubElement(ident, level)
            ET.SubElement(frbr, "FRBRthis", {"value": this})
            ET.SubElement(frbr, "FRBRuri", {"value": uri})
            ET.SubElement(frbr, "FRBRdate", date)
            ET.SubElement(frbr, "FRBRauthor", {"href": f"#{self.author}" if extra else SOURCE})
            if extra == "FRBRcountry":
                ET.SubElement(frbr, "FRBRcountry", {"value": "pl"})
                header = self.resolution.header
                if header.number and header.number.value:
                    ET.SubElement(frbr, "FRBRnumber", {"value": header.number.value})
                ET.SubElement(frbr, "FRBRname", {"value": "uchwała"})
            elif extra == "FRBRlanguage":
                ET.SubElement(frbr, "FRBRlanguage", {"language": "pol"})
        if component == "!main":
            meta.append(self.references())
        return meta

    def references(self) -> ET.Element:
        refs = ET.Element("references", {"source": SOURCE})
        body = self.resolution.header.body
        _tlc(refs, "TLCOrganization", self.author, f"/ontology/organization/pl/{self.author}",
             body.text if body else "nn")
        _tlc(refs, "TLCOrganization", "uchwaly_parser", "/ontology/organization/uchwaly_parser", "uchwaly_parser")
        signature = self.resolution.signature
        if signature:
            role = signature.role or "nn"
            _tlc(refs, "TLCRole", "signatory_role", f"/ontology/role/pl/{_slug(role)}", role)
            if signature.name:
                _tlc(refs, "TLCPerson", "signatory", f"/ontology/person/pl/{_slug(signature.name)}", signature.name)
        return refs

    def preface(self) -> ET.Element:
        header = self.resolution.header
        preface = ET.Element("preface")
        p = ET.SubElement(ET.SubElement(preface, "longTitle"), "p")
        parts: list[ET.Element] = [_inline("docType", "UCHWAŁA")]
        if header.number:
            parts.append(_inline("docNumber", clean(header.number.raw)))
        if header.body:
            parts.append(_inline("docAuthority", header.body.text))
        if header.date:
            attrs = {"date": header.date.value.isoformat()} if header.date.value else {"date": "0001-01-01"}
            parts.append(_inline("docDate", header.date.text, attrs))
        if header.title:
            parts.append(_inline("docTitle", header.title.text))
        for part in parts:
            part.tail = " "
            p.append(part)
        parts[-1].tail = None
        return preface

    def preamble(self) -> ET.Element:
        preamble = ET.Element("preamble")
        basis = self.resolution.legal_basis
        if basis:
            citation = ET.SubElement(ET.SubElement(preamble, "citations"), "citation")
            self.paragraph(ET.SubElement(citation, "p"), basis.span.start, basis.span.end)
        clause = self.resolution.enacting_clause
        if clause:
            formula = ET.SubElement(preamble, "formula", {"name": "enactingFormula"})
            ET.SubElement(formula, "p").text = clean(self.text[clause.span.start : clause.span.end]).lstrip(",–- ")
        return preamble

    def conclusions(self) -> ET.Element:
        signature = self.resolution.signature
        assert signature is not None
        conclusions = ET.Element("conclusions")
        sig = ET.SubElement(ET.SubElement(conclusions, "p"), "signature")
        role = ET.SubElement(sig, "role", {"refersTo": "#signatory_role"})
        role.text = signature.role or ""
        if signature.name:
            role.tail = " "
            ET.SubElement(sig, "person", {"refersTo": "#signatory"}).text = signature.name
        return conclusions

    def attachment(self, section: Zalacznik | Uzasadnienie) -> ET.Element:
        name = "zalacznik" if isinstance(section, Zalacznik) else "uzasadnienie"
        eid = self.eid(section)
        doc = ET.Element("doc", {"name": name})
        doc.append(self.meta(self.work, eid))
        heading = ET.SubElement(ET.SubElement(doc, "preface"), "p")
        self.paragraph(heading, section.heading.span.start, section.heading.span.end)
        main = ET.SubElement(doc, "mainBody")
        self.content(main, section.content, block=True)
        if not len(main):
            ET.SubElement(main, "p")
        return doc

    # -- units and text ---------------------------------------------------------

    def eid(self, node: Node) -> str:
        """An eId from the node's legal path: "§ 3 ust. 2 pkt 1" → "sec_3__para_2__point_1"."""
        parts: list[str] = []
        # each unit's word, then its number if it has one; "[2]" marks the second of a duplicate
        # ("§ 2[2]" -> "sec_2-2", a second unnumbered attachment "zał.[2]" -> "att-2")
        for word in self.doc.path(node).split(" "):
            name, bracket, nth = word.partition("[")
            if name in _EID:
                parts.append(_EID[name] + (f"-{nth.rstrip(']')}" if bracket else ""))
            else:
                parts[-1] += "_" + re.sub(r"[^\w-]", "", word.replace("[", "-").replace("?", "x"))
        return "__".join(parts)

    def content(self, parent: ET.Element, content: Sequence[Content], *, block: bool) -> None:
        """Append the elements of ``content``: units as hierarchy elements, text as ``<p>`` (``block``)
        or wrapped in ``<hcontainer name="text">`` where only hierarchy elements may stand."""
        for child in content:
            if isinstance(child, Text):
                if block:
                    self.paragraph(ET.SubElement(parent, "p"), child.span.start, child.span.end)
                else:
                    _text_container(parent, "text", [child], self)
            else:
                assert isinstance(child, Unit)
                parent.append(self.unit(child))

    def unit(self, unit: Unit) -> ET.Element:
        element = ET.Element(_ELEMENT[type(unit)], {"eId": self.eid(unit)})
        num = ET.SubElement(element, "num")
        num.text = unit_marker(unit)
        texts_only = all(isinstance(c, Text) for c in unit.content)
        if texts_only:
            box = ET.SubElement(element, "content")
            for child in unit.content:
                self.paragraph(ET.SubElement(box, "p"), child.span.start, child.span.end)
            if not len(box):
                ET.SubElement(box, "p")
            return element
        first = next(i for i, c in enumerate(unit.content) if isinstance(c, Unit))
        last = max(i for i, c in enumerate(unit.content) if isinstance(c, Unit))
        if first:
            intro = ET.SubElement(element, "intro")
            for child in unit.content[:first]:
                self.paragraph(ET.SubElement(intro, "p"), child.span.start, child.span.end)
        self.content(element, unit.content[first : last + 1], block=False)
        if last + 1 < len(unit.content):
            wrap = ET.SubElement(element, "wrapUp")
            for child in unit.content[last + 1 :]:
                self.paragraph(ET.SubElement(wrap, "p"), child.span.start, child.span.end)
        return element

    def paragraph(self, p: ET.Element, start: int, end: int) -> None:
        """Fill ``p`` with the clean words of ``text[start:end]``, journal references as ``ref``."""
        refs = [r for i in starting_within(self.starts, start, end) if (r := self.refs[i]).span.end <= end]
        if not refs:
            p.text = clean(self.text[start:end])
            return
        pieces: list[str | Publication] = []
        cursor = start
        for ref in refs:
            pieces += [self.text[cursor : ref.span.start], ref]
            cursor = ref.span.end
        pieces.append(self.text[cursor:end])
        last: ET.Element | None = None
        for i, piece in enumerate(pieces):
            if isinstance(piece, Publication):
                last = ET.SubElement(p, "ref", {"href": piece.eli_url or ""})
                last.text = clean(self.text[piece.span.start : piece.span.end])
                continue
            # Keep one space where the input had white space next to a reference.
            words = re.sub(r"\s+", " ", piece)
            words = words.lstrip() if i == 0 else words
            words = words.rstrip() if i == len(pieces) - 1 else words
            if last is None:
                p.text = words
            else:
                last.tail = words


def _tlc(refs: ET.Element, tag: str, eid: str, href: str, show_as: str) -> None:
    ET.SubElement(refs, tag, {"eId": eid, "href": href, "showAs": show_as})


def _inline(tag: str, text: str, attrs: dict[str, str] | None = None) -> ET.Element:
    element = ET.Element(tag, attrs or {})
    element.text = text
    return element


def _text_container(parent: ET.Element, name: str, texts: list[Text], writer: _Writer | None = None) -> None:
    box = ET.SubElement(ET.SubElement(parent, "hcontainer", {"name": name}), "content")
    for text in texts:
        p = ET.SubElement(box, "p")
        if writer:
            writer.paragraph(p, text.span.start, text.span.end)
        else:
            p.text = text.text
    if not texts:
        ET.SubElement(box, "p")
