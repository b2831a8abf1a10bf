"""Contracts for other systems: the OpenAPI document and one JSON Schema per document type."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from apispec import BasePlugin
from flask import Flask
from flask_smorest import Api

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


# ---------------------------------------------------------------------------------------------
# The OpenAPI document tells the truth: the one error shape, every status an operation answers,
# a schema for every JSON answer, no catch-all `default`.

# Every code an error answer can carry, with its status (tests/test_contract_truth.py causes
# each one through the HTTP layer).
ERROR_CODES: dict[str, int] = {
    "malformed_request": 400,
    "unauthorized": 401,
    "not_found": 404,
    "method_not_allowed": 405,
    "conflict": 409,
    "confirmation_required": 409,
    "payload_too_large": 413,
    "unsupported_media_type": 415,
    "invalid_data": 422,
    "template_rejected": 422,
    "render_failed": 500,
    "internal_error": 500,
    "pdf_failed": 502,
    "pdf_unavailable": 503,
    "pdf_busy": 503,
    "pdf_timeout": 504,
}

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Khuôn lỗi chung của mọi câu trả lời lỗi.",
    "required": ["error"],
    "additionalProperties": False,
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "additionalProperties": False,
            "properties": {
                "status": {"type": "integer", "minimum": 400, "maximum": 599},
                "code": {
                    "type": "string",
                    "enum": list(ERROR_CODES),
                },
                "message": {"type": "string", "minLength": 1},
                "fields": {
                    "type": "object",
                    "description": "Đường dẫn của trường sai (signer.name, legal_bases.0, "
                    "?format cho tham số truy vấn, _schema cho cả đối tượng) → các thông báo",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
                "report": {
                    "$ref": "#/components/schemas/TemplateReport",
                    "description": "Toàn bộ kết quả kiểm tra mẫu (template_rejected, confirmation_required)",
                },
            },
        }
    },
}

_FINDING = {
    "type": "object",
    "required": ["check", "severity", "message", "where", "rule"],
    "properties": {
        "check": {"type": "string"},
        "severity": {"type": "string", "enum": ["error", "warning", "info"]},
        "message": {"type": "string"},
        "where": {"type": "string"},
        "rule": {"type": "string"},
    },
}
COMPONENTS: dict[str, dict[str, Any]] = {
    "DocgenError": ERROR_SCHEMA,
    "TemplateReport": {
        "type": "object",
        "required": ["type_id", "sha256", "ok", "errors", "warnings", "findings"],
        "properties": {
            "type_id": {"type": "string"},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "ok": {"type": "boolean"},
            "needs_confirmation": {"type": "boolean"},
            "summary": {"type": "string"},
            "errors": {"type": "integer", "minimum": 0},
            "warnings": {"type": "integer", "minimum": 0},
            "has_preview": {"type": "boolean"},
            "findings": {"type": "array", "items": _FINDING},
        },
    },
    "CheckReport": {
        "type": "object",
        "description": "Kết quả kiểm tra thể thức theo Nghị định 30/2020",
        "required": ["ok", "kind", "errors", "warnings", "findings"],
        "properties": {
            "ok": {"type": "boolean"},
            "kind": {"type": "string", "enum": ["typed", "cong_van", "bien_ban", "giay_moi"]},
            "errors": {"type": "integer", "minimum": 0},
            "warnings": {"type": "integer", "minimum": 0},
            "findings": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["rule", "severity"],
                    "properties": {
                        "rule": {"type": "string"},
                        "severity": {"type": "string", "enum": ["error", "warning"]},
                        "places": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
        },
    },
    "RoundWarning": {
        "type": "object",
        "required": ["code", "message", "data"],
        "properties": {
            "code": {"type": "string"},
            "message": {"type": "string"},
            "data": {"type": "object"},
        },
    },
    "RoundCheck": {
        "type": "object",
        "description": "Phân loại ý kiến, số liệu, các văn bản sẽ lập và cảnh báo của một đợt",
        "required": ["counts", "letters", "planned", "report_items", "round", "warnings"],
        "properties": {
            "counts": {"type": "object"},
            "letters": {"type": "array", "items": {"type": "object"}},
            "planned": {"type": "array", "items": {"type": "object"}},
            "report_items": {"type": "array", "items": {"type": "object"}},
            "round": {"type": "object"},
            "warnings": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/RoundWarning"},
            },
        },
    },
    "Coverage": {
        "type": "object",
        "required": ["warnings"],
        "properties": {
            "warnings": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/RoundWarning"},
            }
        },
    },
    "TemplateUpload": {
        "type": "object",
        "required": ["version", "report"],
        "properties": {
            "version": {"$ref": "#/components/schemas/VersionOut"},
            "report": {"$ref": "#/components/schemas/TemplateReport"},
        },
    },
    "JsonSchema": {"type": "object", "description": "JSON Schema 2020-12"},
}

# Answers with a JSON body that no marshmallow schema describes: path → (status, schema).
JSON_ANSWERS = {
    "/api/v1/check": (200, "CheckReport"),
    "/api/v1/rounds/check": (200, "RoundCheck"),
    "/api/v1/rounds/coverage": (200, "Coverage"),
    "/api/v1/templates/{type_id}": (201, "TemplateUpload"),
    "/api/v1/templates/{type_id}/validate": (200, "TemplateReport"),
    "/api/v1/schemas/{type_id}.schema.json": (200, "JsonSchema"),
}
_FILES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
}

_MESSAGES = {
    400: "Yêu cầu không hợp lệ: thân trống, không phải JSON, lồng quá sâu, tệp hỏng",
    401: "Thiếu hoặc sai mã truy cập (Authorization: Bearer …)",
    403: "Tài khoản không có vai trò cần cho việc này (cấp số: van_thu; thay mẫu: can_bo_mau)",
    404: "Không có loại văn bản, mẫu hoặc phiên bản này",
    409: "Mẫu có cảnh báo: cần gửi lại với confirm=true",
    413: "Nội dung gửi lên vượt quá giới hạn kích thước",
    415: "Loại nội dung gửi lên không được hỗ trợ",
    422: "Dữ liệu không hợp lệ: fields nêu từng trường sai",
    500: "Lỗi của mẫu văn bản khi điền dữ liệu (render_failed) hoặc lỗi không mong đợi",
    502: "LibreOffice không tạo được PDF",
    503: "Chưa cài LibreOffice: không tạo được PDF (DOCX vẫn được)",
    504: "Chuyển sang PDF quá thời gian",
}


def error_statuses(path: str, method: str, operation: dict[str, Any]) -> set[int]:
    """The error statuses an operation can answer, from what it takes and what it makes."""
    statuses = {500}
    if "requestBody" in operation or method in ("post", "put", "patch"):
        statuses |= {400, 413, 415, 422}
    if "{" in path or "/documents/" in path:
        statuses.add(404)
    if any(p.get("in") == "query" for p in operation.get("parameters", [])):
        statuses.add(422)
    if path.startswith("/api/v1/templates"):
        statuses.add(401)
        if method == "post" and not path.endswith("/validate"):
            statuses.add(409)  # a confirmation needed, or a concurrent change
            if not path.endswith("/validate"):
                statuses.add(403)  # an account without the can_bo_mau role
    if path.startswith(("/api/v1/documents", "/api/v1/rounds")):
        statuses.add(401)  # when DOCGEN_REQUIRE_AUTH_FOR_DOCUMENTS is true
    if any(
        "application/pdf" in (answer.get("content") or {})
        for answer in operation.get("responses", {}).values()
        if isinstance(answer, dict)
    ) and not path.endswith(".pdf"):
        statuses |= {502, 503, 504}
    return statuses


def _multipart(operation: dict[str, Any]) -> None:
    """flask-smorest writes form fields next to a file upload as OpenAPI 2 `formData`
    parameters: move them into the multipart body, where OpenAPI 3 wants them."""
    form = [p for p in operation.get("parameters", []) if p.get("in") == "formData"]
    if not form:
        return
    operation["parameters"] = [p for p in operation["parameters"] if p.get("in") != "formData"]
    content = operation.setdefault("requestBody", {"required": True}).setdefault("content", {})
    media = content.setdefault("multipart/form-data", {"schema": {"type": "object"}})
    schema = media.setdefault("schema", {"type": "object"})
    if "$ref" in schema:
        schema = media["schema"] = {"allOf": [schema], "type": "object"}
    properties = schema.setdefault("properties", {})
    for parameter in form:
        properties[parameter["name"]] = {
            **parameter.get("schema", {}),
            **({"description": parameter["description"]} if "description" in parameter else {}),
        }
        if parameter.get("required"):
            schema.setdefault("required", []).append(parameter["name"])


class TruthfulContract(BasePlugin):
    """apispec plugin: each operation's answers, and each schema's rules across its fields."""

    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **_: Any
    ) -> None:
        operations = operations if operations is not None else {}
        for method, operation in list(operations.items()):
            if not isinstance(operation, dict):
                continue
            if operation.pop("hide", False):
                # A route that only explains a 404 (an unknown document type): not an operation.
                del operations[method]
                continue
            _multipart(operation)
            responses = {str(k): v for k, v in operation.get("responses", {}).items()}
            operation["responses"] = responses
            responses.pop("default", None)
            answer = JSON_ANSWERS.get(path or "")
            for suffix, mimetype in _FILES.items():
                if (path or "").endswith(suffix) and method == "get":
                    entry = responses.setdefault("200", {"description": "OK"})
                    entry["content"] = {
                        mimetype: {"schema": {"type": "string", "format": "binary"}}
                    }
            if answer is not None:
                status, schema = answer
                entry = responses.setdefault(str(status), {"description": "OK"})
                entry.setdefault("content", {})["application/json"] = {
                    "schema": {"$ref": f"{_REF}{schema}"}
                }
                for other in [k for k in responses if k.startswith("2") and k != str(status)]:
                    responses.pop(other)
            for status in error_statuses(path or "", method, operation):
                entry = responses.setdefault(str(status), {})
                if not isinstance(entry, dict):  # flask-smorest's stock answer, by name
                    entry = responses[str(status)] = {}
                entry.pop("$ref", None)
                entry.setdefault("description", _MESSAGES.get(status, "Lỗi"))
                entry["content"] = {"application/json": {"schema": {"$ref": f"{_REF}DocgenError"}}}
            for code, declared in responses.items():
                # An error a view declares by hand is answered in the one error shape too.
                if int(code) >= 400 and isinstance(declared, dict) and not declared.get("content"):
                    declared.pop("$ref", None)
                    declared.setdefault("description", _MESSAGES.get(int(code), "Lỗi"))
                    declared["content"] = {
                        "application/json": {"schema": {"$ref": f"{_REF}DocgenError"}}
                    }

    def schema_helper(self, name: str, definition: dict[str, Any], **kwargs: Any) -> Any:
        """A schema's rules across fields (its @validates_schema methods), described."""
        schema = kwargs.get("schema")
        if schema is None:
            return None
        cls = schema if isinstance(schema, type) else type(schema)
        rules = []
        for attr in sorted(dir(cls)):
            method = getattr(cls, attr, None)
            hooks = getattr(method, "__marshmallow_hook__", None) or {}
            tags = {key[0] if isinstance(key, tuple) else key for key in hooks}
            declared = getattr(cls, "_declared_fields", {})
            if attr == "term_in_order" and "term_start" not in declared:
                continue  # Base's rule, for the schemas that carry a term
            if "validates_schema" in tags and method.__doc__:
                rules.append(" ".join(method.__doc__.split()))
        return {"x-cross-field-rules": rules} if rules else None


class DocgenApi(Api):
    """flask-smorest's Api with docgen's error shape and no catch-all `default` answer."""

    DEFAULT_ERROR_RESPONSE_NAME = None

    def __init__(self, app: Flask) -> None:
        super().__init__(app, spec_kwargs={"extra_plugins": [TruthfulContract()]})
        for name, schema in COMPONENTS.items():
            self.spec.components.schema(name, schema)

    def register_blueprint(self, blp: Any, **options: Any) -> None:
        """Register, then drop the paths left with no operation (their only one was hidden)."""
        super().register_blueprint(blp, **options)
        paths = self.spec._paths
        for path in [p for p, item in paths.items() if not set(item) - {"parameters"}]:
            del paths[path]

    def _register_responses(self) -> None:
        """Every status's stock answer carries docgen's error shape, not flask-smorest's."""
        import http

        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if status >= 400:
                response["content"] = {
                    "application/json": {"schema": {"$ref": f"{_REF}DocgenError"}}
                }
            self.spec.components.response(status.name, response, lazy=True)
