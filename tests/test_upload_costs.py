"""Benchmark-style: each hostile upload is refused within generous bounds of memory and time,
measured in a fresh process per case (tools/bench_uploads.py, which `make bench` prints)."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import bench_uploads  # noqa: E402

MAX_MB_ABOVE_IDLE = 100  # issue 12: any single upload
MAX_SECONDS = 120  # generous: the loaded CI machine; a refusal normally takes well under 10 s

PAIRS = [(case, door) for case, door in bench_uploads.ALL_PAIRS if case != "normal_plan"]


@pytest.fixture(scope="module")
def measured():
    """Every case measured once, in one fresh process (its peak reset before each case)."""
    return {(r["case"], r["door"]): r for r in bench_uploads.run_cases(PAIRS)}


@pytest.mark.parametrize(("case", "door"), PAIRS, ids=[f"{c}-{d}" for c, d in PAIRS])
def test_a_hostile_upload_is_refused_cheaply(measured, case, door):
    result = measured[(case, door)]
    assert result["refused"], result
    assert result["status"] < 500, result
    assert result["peak_above_idle_mb"] < MAX_MB_ABOVE_IDLE, result
    assert result["child_above_idle_mb"] < MAX_MB_ABOVE_IDLE, result
    assert result["seconds"] < MAX_SECONDS, result
