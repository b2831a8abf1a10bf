"""What every document type module declares, and the round's parts every round document shares."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from marshmallow import Schema

from docgen import vn

if TYPE_CHECKING:
    from docgen.routing import Routing


# What earlier releases handed the round templates as phrases, and what took their place: the
# council and the session are now words in the template around {{ don_vi }}, {{ ky_hop }}…
ROUND_RENAMED = {
    "unit": "don_vi",
    "unit_name": "ten_don_vi",
    "council": "",
    "council_full": "",
    "timing": "",
    "session": "",
    "session_full": "",
    "round": "",
    "round_full": "",
}


@dataclass(frozen=True)
class Draft:
    """One document a round calls for, before its data is loaded with the type's schema."""

    type_id: str
    data: dict[str, Any]  # raw: what a client would post for this type
    name: str  # a file name without number or extension
    recipient: str  # for whom: the body addressed, or the place of the meeting
    petitions: tuple[str, ...] = ()  # the round's petitions the document carries


RoundDrafts = Callable[[Mapping[str, Any], "Routing"], list[Draft]]


@dataclass(frozen=True)
class DocumentType:
    """One kind of document docgen writes."""

    id: str
    title: str  # Vietnamese name, as a clerk says it
    description: str  # one line on what it is for
    type_name: str  # Decree 30 type name ("Kế hoạch"), "" for a công văn
    schema: type[Schema]
    build_context: Callable[[dict[str, Any]], dict[str, Any]]
    check_kind: str = "typed"  # what the Decree 30 checker expects
    stem: Callable[[dict[str, Any]], str] | None = None  # a download name other than the default
    # For the documents of a round: what the round makes of this type, and the round's section
    # holding their number, date and signer (where a refusal of those fields points).
    round_drafts: RoundDrafts | None = None
    round_section: str = ""
    # Names a release took from the template's data: old name → its new name, or "" when its
    # wording now stands in the shipped template. Staff versions still using one are told.
    renamed: Mapping[str, str] = field(default_factory=dict)
    # What each name of this type's data means, for the staff guide ("@field": the schema's
    # label of the field it copies; "(có thể trống)": may be empty, worth an {% if %}).
    guide: Mapping[str, str] = field(default_factory=dict)

    def drafts(self, round_: Mapping[str, Any], routing: Routing) -> list[Draft]:
        """The documents of this type a round calls for (none for a type outside rounds)."""
        return self.round_drafts(round_, routing) if self.round_drafts is not None else []

    def context(self, data: dict[str, Any], *, draft: bool = False) -> dict[str, Any]:
        """What the template prints; `ban_du_thao` is true on a draft (the template marks it).
        Every type may carry legal bases (`legal_bases`, one line each, unpunctuated)."""
        shared = {"legal_bases": list(data.get("legal_bases") or [])}
        return {**shared, **self.build_context(data), "ban_du_thao": draft}

    @property
    def template_file(self) -> str:
        """The template's file name in templates_vn/."""
        return f"{self.id}.docx"

    def file_stem(self, data: dict[str, Any]) -> str:
        """A download name a clerk understands: type, number and symbol, date."""
        if self.stem is not None:
            return self.stem(data)
        abbr = vn.type_abbreviation(self.type_name) if self.type_name else ""
        symbol = vn.document_symbol(data["issuer"]["symbol"], type_abbr=abbr)
        number = vn.pad2(data["number"]) if data.get("number") else "du-thao"
        return f"{self.type_name} {number}-{symbol} ngày {data['date'].strftime('%d-%m-%Y')}"


def doc_part(round_: Mapping[str, Any], section: str) -> dict[str, Any]:
    """Issuer, number, date, signer, recipients of one of the round's documents."""
    part = round_[section]
    return {
        "issuer": round_["issuer"],
        "number": part.get("number"),
        "date": part["date"],
        "signer": part["signer"],
        "recipients": part["recipients"],
        "archive": part["archive"],
        "session": round_["session"],
        "timing": round_["timing"],
    }


def council_name(round_: Mapping[str, Any]) -> str:
    """The council as a title names it: "HĐND xã Biên Sơn"."""
    issuer = round_["issuer"]
    return f"HĐND {vn.lower(issuer['unit_kind'])} {issuer['unit_name']}"
