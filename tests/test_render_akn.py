"""Akoma Ntoso 3.0 XML (uchwaly_parser.render.akn), validated against the OASIS schema."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from conftest import FIXTURES, corpus_texts
from golden import STEMS, check_golden, source
from uchwaly_parser import Document, parse
from uchwaly_parser.render.akn import AKN_NAMESPACE, render_akn

SCHEMA_FILE = FIXTURES / "akn" / "akomantoso30.xsd"  # a copy of ../shared/schemas/akomantoso30.xsd
NS = {"a": AKN_NAMESPACE}
DOCUMENTS = corpus_texts()


@functools.cache
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMA_FILE))


def akn(stem: str) -> ET.Element:
    text = source(stem)
    return ET.fromstring(render_akn(Document(parse(text), text)))


@pytest.mark.parametrize("stem", STEMS)
def test_akn_matches_its_golden_file_and_validates(stem: str) -> None:
    text = source(stem)
    xml = render_akn(Document(parse(text), text))
    check_golden(stem, ".akn.xml", xml)
    schema().validate(xml)


def test_the_schema_rejects_what_it_should() -> None:
    text = source("regulamin")
    broken = render_akn(Document(parse(text), text)).replace("<num>§ 1.</num>", "<number>§ 1.</number>", 1)
    assert not schema().is_valid(broken)


def test_frbr_identifiers_come_from_body_date_and_number() -> None:
    work = akn("regulamin").find("a:act/a:meta/a:identification/a:FRBRWork", NS)
    assert work is not None
    values = {child.tag.split("}")[1]: child.attrib for child in work}
    assert values["FRBRuri"]["value"] == "/akn/pl/act/uchwala/rady-gminy-werbkowice/2016-04-28/XIX-170-2016"
    assert values["FRBRdate"] == {"date": "2016-04-28", "name": "adoption"}
    assert values["FRBRnumber"]["value"] == "XIX/170/2016"


@pytest.mark.parametrize(
    ("path", "element", "eid"),
    [
        ("§ 1", "section", "sec_1"),
        ("§ 1 ust. 2", "paragraph", "sec_1__para_2"),
        ("§ 1 ust. 2 pkt 2", "point", "sec_1__para_2__point_2"),
        ("§ 1 ust. 2 pkt 2 lit. b", "point", "sec_1__para_2__point_2__point_b"),
        ("§ 1 ust. 2 pkt 2 lit. b tiret 2", "indent", "sec_1__para_2__point_2__point_b__indent_2"),
        ("zał. 1 § 2 ust. 1", "paragraph", "att_1__sec_2__para_1"),
    ],
)
def test_units_map_onto_akn_elements_with_path_eids(path: str, element: str, eid: str) -> None:
    found = akn("regulamin").find(f".//a:{element}[@eId='{eid}']", NS)
    assert found is not None, f"{path} is not a <{element} eId={eid!r}>"


def test_intro_and_content_split_a_unit_around_its_sub_units() -> None:
    ustep = akn("regulamin").find(".//a:paragraph[@eId='sec_1__para_2']", NS)
    assert ustep is not None
    assert [child.tag.split("}")[1] for child in ustep] == ["num", "intro", "point", "point", "point"]
    assert ustep.findtext("a:intro/a:p", namespaces=NS) == "Regulamin, o którym mowa w ust. 1, obejmuje:"


def test_preamble_conclusions_and_attachments() -> None:
    act = akn("regulamin").find("a:act", NS)
    assert act is not None
    citation = act.find("a:preamble/a:citations/a:citation/a:p", NS)
    assert citation is not None and citation.text and citation.text.startswith("Na podstawie art. 18")
    assert [r.get("href") for r in citation.iter(f"{{{AKN_NAMESPACE}}}ref")] == [
        f"https://eli.gov.pl/eli/DU/{eli}/ogl" for eli in ("2016/446", "2016/1579", "2001/1591", "2001/220", "2003/717")
    ]
    assert act.findtext("a:preamble/a:formula[@name='enactingFormula']/a:p", namespaces=NS) == (
        "Rada Gminy Werbkowice uchwala, co następuje:"
    )
    assert act.findtext("a:conclusions/a:p/a:signature/a:person", namespaces=NS) == "Ryszard Grabowski"
    assert [d.get("name") for d in act.findall("a:attachments/a:attachment/a:doc", NS)] == ["zalacznik", "uzasadnienie"]


def test_a_unit_alone_is_its_element() -> None:
    text = source("regulamin")
    document = Document(parse(text), text)
    fragment = render_akn(document, node=document.find("§ 2"))
    assert fragment.startswith('<section eId="sec_2">')
    assert "Wykonanie uchwały powierza się Wójtowi Gminy" in fragment


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_akn_validates_for_every_corpus_document(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    xml = render_akn(Document(parse(text, name=path.name), text))
    schema().validate(xml)
    # each component (the act, every attachment, the uzasadnienie) is its own FRBR work: two
    # unnumbered attachments (d19) must not share one
    frbr = [e.get("value") for e in ET.fromstring(xml).iter(f"{{{AKN_NAMESPACE}}}FRBRthis")]
    assert len(frbr) == len(set(frbr))
