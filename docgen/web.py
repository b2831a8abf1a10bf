"""The clerks' door: HTML forms generated from the schemas, file uploads, downloads and preview.

It translates, nothing else: form fields become the JSON the API takes, the service (and the
round's functions) decide, and their answers become a page, a download or an error shown next to
the field it concerns.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    render_template,
    request,
    send_file,
    url_for,
)
from marshmallow import Schema, ValidationError

from docgen import documents, forms, jobs, previews, sheet_samples, sheets
from docgen.errors import DocgenError, InvalidData
from docgen.naming import content_disposition, safe_filename
from docgen.schemas.round import RoundSchema
from docgen.service import MIMETYPES, DocumentService, GeneratedFile

bp = Blueprint("web", __name__)

ROUND_TITLE = "Đợt tiếp xúc cử tri"
ROUND_DESCRIPTION = (
    "Trọn bộ văn bản của một đợt: báo cáo tổng hợp ý kiến, kiến nghị của cử tri và các công văn "
    "chuyển đến cơ quan có thẩm quyền; nạp ý kiến từ bảng tính Excel hoặc CSV."
)
JSON_SUFFIXES = (".json",)
JOB_HEADER = "X-Docgen-Job"  # set by the page's script: answer with a job to poll


@dataclass(frozen=True)
class Page:
    """One form page: what it is called, the schema behind it, the buttons it offers."""

    key: str  # the document type id, or "round"
    title: str
    description: str
    schema: type[Schema]
    downloads: tuple[tuple[str, str], ...]  # (action, button text)

    @property
    def form(self) -> forms.FormField:
        """The form tree, built from the schema each time: the page follows the schema."""
        return forms.build_form(self.schema)

    @property
    def sheet_lists(self) -> tuple[str, ...]:
        """The top-level lists a spreadsheet can fill (petitions, meetings)."""
        return tuple(
            c.name
            for c in self.form.children
            if c.kind == "list" and c.item.kind == "group" and c.name in sheets.SHEETS
        )


@dataclass
class Outcome:
    """What a form post leads to: the data to show again, and what to tell the clerk."""

    data: dict[str, Any]
    errors: dict[str, list[str]] = field(default_factory=dict)
    message: str = ""
    notices: list[str] = field(default_factory=list)  # upload problems, by row and column
    warnings: list[str] = field(default_factory=list)
    preview_url: str = ""
    sheet_rows: dict[str, int] = field(default_factory=dict)  # item path → its row in the sheet
    produces: list[str] = field(default_factory=list)  # what a round download will make

    @property
    def warnings_digest(self) -> str:
        """Names the warnings and the summary shown, so a download can tell they were seen."""
        return _digest(self.warnings + self.produces)


def _digest(warnings: list[str]) -> str:
    return hashlib.sha256("\n".join(warnings).encode()).hexdigest()[:16] if warnings else ""


def service() -> DocumentService:
    """The app's document service."""
    return current_app.extensions["docgen"]


@dataclass(frozen=True)
class Download:
    """A file to send back: one document, or a round's bundle."""

    content: bytes
    filename: str
    mimetype: str


def rounds_module() -> ModuleType | None:
    """docgen.round_output (the round's documents, built on docgen.rounds) when this build has it."""
    try:
        return importlib.import_module("docgen.round_output")
    except ImportError:
        return None


def document_page(type_id: str) -> Page:
    """The page of a registered document type (NotFound for any other id)."""
    doc = documents.get(type_id)
    return Page(
        doc.id, doc.title, doc.description, doc.schema, (("docx", "Tải DOCX"), ("pdf", "Tải PDF"))
    )


def round_page() -> Page:
    """The page of a whole round."""
    return Page(
        "round",
        ROUND_TITLE,
        ROUND_DESCRIPTION,
        RoundSchema,
        (("zip", "Tải trọn bộ (ZIP)"), ("pdf", "Tải một tệp PDF để in")),
    )


@bp.get("/")
def index() -> str:
    """The documents docgen offers, and the round."""
    return render_template(
        "index.html",
        types=list(documents.REGISTRY.values()),
        round_title=ROUND_TITLE,
        round_description=ROUND_DESCRIPTION,
    )


@bp.route("/documents/<type_id>", methods=["GET", "POST"])
def document(type_id: str) -> Any:
    """A document type's form; on post, check, preview or download."""
    return _form_page(document_page(type_id))


@bp.route("/round", methods=["GET", "POST"])
def round_() -> Any:
    """The round's form; on post, check (with the deadline and coverage warnings) or download."""
    return _form_page(round_page())


def _form_page(page: Page) -> Any:
    """GET: the empty form. POST: load a file, or check, preview or download."""
    if request.method == "GET":
        from docgen.web_workspace import restored

        draft = restored(page.key)  # ?draft=<id>: the saved draft, as the clerk left it
        if draft is not None:
            return _render(page, Outcome(draft))
        return _render(page, Outcome({}), fresh=True)
    action = request.form.get("action", "check")
    data, typed = forms.read_form(page.form, request.form.items())
    rows = posted_sheet_rows(request.form.items())
    if request.headers.get(JOB_HEADER) == "1" and action in _job_actions(page):
        return _start_job(page, data, typed, action)
    if action == "load_json":
        outcome = _load_json(page, data)
    elif action == "load_sheet":
        outcome = _load_sheet(page, data)
    else:
        outcome, produced = _submit(page, data, action, typed)
        outcome.sheet_rows = {**rows, **outcome.sheet_rows}
        if produced is not None:
            return _download(produced)
    return _render(page, outcome)


def _job_actions(page: Page) -> set[str]:
    """The actions a page may run as a job it polls: previews, and the round's downloads."""
    return {"preview", *(dict(page.downloads) if page.key == "round" else {})}


def _start_job(
    page: Page, data: dict[str, Any], typed: dict[str, list[str]], action: str
) -> Response:
    """Start making the file in the background; JSON with where to poll and fetch it.

    Anything the clerk must see first (errors, warnings, what a round makes) answers
    {"resubmit": true}: the page then posts the plain form and shows it.
    """
    again = jsonify(resubmit=True)
    if typed:
        return again
    try:
        loaded = _validate(page, data)
    except DocgenError:
        return again
    total = 1
    if page.key == "round":
        warnings, produces = _round_warnings(loaded), _round_produces(loaded)
        seen = request.form.get("warnings_seen") == _digest(warnings + produces)
        if produces and action != "preview" and not seen:
            return again
        module = rounds_module()
        total = len(module.check_round(loaded, service())["planned"]) if module else 1
    svc = service()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    wanted = "pdf" if action == "preview" else action

    def work(progress: jobs.Progress) -> jobs.Result:
        with app.app_context():
            made = _produce(page, loaded, wanted, svc, progress)
        return jobs.Result(made.content, made.filename, made.mimetype)

    token = jobs.start(Path(app.instance_path), work, total=total, label=page.key)
    return jsonify(
        status=url_for("web.job", token=token),
        file=url_for("web.job_file", token=token),
        total=total,
    )


@bp.get("/jobs/<token>")
def job(token: str) -> Response:
    """A job's progress: state (running, done, failed), done, total, message."""
    state = jobs.status(Path(current_app.instance_path), token)
    if state is None:
        abort(404)
    return jsonify({k: state[k] for k in ("state", "done", "total", "message") if k in state})


@bp.get("/jobs/<token>/file")
def job_file(token: str) -> Response:
    """A finished job's file: shown in the browser with ?xem=1 (a PDF preview), else downloaded."""
    found = jobs.result_file(Path(current_app.instance_path), token)
    if found is None:
        abort(404)
    path, state = found
    response = send_file(path, mimetype=state["mimetype"], max_age=0)
    disposition = content_disposition(state["filename"])
    if request.args.get("xem") == "1":
        disposition = disposition.replace("attachment", "inline", 1)
    response.headers["Content-Disposition"] = disposition
    return response


def posted_sheet_rows(items: Any) -> dict[str, int]:
    """The sheet row each table row came from (hidden ``petitions.3.__row__`` inputs)."""
    out = {}
    for name, value in items:
        if name.endswith(".__row__") and str(value).isdigit():
            out[name[: -len(".__row__")]] = int(value)
    return out


def merge_errors(typed: dict[str, list[str]], schema: dict[str, list[str]]) -> dict[str, list[str]]:
    """What could not be read as typed, then the schema's errors on everything else."""
    kept = {
        path: messages
        for path, messages in schema.items()
        if not any(path == t or path.startswith(t + ".") for t in typed)
    }
    return {**typed, **kept}


def form_again(notice: str) -> tuple[str, int] | None:
    """The posted form page re-rendered as typed with a notice, for a refused post (CSRF).

    None when the request is not a post of one of these forms.
    """
    if request.method != "POST" or request.endpoint not in ("web.document", "web.round_"):
        return None
    try:
        if request.endpoint == "web.round_":
            page = round_page()
        else:
            page = document_page(str((request.view_args or {}).get("type_id", "")))
    except DocgenError:  # an unknown type: the plain error page says what went wrong
        return None
    data = forms.form_to_data(page.form, request.form.items())
    html, _ = _render(page, Outcome(data, notices=[notice]))
    return html, 400


def _render(page: Page, outcome: Outcome, *, fresh: bool = False) -> tuple[str, int]:
    """The form page with the outcome's data, errors at their fields, messages and preview."""
    form = page.form
    outcome.errors = forms.plain_errors(form, outcome.errors)
    empty = forms.bind(form, outcome.data)
    placed, unplaced = forms.place_errors(outcome.errors, forms.paths(empty))
    bound = forms.bind(form, outcome.data, placed)
    summary = [
        (forms.input_id(_shown(path, placed)), _label(form, path, outcome.sheet_rows), message)
        for path, messages in outcome.errors.items()
        for message in messages
    ]
    html = render_template(
        "form.html",
        page=page,
        form=bound,
        summary=summary,
        unplaced=unplaced,
        outcome=outcome,
        fresh=fresh,
        sheet_lists=[(name, form.child(name)) for name in page.sheet_lists],
        sheet_rows=outcome.sheet_rows,
        samples=sheet_samples.VARIANTS,
    )
    # The page itself loads fine: a 4xx status would only put an error in the browser's console.
    return html, 200


def _label(form: forms.FormField, path: str, sheet_rows: dict[str, int]) -> str:
    """The clerk's name for a path, with the sheet's row number when its row came from a sheet."""
    label = forms.label_of(form, path)
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        row = sheet_rows.get(".".join(parts[:end]))
        if row:
            head, sep, tail = label.partition(" › ")
            return f"{head} (dòng {row} trong bảng tính){sep}{tail}"
    return label


def _shown(path: str, placed: dict[str, list[str]]) -> str:
    """The path whose element shows this error (itself or its nearest shown ancestor)."""
    while path and path not in placed:
        path = path.rpartition(".")[0]
    return path


def _validate(page: Page, data: dict[str, Any]) -> dict[str, Any]:
    """The data loaded by the page's schema; InvalidData names every bad field."""
    if page.key != "round":
        return service().validate(page.key, data)
    try:
        loaded: dict[str, Any] = page.schema().load(data)
    except ValidationError as exc:
        raise InvalidData.from_messages(exc.messages) from exc
    return loaded


def _submit(
    page: Page, data: dict[str, Any], action: str, typed: dict[str, list[str]] | None = None
) -> tuple[Outcome, Download | None]:
    """Validate; then check, preview or produce the download."""
    typed = typed or {}
    try:
        loaded = _validate(page, data)
        if typed:
            raise InvalidData.from_messages({})
        warnings = _round_warnings(loaded) if page.key == "round" else []
        produces = _round_produces(loaded) if page.key == "round" else []
        if action in dict(page.downloads):
            if produces and request.form.get("warnings_seen") != _digest(warnings + produces):
                # What will be made, and the deadline and coverage warnings, come first, once.
                message = (
                    "Xem lại những văn bản sẽ tạo"
                    + (f" và {len(warnings)} điểm cần lưu ý" if warnings else "")
                    + ", sửa nếu cần, rồi bấm lại nút tải."
                )
                outcome = Outcome(data, message=message, warnings=warnings, produces=produces)
                return outcome, None
            return Outcome(data), _produce(page, loaded, action)
        if action == "preview":
            preview = _produce(page, loaded, "pdf")
            return Outcome(
                data,
                message="Dữ liệu hợp lệ. Bản xem trước ở cuối trang.",
                warnings=warnings,
                preview_url=url_for(
                    "web.preview",
                    token=previews.store(Path(current_app.instance_path), preview.content),
                ),
            ), None
        outcome = Outcome(
            data, message=_checked_message(warnings), warnings=warnings, produces=produces
        )
        return outcome, None
    except InvalidData as error:
        return Outcome(data, errors=merge_errors(typed, error.fields)), None
    except DocgenError as error:
        return Outcome(data, message="", notices=[error.message]), None


def _checked_message(warnings: list[str]) -> str:
    if warnings:
        return f"Dữ liệu hợp lệ, có {len(warnings)} điểm cần lưu ý trước khi tải về."
    return "Dữ liệu hợp lệ: có thể tải văn bản."


def _round_produces(loaded: dict[str, Any]) -> list[str]:
    """What a round download makes, one line per kind of document (with the letters' recipients)."""
    module = rounds_module()
    if module is None:
        return []
    planned = module.check_round(loaded, service()).get("planned", [])
    lines = []
    for doc in documents.REGISTRY.values():
        jobs = [job for job in planned if job.get("type") == doc.id]
        if not jobs:
            continue
        line = f"{len(jobs):02d} {doc.title[0].lower()}{doc.title[1:]}"
        if doc.id == "cong_van_chuyen":
            line += ": gửi " + "; ".join(
                f"{job['for']} ({len(job.get('petitions', []))} ý kiến)" for job in jobs
            )
        elif doc.id == "bien_ban_tiep_xuc":
            line += ": " + "; ".join(str(job["for"]) for job in jobs)
        lines.append(line)
    total = len(planned)
    return [f"Tổng cộng {total:02d} văn bản.", *lines] if lines else []


def _round_warnings(loaded: dict[str, Any]) -> list[str]:
    """The round's deadline and coverage warnings, as sentences."""
    module = rounds_module()
    if module is None:
        return []
    checked = module.check_round(loaded, service())
    return [str(w.get("message", w)) for w in checked.get("warnings", [])]


def _produce(
    page: Page,
    loaded: dict[str, Any],
    action: str,
    svc: DocumentService | None = None,
    progress: jobs.Progress | None = None,
) -> Download:
    """The file a download button asks for; progress(done, total) hears of each document."""
    svc = svc or service()
    if page.key != "round":
        made: GeneratedFile = svc.generate(page.key, loaded, action)
        if progress is not None:
            progress(1, 1)
        return Download(made.content, made.filename, made.mimetype)
    module = rounds_module()
    if module is None:
        error = DocgenError("Máy chủ này chưa có chức năng tạo trọn bộ văn bản của đợt.")
        error.status = 503
        raise error
    fmt = "pdf" if action == "pdf" else "docx"
    output = module.generate_round(svc, loaded, fmt, progress)
    stem = safe_filename(output.plan.title)
    if action == "pdf":
        pdf = module.merged_pdf(output, author=svc.settings.pdf_author)
        return Download(pdf, f"{stem}.pdf", MIMETYPES["pdf"])
    return Download(module.zip_bundle(output), f"{stem}.zip", "application/zip")


def _download(produced: Download) -> Response:
    response = Response(produced.content, mimetype=produced.mimetype)
    response.headers["Content-Disposition"] = content_disposition(produced.filename)
    return response


def _uploaded(name: str) -> tuple[str, bytes] | None:
    upload = request.files.get(name)
    if upload is None or not upload.filename:
        return None
    return upload.filename, upload.read()


def _load_json(page: Page, current: dict[str, Any]) -> Outcome:
    """Fill the form from an uploaded JSON file of the page's data, and say what is wrong."""
    upload = _uploaded("json_file")
    if upload is None:
        return Outcome(current, notices=["Chưa chọn tệp JSON."])
    filename, content = upload
    if not filename.lower().endswith(JSON_SUFFIXES):
        return Outcome(current, notices=[f"“{filename}” không phải tệp .json."])
    try:
        raw = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Outcome(current, notices=[f"“{filename}”: tệp không ở mã UTF-8."])
    except json.JSONDecodeError as exc:
        notice = f"“{filename}” không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno})."
        return Outcome(current, notices=[notice])
    if not isinstance(raw, dict):
        return Outcome(current, notices=[f"“{filename}”: dữ liệu phải là một đối tượng JSON."])
    outcome, _ = _submit(page, raw, "check")
    outcome.message = f"Đã nạp dữ liệu từ “{filename}”. " + (
        "Sửa các trường được đánh dấu." if outcome.errors else outcome.message
    )
    return outcome


def _load_sheet(page: Page, current: dict[str, Any]) -> Outcome:
    """Fill the petitions or meetings from an uploaded spreadsheet (XLSX or CSV)."""
    upload = _uploaded("sheet_file")
    if upload is None:
        return Outcome(current, notices=["Chưa chọn tệp bảng tính."])
    filename, content = upload
    form = page.form
    targets = {}
    for name in page.sheet_lists:
        node = form.child(name)
        if node is not None:
            targets[name] = page.schema().fields[name].inner.schema  # type: ignore[attr-defined]
    try:
        result = sheets.read_sheet(filename, content, targets)
    except sheets.SheetError as error:
        return Outcome(current, notices=[error.message])
    if not result.lists:
        return Outcome(current, notices=list(result.problems))
    data = {**current, **result.lists}
    rows = {
        f"{name}.{index}": number
        for name, numbers in result.rows.items()
        for index, number in enumerate(numbers)
    }
    counts = ", ".join(
        f"{len(items)} {form.child(name).item.label.lower()}"  # type: ignore[union-attr]
        for name, items in result.lists.items()
    )
    message = f"Đã nạp {counts} từ “{filename}”."
    if result.cells:
        message += f" Có {len(result.cells)} ô cần sửa, đánh dấu đỏ trong bảng."
    outcome = Outcome(data, errors=dict(result.cells), message=message, sheet_rows=rows)
    listed = {m for messages in result.cells.values() for m in messages}
    outcome.notices = [p for p in result.problems if not any(p.endswith(m) for m in listed)]
    return outcome


@bp.get("/previews/<token>.pdf")
def preview(token: str) -> Response:
    """A stored preview, shown inline."""
    path = previews.find(Path(current_app.instance_path), token)
    if path is None:
        abort(404)
    return send_file(path, mimetype="application/pdf", max_age=0)


@bp.get("/sheets/<kind>.<ext>")
def sample_sheet(kind: str, ext: str) -> Response:
    """A sample spreadsheet whose header row is the schema's Vietnamese labels."""
    if kind not in sheets.SHEETS or ext not in ("xlsx", "csv"):
        abort(404)
    variant = request.args.get("cho", sheet_samples.DEFAULT_VARIANT)
    if variant not in sheet_samples.VARIANTS:
        abort(404)
    fixtures = current_app.config.get("FIXTURES_DIR", "")
    content, mimetype = sheet_samples.sample(kind, ext, fixtures, variant)
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = content_disposition(
        f"{sheet_samples.SAMPLE_NAMES[kind]}-{variant}.{ext}"
    )
    return response
