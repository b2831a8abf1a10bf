"""The workspace's pages: drafts saved while the clerk types, reopened, duplicated; issuing and the
register for the văn thư. It translates form posts for the drafts and register use cases.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from docgen import auth, forms, typed
from docgen.accounts import Account
from docgen.drafts import OFFICE_ZONE, ROUND, DraftInfo, today
from docgen.errors import DocgenError, Forbidden, InvalidData, NotFound, Unauthorized
from docgen.workspace import Workspace

bp = Blueprint("workspace", __name__)
# Fields of a form post that are the page's machinery, not the document's data.
NOT_DATA = {"csrf_token", "action", "warnings_seen", "page", "draft_id", "json_file", "sheet_file"}


def workspace() -> Workspace:
    """The app's workspace use cases."""
    return current_app.extensions["docgen.workspace"]


def caller() -> Account | None:
    """The signed-in staff member of this browser, else None (the installation)."""
    return auth.session_account()


def page_url(draft: DraftInfo) -> str:
    """The form page of a draft, which the page fills with the draft's data."""
    if draft.type_id == ROUND:
        return url_for("web.round_", draft=draft.id)
    return url_for("web.document", type_id=draft.type_id, draft=draft.id)


def _page(key: str) -> Any:
    from docgen import web

    return web.round_page() if key == ROUND else web.document_page(key)


def restored(page_key: str) -> dict[str, Any] | None:
    """The data of the draft named in ?draft= for this page, or None (the form then starts empty)."""
    draft_id = request.args.get("draft")
    if not draft_id:
        return None
    draft = workspace().drafts.get(draft_id, caller())
    if draft.type_id != page_key:
        return None
    return draft.data


def office_time(moment: dt.datetime) -> dt.datetime:
    """A stored moment in the office's time (SQLite gives it back without its zone: UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(OFFICE_ZONE)


@bp.app_context_processor
def _home_lists() -> dict[str, Any]:
    def workspace_home() -> dict[str, Any]:
        account = caller()
        drafts = workspace().drafts.list(account)
        return {
            "account": account,
            "drafts": [d for d in drafts if d.issued_at is None],
            "issued": list(reversed(workspace().register.entries()))[:20],
            "can_issue": account is not None and account.has("van_thu"),
            "page_url": page_url,
            "today": today().strftime("%d/%m/%Y"),
            "local": office_time,
        }

    return {"workspace_home": workspace_home}


@bp.post("/drafts/autosave")
def autosave() -> Response:
    """The form as it stands, kept as the page's draft (created on the first save)."""
    page = _page(request.form.get("page", ""))
    items = [(k, v) for k, v in request.form.items(multi=True) if k not in NOT_DATA]
    data = forms.form_to_data(page.form, items)
    drafts = workspace().drafts
    draft_id = request.form.get("draft_id", "")
    try:
        draft = drafts.update(draft_id, caller(), data=data)
    except NotFound:
        # A new draft, under the id the page chose (it names it in its address before posting).
        draft = drafts.create(page.key, data, None, caller(), draft_id=draft_id or None)
    return jsonify(
        {
            "id": draft.id,
            "url": page_url(draft),
            "updated_at": draft.updated_at.isoformat(),
            "errors": len(draft.errors),
        }
    )


@bp.get("/drafts/<draft_id>")
def open_draft(draft_id: str) -> Response:
    """Reopen a draft on its form page."""
    return redirect(page_url(workspace().drafts.get(draft_id, caller())))  # type: ignore[return-value]


@bp.post("/drafts/<draft_id>/duplicate")
def duplicate(draft_id: str) -> Response:
    """A copy of the draft, opened on its page (the next round from the last one)."""
    copy = workspace().drafts.duplicate(draft_id, caller())
    return redirect(page_url(copy))  # type: ignore[return-value]


@bp.post("/drafts/<draft_id>/delete")
def delete(draft_id: str) -> Response:
    """Delete a draft that was not issued."""
    workspace().drafts.delete(draft_id, caller())
    flash("Đã xóa dự thảo.")
    return redirect(url_for("web.index"))  # type: ignore[return-value]


@bp.post("/drafts/<draft_id>/issue")
def issue(draft_id: str) -> Any:
    """The văn thư issues a draft: numbers, date, the register; its errors if it is not ready."""
    from docgen import web

    raw_date = request.form.get("date", "").strip()
    try:
        when = typed.parse_date(raw_date) if raw_date else None
    except ValueError as error:
        flash(f"Ngày ban hành: {error}")
        return redirect(url_for("web.index"))
    try:
        entries = workspace().register.issue(draft_id, caller(), when)
    except InvalidData as error:
        draft = workspace().drafts.get(draft_id, caller())
        notice = "Chưa cấp số: dự thảo còn lỗi. Sửa các trường được đánh dấu rồi ban hành lại."
        html, _ = web._render(
            _page(draft.type_id), web.Outcome(draft.data, errors=error.fields, notices=[notice])
        )
        return html, 422
    except (Forbidden, Unauthorized) as error:
        flash(error.message)
        return redirect(url_for("staff.login", next=url_for("web.index")))
    numbers = ", ".join(e.number_symbol for e in entries)
    flash(f"Đã cấp số và vào sổ: {numbers}.")
    return redirect(url_for("workspace.register_page", year=entries[0].year))


@bp.get("/register")
def register_page() -> str:
    """Sổ đăng ký văn bản đi: filter by year and issuing body, download, export, cancel."""
    register = workspace().register
    years = register.years()
    year = request.args.get("year", type=int) or (years[0] if years else dt.date.today().year)
    issuer = request.args.get("issuer") or None
    account = caller()
    return render_template(
        "workspace/register.html",
        entries=register.entries(year=year, issuer=issuer),
        years=years,
        year=year,
        issuers=register.issuers(),
        issuer=issuer or "",
        can_cancel=account is not None and account.has("van_thu"),
    )


@bp.post("/register/<int:entry_id>/cancel")
def cancel(entry_id: int) -> Response:
    """Cancel an issued document, keeping its line and number, with the reason."""
    entry = workspace().register.get(entry_id)
    try:
        done = workspace().register.cancel(entry_id, caller(), request.form.get("reason", ""))
        flash(f"Đã thu hồi, hủy văn bản {done.number_symbol}.")
    except DocgenError as error:
        flash(error.message)
    return redirect(url_for("workspace.register_page", year=entry.year))  # type: ignore[return-value]
