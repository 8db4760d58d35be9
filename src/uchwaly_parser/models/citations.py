"""Typed, located citation models: a cited act, its provisions and its journal references.

Every node carries the span of its own text in the ORIGINAL input; text values are
``normalize.clean`` of that slice. Identifiers (ELI, ISAP) are stored as plain fields so that
``Model.model_validate_json(m.model_dump_json()) == m`` holds.
"""

from __future__ import annotations

import datetime
from typing import Literal

from uchwaly_parser.models.base import Node

ActKind = Literal["ustawa", "rozporządzenie", "uchwała", "kodeks", "konstytucja", "other"]
# A unit of a cited provision, named as the tree names its units (``Unit.kind``); "bare" is a
# number cited without a unit word ("18 ust. 2" that lost its "art.").
UnitName = Literal["artykul", "paragraf", "ustep", "punkt", "litera", "tiret", "zdanie", "bare"]


class Publication(Node):
    """One journal reference = one position ("poz. 40, 572 i 1463" gives three publications).

    A value the text does not give (a lost year or position) is ``None``, never invented.
    """

    kind: Literal["publication"] = "publication"
    journal: str
    year: int | None
    nr: int | None
    position: int | None
    voivodeship: str | None = None
    publisher_code: str | None = None
    eli: str | None = None
    eli_url: str | None = None
    isap_id: str | None = None


class ProvisionPart(Node):
    """One level of a provision chain: ``ust. 1, 2 i 3`` is unit "ustep" with numbers ("1", "2", "3")."""

    kind: Literal["provision_part"] = "provision_part"
    unit: UnitName
    numbers: tuple[str, ...]


class Provision(Node):
    """A cited provision as written ("art. 18 ust. 2 pkt 15"), with its structure."""

    kind: Literal["provision"] = "provision"
    text: str
    parts: tuple[ProvisionPart, ...]


class Act(Node):
    """The cited act. ``title`` drops the kind word; for a rozporządzenie or uchwała it is the
    "w sprawie ..." phrase when there is one."""

    kind: ActKind
    date: datetime.date | None
    title: str | None
    issuer: str | None = None
    number: str | None = None


class Citation(Node):
    """One cited act with its provisions and journal references, in text order.

    A citation's id is its position in the tuple that holds it (``Resolution.citations``, or what
    ``extract_citations`` returns); ``related_to`` is the id of the citation this one is linked to
    by "w związku z" / "w zw. z".
    """

    kind: Literal["citation"] = "citation"
    act: Act | None
    provisions: tuple[Provision, ...]
    publications: tuple[Publication, ...]
    consolidated: bool
    amended: bool
    related_to: int | None = None
