"""Staff versions across releases: what changed in the shipped template, what no longer fits.

Each staff version records the shipped template (sha256) it was made against, and the store keeps
the text of every shipped template the instance has run with. After a release, a staff version
whose base differs from the shipped template gets a notice with the text diff between the two
shipped templates, so staff can carry the change into their version; names the version uses that
the data no longer provides (renamed or removed in the release) are reported at start-up and by
`docgen templates list` as well as on the page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import jinja2

from docgen import documents, rendering
from docgen.store import TemplateStore
from docgen.template_checks import TypeFacts
from docgen.template_source import source_parts
from docgen.template_text import file_text, text_diff
from docgen.template_vars import analyse


@dataclass(frozen=True)
class UpgradeNotice:
    """What a release changed under one type's active staff version."""

    type_id: str
    version: int  # the active staff version
    base_sha256: (
        str | None
    )  # the shipped template it was made against (None: made before this was kept)
    shipped_sha256: str  # the shipped template now
    diff: tuple[str, ...] = ()  # old shipped text → new shipped text, unified
    problems: tuple[str, ...] = field(default_factory=tuple)  # Vietnamese, one per name

    @property
    def shipped_changed(self) -> bool:
        """The shipped template is not the one the version was made against."""
        return self.base_sha256 is not None and self.base_sha256 != self.shipped_sha256

    @property
    def needs_attention(self) -> bool:
        """Something for staff to look at."""
        return self.shipped_changed or bool(self.problems)

    def summary(self) -> str:
        """One line in Vietnamese."""
        parts = []
        if self.shipped_changed:
            parts.append("mẫu gốc đã thay đổi từ khi làm phiên bản này")
        if self.problems:
            parts.append(f"{len(self.problems)} tên dữ liệu không còn: " + "; ".join(self.problems))
        return f"{self.type_id} v{self.version}: " + ", ".join(parts) if parts else ""


def remember_shipped(store: TemplateStore) -> None:
    """Keep the text of every shipped template of this release (once per sha256)."""
    for type_id in documents.REGISTRY:
        shipped = store.shipped(type_id)
        store.keep_shipped_text(type_id, shipped.sha256, file_text(shipped.path))


def missing_names(content: bytes, facts: TypeFacts) -> list[str]:
    """Each name the template uses that the data no longer provides, with what replaced it."""
    renamed = documents.get(facts.type_id).renamed
    env = rendering.jinja_env()
    out: list[str] = []
    for part in source_parts(content):
        try:
            tree = env.parse(part.source)
        except jinja2.TemplateSyntaxError:
            continue  # checked at upload; nothing to say about names here
        for problem in analyse(tree, facts.shape, env.filters).problems:
            if problem.kind != "unknown":
                continue
            root = problem.name.split(".")[0].split("[")[0]
            if root in renamed and renamed[root]:
                message = f"“{problem.name}” đã đổi tên thành “{renamed[root]}”"
            elif root in renamed:
                message = f"“{problem.name}” đã bỏ: câu chữ của nó nay viết sẵn trong mẫu gốc"
            else:
                message = f"“{problem.name}” không còn trong dữ liệu"
            if message not in out:
                out.append(message)
    return out


def notice(store: TemplateStore, facts: TypeFacts) -> UpgradeNotice | None:
    """The notice for a type's active version, or None when the shipped one is in use."""
    active = store.active(facts.type_id)
    if active.shipped:
        return None
    shipped = store.shipped(facts.type_id)
    diff: list[str] = []
    if active.base_sha256 and active.base_sha256 != shipped.sha256:
        old = store.shipped_text(facts.type_id, active.base_sha256)
        new = file_text(shipped.path)
        diff = (
            text_diff(old, new, "mẫu gốc cũ", "mẫu gốc mới")
            if old is not None
            else ["(docgen không còn giữ nội dung mẫu gốc cũ để so sánh)"]
        )
    return UpgradeNotice(
        facts.type_id,
        active.version,
        active.base_sha256,
        shipped.sha256,
        tuple(diff),
        tuple(missing_names(active.path.read_bytes(), facts)),
    )


def log_notices(notices: list[UpgradeNotice], log: logging.Logger) -> None:
    """One warning per active staff version a release affects."""
    for item in notices:
        if item.needs_attention:
            log.warning("Mẫu của cơ quan cần xem lại: %s", item.summary())
