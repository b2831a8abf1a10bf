"""Who is asking: staff signed in with a session cookie, or systems with `Bearer` API tokens."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, redirect, request, session, url_for

from docgen.accounts import Account, Accounts
from docgen.errors import Forbidden, Unauthorized

F = TypeVar("F", bound=Callable[..., Any])
SESSION_KEY = "staff_user_id"


def accounts() -> Accounts:
    """The app's account store."""
    return current_app.extensions["docgen.accounts"]


def bearer_account() -> Account | None:
    """The account whose token is in `Authorization: Bearer <token>`, else None."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return accounts().by_token(token.strip())


def session_account() -> Account | None:
    """The signed-in staff member, else None."""
    user_id = session.get(SESSION_KEY)
    return accounts().by_id(user_id) if isinstance(user_id, int) else None


def caller() -> Account | None:
    """Who asks: the account of a Bearer token, else the signed-in session's, else None.

    A token that is sent but not valid is refused (401), not taken as anonymous.
    """
    if request.headers.get("Authorization"):
        return require_token()
    return session_account()


def require_token() -> Account:
    """The API caller's account; Unauthorized (401) without a valid token."""
    account = bearer_account()
    if account is None:
        if request.headers.get("Authorization"):
            raise Unauthorized("Mã truy cập (token) không hợp lệ.")
        raise Unauthorized(
            "Cần đăng nhập: gửi header “Authorization: Bearer <token>” "
            "(người quản trị cấp token bằng lệnh `docgen users token`)."
        )
    return account


TEMPLATE_ROLE = "can_bo_mau"


def require_template_role(account: Account) -> None:
    """Only a cán bộ mẫu changes the office's templates; Forbidden (403) for anyone else."""
    if not account.has(TEMPLATE_ROLE):
        raise Forbidden(
            "Chỉ cán bộ mẫu được thay đổi mẫu văn bản (tải lên, dùng lại phiên bản cũ). "
            "Người quản trị cấp quyền bằng lệnh `docgen users grant TÊN --role can_bo_mau`."
        )


def sign_in(account: Account) -> None:
    """Start a staff session (a fresh one: no fixation)."""
    session.clear()
    session[SESSION_KEY] = account.id
    session.permanent = True


def sign_out() -> None:
    """End the staff session."""
    session.clear()


def login_required(view: F) -> F:
    """Pages for staff: a visitor who is not signed in goes to the sign-in page."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if session_account() is None:
            return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def init_app(app: Flask) -> None:
    """Optionally close document generation and the clerk pages to anonymous callers."""

    @app.before_request
    def _documents_need_auth() -> Any:
        if not app.config.get("REQUIRE_AUTH_FOR_DOCUMENTS"):
            return None
        blueprint = request.blueprint or ""
        if blueprint == "api":
            if session_account() is None:
                require_token()
        elif blueprint == "web" and session_account() is None:
            return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
        return None
