"""schemathesis over every operation of the published OpenAPI document, with every check.

Runs in-process against the Flask app (WSGI), a bounded number of examples per operation
(FUZZ_EXAMPLES, default 25; schemathesis' coverage phase is off). Operations that can produce PDF are asked for DOCX/ZIP instead:
a PDF case would start LibreOffice for each example (PDF is covered by test_api and
test_round_doors). Valid-by-schema data may still be refused with 422 by the rules across
fields that JSON Schema cannot express (they are described in `x-cross-field-rules`); 400,
401, 404 and 409 are the other answers a well-formed request can get (a file that is not a
DOCX, a type or version that does not exist, a template needing confirmation).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.transport.serialization import serialize_binary

from docgen import create_app

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@schemathesis.serializer(DOCX)
def _docx_body(_ctx, value):
    """The raw DOCX body of POST /check: whatever bytes were generated."""
    return {"data": serialize_binary(value)}


CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "401", "404", "409", "422"]
            },
        },
        "generation": {"max-examples": EXAMPLES},
        # The coverage phase's boundary cases are unbounded by max-examples (about 1,200 per
        # round operation): off, so that the run stays within a few minutes of CPU.
        "phases": {"coverage": {"enabled": False}},
    }
)


def _app():
    import tempfile

    instance = tempfile.mkdtemp(prefix="docgen-fuzz-")
    app = create_app({"TESTING": True, "INSTANCE_PATH": instance})
    accounts = app.extensions["docgen.accounts"]
    accounts.add("fuzz", "mat-khau-dai", ["can_bo_mau"])
    app.config["FUZZ_TOKEN"] = accounts.new_token("fuzz")
    # No PDF preview of uploaded templates: a valid DOCX is rare here, LibreOffice is slow.
    admin = app.extensions["docgen.templates"]
    type(admin)._to_pdf = lambda self: None  # type: ignore[method-assign]
    return app


APP = _app()
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", APP, config=CONFIG)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api(case):
    if case.query and case.query.get("format") in ("pdf", "pdfa"):
        case.query["format"] = "zip" if case.path.startswith("/api/v1/rounds") else "docx"
    headers = {}
    if case.path.startswith("/api/v1/templates"):
        headers["Authorization"] = f"Bearer {APP.config['FUZZ_TOKEN']}"
    response = case.call_and_validate(headers=headers)
    if os.environ.get("FUZZ_LOG"):  # one line per case, for counting what was sent
        with open(os.environ["FUZZ_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{case.method} {case.path} {response.status_code}\n")


pytestmark = pytest.mark.fuzz
