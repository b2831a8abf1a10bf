"""Staff accounts and API tokens: passwords hashed by werkzeug, tokens kept as their sha256."""

from __future__ import annotations

import functools
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from werkzeug.security import check_password_hash, generate_password_hash

from docgen.errors import Conflict, InvalidData, NotFound
from docgen.models import ROLES, UserRole
from docgen.store import ApiToken, User, now, sha256

MIN_PASSWORD = 8


@dataclass(frozen=True)
class Account:
    """A signed-in staff member, as the doors see them."""

    id: int
    name: str
    roles: frozenset[str] = frozenset()

    def has(self, role: str) -> bool:
        """True when the account holds this role."""
        return role in self.roles


class Accounts:
    """Creates accounts and tokens; checks passwords and tokens."""

    def __init__(self, engine: Engine) -> None:
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def add(self, name: str, password: str | None, roles: Iterable[str] = ()) -> Account:
        """A new account with its roles; without a password it can only use API tokens."""
        name = name.strip()
        if not name:
            raise InvalidData("Tên tài khoản không được để trống.", fields={"name": ["Trống."]})
        roles = _check_roles(roles)
        if password is not None:
            _check_password(password)
        user = User(
            name=name,
            password_hash=generate_password_hash(password) if password else None,
            created_at=now(),
        )
        try:
            with self._sessions() as session, session.begin():
                session.add(user)
                session.flush()
                session.add_all(UserRole(user_id=user.id, role=role) for role in roles)
                return Account(user.id, user.name, frozenset(roles))
        except IntegrityError as exc:
            raise Conflict(f"Tài khoản “{name}” đã có.") from exc

    def new_token(self, name: str) -> str:
        """A new API token for the account; only its sha256 is kept, so show it now or never."""
        token = secrets.token_urlsafe(32)
        with self._sessions() as session, session.begin():
            user = session.scalar(select(User).where(User.name == name))
            if user is None:
                raise NotFound(f"Không có tài khoản “{name}”.")
            session.add(
                ApiToken(user_id=user.id, token_sha256=sha256(token.encode()), created_at=now())
            )
        return token

    def revoke_tokens(self, name: str) -> int:
        """Delete every API token of the account; how many there were."""
        with self._sessions() as session, session.begin():
            user = self._user(session, name)
            tokens = list(session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)))
            for token in tokens:
                session.delete(token)
            return len(tokens)

    def grant(self, name: str, roles: Iterable[str]) -> Account:
        """Give the account these roles (those it holds stay)."""
        wanted = _check_roles(roles)
        with self._sessions() as session, session.begin():
            user = self._user(session, name)
            held = set(self._roles(session, user.id))
            session.add_all(UserRole(user_id=user.id, role=r) for r in wanted if r not in held)
            return Account(user.id, user.name, frozenset(held | set(wanted)))

    @staticmethod
    def _roles(session: Session, user_id: int) -> frozenset[str]:
        return frozenset(session.scalars(select(UserRole.role).where(UserRole.user_id == user_id)))

    def _account(self, session: Session, user: User) -> Account:
        return Account(user.id, user.name, self._roles(session, user.id))

    def set_password(self, name: str, password: str) -> None:
        """Replace the account's password."""
        _check_password(password)
        with self._sessions() as session, session.begin():
            self._user(session, name).password_hash = generate_password_hash(password)

    @staticmethod
    def _user(session: Session, name: str) -> User:
        user = session.scalar(select(User).where(User.name == name.strip()))
        if user is None:
            raise NotFound(f"Không có tài khoản “{name}”.")
        return user

    def by_password(self, name: str, password: str) -> Account | None:
        """The account if the name and password match, else None."""
        with self._sessions() as session:
            user = session.scalar(select(User).where(User.name == name.strip()))
            if user is None or not user.password_hash:
                # Spend the same time as a real check: do not reveal which names exist.
                check_password_hash(_dummy_hash(), password)
                return None
            if not check_password_hash(user.password_hash, password):
                return None
            return self._account(session, user)

    def by_token(self, token: str) -> Account | None:
        """The account that owns this API token, else None."""
        if not token:
            return None
        with self._sessions() as session:
            user = session.scalar(
                select(User)
                .join(ApiToken, ApiToken.user_id == User.id)
                .where(ApiToken.token_sha256 == sha256(token.encode()))
            )
            return self._account(session, user) if user else None

    def by_id(self, user_id: int) -> Account | None:
        """The account with this id (a session cookie's), else None."""
        with self._sessions() as session:
            user = session.get(User, user_id)
            return self._account(session, user) if user else None

    def names(self) -> list[str]:
        """Every account name."""
        with self._sessions() as session:
            return list(session.scalars(select(User.name).order_by(User.name)))


def _check_roles(roles: Iterable[str]) -> list[str]:
    """The roles, each known; InvalidData naming the unknown ones."""
    wanted = list(dict.fromkeys(r.strip() for r in roles))
    unknown = [r for r in wanted if r not in ROLES]
    if unknown:
        known = ", ".join(ROLES)
        raise InvalidData(
            f"Vai trò không có: {', '.join(unknown)}. Các vai trò: {known}.",
            fields={"roles": [f"Chọn trong: {known}."]},
        )
    return wanted


def _check_password(password: str) -> None:
    """Refuse a password too short to be one."""
    if len(password) < MIN_PASSWORD:
        raise InvalidData(
            f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.",
            fields={"password": [f"Ít nhất {MIN_PASSWORD} ký tự."]},
        )


@functools.cache
def _dummy_hash() -> str:
    """A hash to check against when the name is unknown (computed once, not at import)."""
    return generate_password_hash("docgen-timing-equaliser")
