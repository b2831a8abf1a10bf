"""Batch inputs: JSON files and folders of them, read into the documents they ask for."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen import documents
from docgen.errors import DocgenError

ROUND = "round"  # the envelope type of a whole round's data


@dataclass(frozen=True)
class Record:
    """One document to make, and where its data came from."""

    type_id: str
    raw: Any
    source: str  # the file the data came from
    index: int | None = None  # its position in that file's list; None for a one-record file
    name: str | None = None  # a file name chosen upstream (a round names letters by recipient)
    validated: bool = False  # raw is already loaded by the type's schema (a round's jobs)

    @property
    def place(self) -> str:
        """Where the record is, as a clerk finds it: `file.json` or `file.json#2`."""
        return self.source if self.index is None else f"{self.source}#{self.index}"


@dataclass(frozen=True)
class Failure:
    """A record (or a whole input file) that produced nothing, with every reason."""

    source: str
    index: int | None
    type_id: str | None
    stage: str  # read, validate, render or convert
    message: str
    fields: Mapping[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, record: Record, stage: str, error: DocgenError) -> Failure:
        """The failure of a record, from the error that stopped it."""
        return cls(
            record.source, record.index, record.type_id, stage, error.message, dict(error.fields)
        )

    @property
    def place(self) -> str:
        """Where the record is: `file.json` or `file.json#2`."""
        return self.source if self.index is None else f"{self.source}#{self.index}"


def read_inputs(paths: Iterable[Path]) -> tuple[list[Record], list[Failure]]:
    """Every record in these files and folders (a folder: its *.json files, sorted)."""
    records: list[Record] = []
    failures: list[Failure] = []
    for path in paths:
        files = sorted(p for p in path.glob("*.json") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            found, failed = read_file(file)
            records.extend(found)
            failures.extend(failed)
    return records, failures


def read_file(path: Path) -> tuple[list[Record], list[Failure]]:
    """The records of one JSON file, by its name and shape."""
    source = str(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        message = f"Không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}: {exc.msg})."
        return [], [Failure(source, None, None, "read", message)]
    except UnicodeDecodeError:
        return [], [Failure(source, None, None, "read", "Tệp không ở mã UTF-8.")]
    except OSError as exc:
        return [], [Failure(source, None, None, "read", f"Không đọc được tệp: {exc.strerror}.")]
    type_id = path.name.split(".", 1)[0]
    if type_id in documents.REGISTRY:
        # fixtures/<type>.json and fixtures/<type>.<variant>.json: the type's data, or a list;
        # an envelope of the same type too (fixtures/invalid/<type>.<case>.json are).
        if isinstance(raw, dict) and raw.get("type") == type_id and "data" in raw:
            return _envelopes([raw], source, single=True)
        if isinstance(raw, list):
            return [Record(type_id, item, source, i) for i, item in enumerate(raw)], []
        return [Record(type_id, raw, source)], []
    if is_round(raw):
        return expand_round(raw, source)
    if isinstance(raw, dict) and raw.get("type") == ROUND and "data" in raw:
        return expand_round(raw["data"], source)  # {"type": "round", "data": …}
    if isinstance(raw, list):
        return _envelopes(raw, source)
    if isinstance(raw, dict) and "type" in raw:
        return _envelopes([raw], source, single=True)
    message = (
        "Không nhận ra nội dung: cần {“type”, “data”}, một danh sách như thế, tệp đợt tiếp xúc "
        "cử tri, hoặc tệp mang tên loại văn bản (ví dụ ke_hoach_tiep_xuc.json)."
    )
    return [], [Failure(source, None, None, "read", message)]


def is_round(raw: Any) -> bool:
    """Whether raw is a round file: the data of a whole round of voter contact."""
    return isinstance(raw, dict) and "report" in raw and ("meetings" in raw or "petitions" in raw)


def expand_round(raw: Any, source: str) -> tuple[list[Record], list[Failure]]:
    """A round file's documents, as docgen.rounds plans them, when that module exists."""
    # docgen.rounds offers load_round(raw) → a validated round and plan_round(round) → its
    # jobs in filing order (type_id, data loaded by the type's schema, name). A module with
    # expand(raw) → {"type", "data"[, "name"]} items of raw JSON data is accepted too. Either
    # raises a DocgenError (InvalidData with fields) when the round itself is wrong.
    try:
        rounds = importlib.import_module("docgen.rounds")
    except ModuleNotFoundError as exc:
        if exc.name != "docgen.rounds":
            raise
        rounds = None
    expand = getattr(rounds, "expand", None)
    plan_round = getattr(rounds, "plan_round", None)
    load_round = getattr(rounds, "load_round", None)
    records = []
    try:
        if expand is not None:
            for index, item in enumerate(expand(raw)):
                type_id, data, name = _unpack(item)
                records.append(Record(type_id, data, source, index, name))
        elif plan_round is not None and load_round is not None:
            for index, job in enumerate(plan_round(load_round(raw)).jobs):
                records.append(Record(job.type_id, job.data, source, index, job.name, True))
        else:
            message = "Tệp đợt tiếp xúc cử tri: phiên bản này chưa hỗ trợ tạo văn bản theo đợt."
            return [], [Failure(source, None, None, "read", message)]
    except DocgenError as exc:
        return [], [Failure(source, None, None, "validate", exc.message, dict(exc.fields))]
    return records, []


def _unpack(item: Any) -> tuple[str, Any, str | None]:
    """(type, data, name) of one expanded document, whatever shape expand chose."""
    if isinstance(item, Mapping):
        return str(item["type"]), item["data"], item.get("name")
    if isinstance(item, tuple | list):
        return str(item[0]), item[1], item[2] if len(item) > 2 else None
    type_id = getattr(item, "type_id", None) or item.type
    return str(type_id), item.data, getattr(item, "name", None)


def _envelopes(
    items: list[Any], source: str, *, single: bool = False
) -> tuple[list[Record], list[Failure]]:
    """Records from {"type", "data"} objects; anything else is a failure naming its place."""
    records: list[Record] = []
    failures: list[Failure] = []
    for i, item in enumerate(items):
        index = None if single else i
        if not isinstance(item, dict):
            message = "Mỗi phần tử phải là một đối tượng {“type”, “data”}."
            failures.append(Failure(source, index, None, "read", message))
            continue
        type_id = item.get("type")
        fields: dict[str, list[str]] = {}
        if not isinstance(type_id, str) or not type_id:
            fields["type"] = ["Thiếu loại văn bản (chuỗi ký tự)."]
        if "data" not in item:
            fields["data"] = ["Thiếu dữ liệu bắt buộc."]
        if fields:
            message = f"Dữ liệu không hợp lệ ở {len(fields)} trường."
            failures.append(Failure(source, index, None, "read", message, fields))
            continue
        records.append(Record(str(type_id), item["data"], source, index, item.get("name")))
    return records, failures
