"""Two docgen instances (two `docgen serve` processes) on one database, as behind a balancer."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import load_fixture
from instances import Instance

from docgen import create_app

ISSUES = 50


@pytest.fixture
def instances(database_url, tmp_path):
    """Instances A and B on the parametrised database, each with its own folder."""
    started: list[Instance] = []
    try:
        for name in ("a", "b"):
            started.append(Instance(database_url, tmp_path / name).start())
        yield started
    finally:
        for instance in started:
            instance.stop()


def test_fifty_issues_across_two_instances_are_numbered_01_to_50(instances, database_url, tmp_path):
    a, b = instances
    accounts = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "cli"), "DATABASE_URL": database_url}
    ).extensions["docgen.accounts"]
    accounts.add("vanthu", None, ["van_thu"])
    token = accounts.new_token("vanthu")
    plan = load_fixture("ke_hoach_tiep_xuc.xa_2026.json")

    drafts = []
    for i in range(ISSUES + 3):
        status, body = (a if i % 2 else b).call(
            "POST", "/api/v1/drafts", {"type": "ke_hoach_tiep_xuc", "data": plan}, token
        )
        assert status == 201, body
        drafts.append(body["id"])

    start = threading.Barrier(ISSUES)

    def fire(index: int) -> tuple[int, object]:
        start.wait()  # all at once
        server = a if index % 2 else b
        return server.call(
            "POST", f"/api/v1/drafts/{drafts[index]}/issue", {"date": "2026-06-01"}, token
        )

    with ThreadPoolExecutor(ISSUES) as pool:
        results = list(pool.map(fire, range(ISSUES)))
    assert all(status == 201 for status, _ in results), [r for r in results if r[0] != 201][:3]
    numbers = sorted(body["number"] for _, body in results)  # type: ignore[index]
    assert numbers == list(range(1, ISSUES + 1))  # unique, consecutive from 01, none lost

    status, register = b.call("GET", "/api/v1/register?year=2026")
    assert status == 200 and [e["number"] for e in register] == list(range(1, ISSUES + 1))

    cancelled = register[16]
    status, _ = a.call(
        "POST", f"/api/v1/register/{cancelled['id']}/cancel", {"reason": "Hủy để thử"}, token
    )
    assert status == 200
    status, body = b.call(
        "POST", f"/api/v1/drafts/{drafts[ISSUES]}/issue", {"date": "2026-06-02"}, token
    )
    assert (status, body["number"]) == (201, ISSUES + 1)  # the cancelled 17 is not given again
    status, body = a.call(
        "POST", f"/api/v1/drafts/{drafts[ISSUES + 1]}/issue", {"date": "2027-01-02"}, token
    )
    assert (status, body["number"]) == (201, 1)  # a new year starts again at 01
    status, register = a.call("GET", "/api/v1/register?year=2026")
    assert [(e["number"], e["status"]) for e in register if e["status"] == "cancelled"] == [
        (17, "cancelled")
    ]

    # A draft survives a restart of the instance that made it.
    waiting = drafts[ISSUES + 2]
    a.stop()
    a.start()
    status, body = a.call("GET", f"/api/v1/drafts/{waiting}", token=token)
    assert status == 200 and body["data"] == plan and body["issued_at"] is None
