"""Small rounds built in code for the routing and warning tests, validated by RoundSchema."""

from __future__ import annotations

import copy
from typing import Any

from docgen.schemas.round import RoundSchema

ISSUERS = {
    "tinh": {"level": "tinh", "unit_kind": "tỉnh", "unit_name": "Bắc Giang"},
    "huyen": {"level": "huyen", "unit_kind": "huyện", "unit_name": "Lục Ngạn"},
    "xa": {"level": "xa", "unit_kind": "xã", "unit_name": "Biên Sơn"},
}
SUB_KINDS = {"tinh": "huyện", "huyen": "xã", "xa": "thôn"}
SIGNER = {"collective": "Thường trực HĐND", "title": "Chủ tịch", "name": "Nguyễn Văn A"}
UNITS = ("Biên Sơn", "Biên Động", "Tân Hoa", "Kiên Lao")


def doc(date: str) -> dict[str, Any]:
    """A round document's number, date and signer."""
    return {"number": 1, "date": date, "signer": SIGNER, "recipients": ["TT HĐND"]}


def meeting(
    mid: str, unit: str, start: str, group: int = 1, voters: int | None = 100, **extra: Any
) -> dict:
    """A meeting at `start` (ISO, e.g. 2020-12-01T08:00) lasting two hours."""
    hour = int(start[11:13])
    return extra | {
        "id": mid,
        "group": group,
        "sub_unit": unit,
        "venue": f"Hội trường {unit}",
        "start": start,
        "end": f"{start[:11]}{hour + 2:02d}{start[13:]}",
        "chair": "Chủ tọa",
        "secretary": "Thư ký",
        "voters": voters,
    }


def petition(pid: str, mid: str, level: str, body: str = "", **extra: Any) -> dict[str, Any]:
    """A petition raised at meeting `mid`, competent level `level`."""
    data = {
        "id": pid,
        "meeting": mid,
        "voters": [{"name": f"Cử tri {pid}"}],
        "content": f"Nội dung {pid}",
        "summary": f"Tóm tắt {pid}",
        "field": "khac",
        "level": level,
        "body": body or f"Cơ quan {level}",
    }
    data.update(extra)
    return data


def raw_round(
    level: str = "huyen",
    meetings: list[dict] | None = None,
    petitions: list[dict] | None = None,
    units: tuple[str, ...] = UNITS,
    **extra: Any,
) -> dict[str, Any]:
    """Round JSON (before loading) for a council of `level`; every unit met unless told."""
    if meetings is None:
        meetings = [
            meeting(f"m{i}", unit, f"2020-12-0{i + 1}T08:00") for i, unit in enumerate(units)
        ]
    data: dict[str, Any] = {
        "issuer": copy.deepcopy(ISSUERS[level]),
        "session": {
            "ordinal": 11,
            "term_ordinal": 19,
            "term_start": 2016,
            "term_end": 2021,
            "opens": "2020-12-20",
        },
        "timing": "truoc",
        "start_date": "2020-12-01",
        "end_date": "2020-12-05",
        "groups": [{"number": 1, "area": "Đơn vị số 1", "deputies": [{"name": "Đại biểu A"}]}],
        "sub_units": [{"name": u, "kind": SUB_KINDS[level], "group": 1} for u in units],
        "meetings": meetings,
        "petitions": petitions or [],
        "report": doc("2020-12-08"),
        "letters": doc("2020-12-09"),
        "province": "tỉnh Bắc Giang",
    }
    data.update(extra)
    return data


def make_round(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """A loaded (validated) round."""
    return RoundSchema().load(raw_round(*args, **kwargs))
