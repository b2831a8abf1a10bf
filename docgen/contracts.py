"""Contracts for other systems: the OpenAPI document and one JSON Schema per document type."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask import Flask

from docgen import documents

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_REF = "#/components/schemas/"


def openapi(app: Flask) -> dict[str, Any]:
    """The live OpenAPI document of the app."""
    with app.app_context():
        spec: dict[str, Any] = app.extensions["docgen.api"].spec.to_dict()
    return spec


def _to_json_schema(node: Any) -> Any:
    """OpenAPI 3.0 schema dialect → JSON Schema 2020-12 (refs, nullable)."""
    if isinstance(node, list):
        return [_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _to_json_schema(value) for key, value in node.items() if key != "nullable"}
    if isinstance(out.get("$ref"), str) and out["$ref"].startswith(_REF):
        out["$ref"] = "#/$defs/" + out["$ref"][len(_REF) :]
    if node.get("nullable") and "type" in out:
        types = out["type"] if isinstance(out["type"], list) else [out["type"]]
        out["type"] = [*types, "null"]
    return out


def _referenced(name: str, components: dict[str, Any], seen: set[str]) -> None:
    """Collect the component names a schema needs, transitively."""
    if name in seen:
        return
    seen.add(name)
    text = json.dumps(components[name])
    for other in components:
        if f'"{_REF}{other}"' in text:
            _referenced(other, components, seen)


def json_schema(spec: dict[str, Any], type_id: str) -> dict[str, Any]:
    """A standalone JSON Schema for one document type's data."""
    doc = documents.get(type_id)
    root = doc.schema.__name__.removesuffix("Schema")
    return standalone(spec, root, type_id, doc.title, doc.description)


def standalone(
    spec: dict[str, Any], root: str, file_id: str, title: str, description: str
) -> dict[str, Any]:
    """A standalone JSON Schema for one component of the OpenAPI document and what it needs."""
    components = spec["components"]["schemas"]
    needed: set[str] = set()
    _referenced(root, components, needed)
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": f"{file_id}.schema.json",
        "title": title,
        "description": description,
        "$ref": f"#/$defs/{root}",
        "$defs": {name: _to_json_schema(components[name]) for name in sorted(needed)},
    }


def contracts(app: Flask) -> dict[str, dict[str, Any]]:
    """File name → content of every contract."""
    spec = openapi(app)
    out = {"openapi.json": spec}
    for type_id in documents.REGISTRY:
        out[f"{type_id}.schema.json"] = json_schema(spec, type_id)
    out["round.schema.json"] = standalone(
        spec,
        "Round",
        "round",
        "Đợt tiếp xúc cử tri",
        "Dữ liệu một đợt tiếp xúc cử tri (POST /api/v1/rounds): mọi văn bản của đợt lập từ đây.",
    )
    return out


def dump(content: dict[str, Any]) -> str:
    """The canonical text of a contract file (stable, diff-friendly)."""
    return json.dumps(content, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_contracts(app: Flask, out_dir: Path) -> list[Path]:
    """Write every contract into out_dir; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in contracts(app).items():
        path = out_dir / name
        path.write_text(dump(content), encoding="utf-8")
        written.append(path)
    return written
