"""JSON bodies are read once here, before any schema: empty, too deep, or not JSON is a 400.

Python's json module raises RecursionError on a body nested about a thousand levels deep and
ValueError on an integer of more than 4,300 digits; webargs only turns JSONDecodeError into a
400. A body no document needs (nesting deeper than MAX_DEPTH) is refused before marshmallow's
recursive walk sees it.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, request

from docgen.errors import MalformedRequest

# The deepest real body: a round (object → meetings → item → people → item → field) is 6.
MAX_DEPTH = 32


def depth(value: Any) -> int:
    """How deeply lists and objects nest (a scalar is 0), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


def check_json_body() -> None:
    """400 for a JSON request whose body is empty, not JSON, or nested too deep."""
    if request.method not in ("POST", "PUT", "PATCH") or not request.is_json:
        return
    raw = request.get_data(cache=True)
    if not raw.strip():
        raise MalformedRequest("Nội dung gửi lên trống: cần một đối tượng JSON.")
    try:
        parsed = json.loads(raw)
    except RecursionError:
        parsed = None
        nested = True
    except (ValueError, UnicodeDecodeError) as exc:
        message = str(exc)
        if "digits" in message:
            raise MalformedRequest(
                "Nội dung gửi lên có số nguyên quá dài (hơn 4.300 chữ số)."
            ) from None
        raise MalformedRequest("Nội dung gửi lên không phải JSON hợp lệ.") from None
    else:
        nested = depth(parsed) > MAX_DEPTH
    if nested:
        raise MalformedRequest(
            f"Nội dung gửi lên lồng nhau quá sâu (quá {MAX_DEPTH} cấp danh sách/đối tượng)."
        )


def init_app(app: Flask) -> None:
    app.before_request(check_json_body)
