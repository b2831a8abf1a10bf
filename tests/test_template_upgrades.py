"""Staff versions across releases: the base they were made on, the shipped diff, lost names."""

from __future__ import annotations

import logging
import re
import shutil

import pytest
from conftest import ROOT
from sqlalchemy import inspect
from test_wording import edit_one_run

from docgen import create_app
from docgen.cli import main
from docgen.store import make_engine
from docgen.template_admin import TemplateAdmin

LETTER = "cong_van_chuyen"
OLD, NEW = "để thông báo đến cử tri./.", "để thông báo kịp thời đến cử tri./."


@pytest.fixture
def release(tmp_path, monkeypatch):
    """An instance whose shipped templates can change between two 'releases' (two apps)."""
    monkeypatch.setattr(TemplateAdmin, "_to_pdf", lambda self: None)
    shipped = tmp_path / "templates_vn"
    shutil.copytree(ROOT / "templates_vn", shipped)
    config = {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance")}
    config["TEMPLATES_DIR"] = str(shipped)

    class Release:
        dir = shipped
        env = {
            "DOCGEN_INSTANCE_PATH": config["INSTANCE_PATH"],
            "DOCGEN_TEMPLATES_DIR": str(shipped),
        }

        @staticmethod
        def app():
            return create_app(dict(config))

    return Release


def staff_version(app, type_id: str = LETTER) -> bytes:
    """A staff member's version: one sentence of the shipped template reworded."""
    content = edit_one_run(
        (ROOT / "templates_vn" / f"{type_id}.docx").read_bytes(),
        "gửi về",
        "gửi lại",
    )
    admin = app.extensions["docgen.templates"]
    admin.upload(type_id, content, author="lan", comment="Sửa câu")
    return content


def test_a_staff_version_records_the_shipped_template_it_was_made_on(release):
    app = release.app()
    staff_version(app)
    active = app.extensions["docgen.templates"].store.active(LETTER)
    shipped = app.extensions["docgen.templates"].store.shipped(LETTER)
    assert active.version == 1 and active.base_sha256 == shipped.sha256
    assert app.extensions["docgen.templates"].notice(LETTER).needs_attention is False


def test_a_release_changing_the_shipped_template_shows_staff_the_diff(release, caplog):
    staff_version(release.app())
    path = release.dir / f"{LETTER}.docx"
    path.write_bytes(edit_one_run(path.read_bytes(), OLD, NEW))  # the next release's wording

    with caplog.at_level(logging.WARNING, logger="docgen"):
        app = release.app()
    assert any("cong_van_chuyen v1" in r.getMessage() for r in caplog.records)

    notice = app.extensions["docgen.templates"].notice(LETTER)
    assert notice.shipped_changed and not notice.problems
    removed = [line for line in notice.diff if line.startswith("-[")]
    added = [line for line in notice.diff if line.startswith("+[")]
    assert len(removed) == len(added) == 1
    assert OLD in removed[0] and NEW in added[0]

    app.extensions["docgen.accounts"].add("lan", "mat-khau-dai", ["can_bo_mau"])
    client = app.test_client()
    page = client.get("/templates/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post(
        "/templates/login", data={"name": "lan", "password": "mat-khau-dai", "csrf_token": token}
    )
    page = client.get(f"/templates/{LETTER}").get_data(as_text=True)
    assert "Mẫu gốc đã thay đổi" in page
    assert "kịp thời đến cử tri" in page  # the new shipped line, in the diff


def test_a_name_removed_in_a_release_is_reported_at_start_up_and_by_the_list(
    release, runner, caplog
):
    app = release.app()
    store = app.extensions["docgen.templates"].store
    # Accepted by an earlier release, whose letter context had "closing" and "groups".
    old = edit_one_run(
        (ROOT / "templates_vn" / f"{LETTER}.docx").read_bytes(),
        "để thông báo đến cử tri./.",
        "để thông báo đến cử tri./. {{ closing }}{% for g in groups %}{{ g.heading }}{% endfor %}",
    )
    store.add(LETTER, old, author="lan", comment="cũ", checks={}, base_sha256=None)

    with caplog.at_level(logging.WARNING, logger="docgen"):
        app = release.app()
    (record,) = [r for r in caplog.records if "cong_van_chuyen v1" in r.getMessage()]
    assert "“closing” đã bỏ" in record.getMessage()

    notice = app.extensions["docgen.templates"].notice(LETTER)
    assert not notice.shipped_changed  # its base was never known: no diff to show
    assert any("“groups” đã đổi tên thành “danh_sach”" in p for p in notice.problems)

    result = runner.invoke(main, ["templates", "list"], env=release.env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "! “closing” đã bỏ: câu chữ của nó nay viết sẵn trong mẫu gốc" in result.output
    assert "! “groups” đã đổi tên thành “danh_sach”" in result.output


def test_the_shipped_template_in_use_has_no_notice(release):
    app = release.app()
    assert app.extensions["docgen.templates"].notices() == []


def test_a_database_of_an_earlier_release_gets_the_new_column(tmp_path):
    from docgen import db

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = make_engine(url)
    db.upgrade(engine, revision="0002")  # the schema before base_sha256
    assert "base_sha256" not in {
        c["name"] for c in inspect(engine).get_columns("template_versions")
    }
    db.upgrade(make_engine(url))  # what `docgen db upgrade` and every start do
    assert "base_sha256" in {c["name"] for c in inspect(engine).get_columns("template_versions")}
