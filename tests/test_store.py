"""The template store: versions kept with sha256, one active, rollback; rendering uses the active one."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import templatefiles as tf
from docxtext import paragraphs
from sqlalchemy import select

from docgen import provenance
from docgen.errors import NotFound
from docgen.store import ACTIVE, TemplateVersion

NEW_WORD, OLD_WORD = "thực chất", "thiết thực"


@pytest.fixture
def store(app):
    return app.extensions["docgen.templates"].store


def add(store, content: bytes, comment: str = "sửa"):
    return store.add(tf.PLAN_TYPE, content, author="lan", comment=comment, checks={"ok": True})


def text_of(docx: bytes) -> str:
    return "\n".join(paragraphs(docx))


def test_the_shipped_template_is_version_zero_and_active(store):
    (only,) = store.versions(tf.PLAN_TYPE)
    assert only.version == 0 and only.active and only.shipped
    assert only.sha256 == hashlib.sha256(tf.PLAN.read_bytes()).hexdigest()


def test_versions_are_kept_with_sha256_who_when_comment(store, app):
    first = tf.replace(OLD_WORD, NEW_WORD)
    second = tf.replace(OLD_WORD, "cụ thể")
    v1 = add(store, first, "đổi chữ")
    v2 = add(store, second)
    assert (v1.version, v2.version) == (1, 2)
    assert v1.sha256 == hashlib.sha256(first).hexdigest()
    assert v1.path.read_bytes() == first and v2.path.read_bytes() == second
    assert v1.path.name == f"1-{v1.sha256[:8]}.docx"
    assert v1.path.parent == Path(app.instance_path) / "templates" / tf.PLAN_TYPE
    history = store.versions(tf.PLAN_TYPE)
    assert [v.version for v in history] == [2, 1, 0]
    assert [v.active for v in history] == [True, False, False]
    assert history[1].author == "lan" and history[1].comment == "đổi chữ"
    assert history[1].created_at.tzinfo is not None


def test_one_active_version_per_type_in_the_database(store):
    for word in ("a1", "a2", "a3"):
        add(store, tf.replace(OLD_WORD, word))
    store.rollback(tf.PLAN_TYPE, 1)
    with store.session() as session:
        active = session.scalars(
            select(TemplateVersion).where(TemplateVersion.status == ACTIVE)
        ).all()
        assert [row.version for row in active] == [1]


def test_rollback_to_any_earlier_version_and_to_the_shipped_one(store):
    add(store, tf.replace(OLD_WORD, "b1"))
    add(store, tf.replace(OLD_WORD, "b2"))
    assert store.rollback(tf.PLAN_TYPE, 1).version == 1
    assert store.active(tf.PLAN_TYPE).version == 1
    store.rollback(tf.PLAN_TYPE, 0)
    active = store.active(tf.PLAN_TYPE)
    assert active.version == 0 and active.shipped
    assert [v.version for v in store.versions(tf.PLAN_TYPE) if v.active] == [0]
    with pytest.raises(NotFound):
        store.rollback(tf.PLAN_TYPE, 9)


def test_rollbacks_are_kept_in_the_history_with_who_and_what_before(store):
    add(store, tf.replace(OLD_WORD, "b1"))
    add(store, tf.replace(OLD_WORD, "b2"))
    store.rollback(tf.PLAN_TYPE, 1, author="lan")
    store.rollback(tf.PLAN_TYPE, 0, author="hoa")
    events = store.events(tf.PLAN_TYPE)
    assert [(e.action, e.version, e.previous, e.author) for e in events] == [
        ("rollback", 0, 1, "hoa"),
        ("rollback", 1, 2, "lan"),
    ]
    assert store.events("thong_bao_lich_tiep_xuc") == []


def test_rendering_uses_the_active_version_and_records_it(app, store, plan_data):
    service = app.extensions["docgen"]
    data = service.validate(tf.PLAN_TYPE, plan_data)
    shipped = service.render_docx(tf.PLAN_TYPE, data)
    assert OLD_WORD in text_of(shipped)
    made = provenance.read(shipped)
    assert made == provenance.Provenance(
        tf.PLAN_TYPE, 0, store.shipped(tf.PLAN_TYPE).sha256, provenance.data_sha256(data)
    )

    v1 = add(store, tf.replace(OLD_WORD, NEW_WORD))
    edited = service.render_docx(tf.PLAN_TYPE, data)
    assert NEW_WORD in text_of(edited) and OLD_WORD not in text_of(edited)
    made = provenance.read(edited)
    assert made is not None
    assert (made.template_version, made.template_sha256) == (1, v1.sha256)

    store.rollback(tf.PLAN_TYPE, 0)
    assert OLD_WORD in text_of(service.render_docx(tf.PLAN_TYPE, data))


def test_the_data_hash_is_of_canonical_json(app, plan_data):
    service = app.extensions["docgen"]
    data = service.validate(tf.PLAN_TYPE, plan_data)
    reordered = service.validate(tf.PLAN_TYPE, dict(reversed(list(plan_data.items()))))
    assert provenance.data_sha256(data) == provenance.data_sha256(reordered)
    other = service.validate(tf.PLAN_TYPE, {**plan_data, "year": 2022})
    assert provenance.data_sha256(other) != provenance.data_sha256(data)
    made = provenance.read(service.render_docx(tf.PLAN_TYPE, data))
    assert made is not None and made.data_sha256 == provenance.data_sha256(data)


def test_the_database_lives_in_the_instance_folder_by_default(app):
    assert (Path(app.instance_path) / "docgen.sqlite3").is_file()


def test_the_database_url_is_configurable(tmp_path):
    from docgen import create_app

    url = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "DATABASE_URL": url})
    assert app.extensions["docgen.engine"].url.database.endswith("elsewhere.db")
    assert (tmp_path / "elsewhere.db").is_file()


def test_sqlite_runs_in_wal_mode_for_several_workers(app):
    from sqlalchemy import text

    with app.extensions["docgen.engine"].connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_a_second_app_on_the_same_instance_sees_the_same_versions(app, store):
    from docgen import create_app

    add(store, tf.replace(OLD_WORD, NEW_WORD))
    other = create_app({"TESTING": True, "INSTANCE_PATH": app.instance_path})
    assert other.extensions["docgen.templates"].store.active(tf.PLAN_TYPE).version == 1
    assert other.config["SECRET_KEY"] == app.config["SECRET_KEY"]


def test_uploads_at_the_same_moment_never_share_a_number_or_both_stay_active(store):
    import threading

    from docgen.errors import Conflict

    contents = [tf.replace(OLD_WORD, f"w{i}") for i in range(6)]
    outcomes: list[object] = []

    def upload(content: bytes) -> None:
        try:
            outcomes.append(add(store, content).version)
        except Conflict as conflict:
            outcomes.append(conflict)

    threads = [threading.Thread(target=upload, args=(c,)) for c in contents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    numbers = [o for o in outcomes if isinstance(o, int)]
    assert numbers and len(numbers) == len(set(numbers))
    assert len(outcomes) == len(contents)
    assert len([v for v in store.versions(tf.PLAN_TYPE) if v.active]) == 1
