"""schemas/ holds what other systems integrate from: it must equal what the live app declares."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, ROOT

from docgen import contracts, documents

SCHEMAS = ROOT / "schemas"


def test_committed_contracts_match_the_live_schemas(app):
    live = contracts.contracts(app)
    committed = {p.name for p in SCHEMAS.glob("*.json")}
    assert committed == set(live), "run `make schemas` and commit schemas/"
    for name, content in live.items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == contracts.dump(content), (
            f"schemas/{name} is stale: run `make schemas`"
        )


@pytest.mark.parametrize("type_id", list(documents.REGISTRY))
def test_fixtures_validate_against_the_json_schema(type_id):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMAS / f"{type_id}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in FIXTURES.glob(f"{type_id}*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        errors = list(validator.iter_errors(data))
        assert not errors, (path.name, [e.message for e in errors])


@pytest.mark.parametrize("type_id", list(documents.REGISTRY))
def test_json_schema_refuses_unknown_fields_like_the_api(type_id):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMAS / f"{type_id}.schema.json").read_text(encoding="utf-8"))
    data = json.loads((FIXTURES / f"{type_id}.json").read_text(encoding="utf-8"))
    data["not_a_field"] = 1
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))
