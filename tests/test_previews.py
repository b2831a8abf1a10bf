"""previews.py: preview PDFs kept an hour under unguessable names."""

from __future__ import annotations

import os
import time

import pytest

from docgen import previews


def test_a_stored_preview_is_found_by_its_token(tmp_path):
    token = previews.store(tmp_path, b"%PDF-1.7 one")
    assert previews.find(tmp_path, token).read_bytes() == b"%PDF-1.7 one"
    assert previews.find(tmp_path, previews.store(tmp_path, b"%PDF two")) != previews.find(
        tmp_path, token
    )


@pytest.mark.parametrize("token", ["", "short", "../secret_key", "a" * 30 + "/b", "x" * 100])
def test_malformed_tokens_find_nothing(tmp_path, token):
    assert previews.find(tmp_path, token) is None


def test_expired_previews_are_gone(tmp_path):
    token = previews.store(tmp_path, b"%PDF old")
    path = previews.find(tmp_path, token)
    past = time.time() - previews.LIFETIME - 10
    os.utime(path, (past, past))
    assert previews.find(tmp_path, token) is None
    previews.store(tmp_path, b"%PDF new")  # storing another clears the expired
    assert not path.exists()
