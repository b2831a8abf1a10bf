"""One warm LibreOffice, driven over UNO; run by Debian's python3 (python3-uno), not the venv.

    /usr/bin/python3 uno_bridge.py SOFFICE PROFILE_URI PIPE_NAME

It starts soffice as its own child (so both share the process group the pool kills), connects
to it over a named pipe, converts one file, then reads one request per line on stdin — JSON
{"in": path, "out": path, "pdfa": bool} — and answers one line per request on stdout:
{"ok": true} or {"ok": false, "error": "..."}. The first line it writes is {"ready": pid} once
LibreOffice answers. On end of stdin it closes LibreOffice and exits.

Standard library and `uno` only: the venv's Python (pyenv's 3.11) cannot import Debian's uno.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time


def _props(**values):
    from com.sun.star.beans import PropertyValue

    result = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name = name
        prop.Value = value
        result.append(prop)
    return tuple(result)


def _connect(pipe: str, soffice: subprocess.Popen, limit: float):
    import uno

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + limit
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:  # NoConnectException until soffice listens
            if soffice.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _convert(desktop, source: str, target: str, pdfa: bool) -> None:
    import uno

    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source),
        "_blank",
        0,
        _props(Hidden=True, ReadOnly=True, UpdateDocMode=0, MacroExecutionMode=0),
    )
    if doc is None:
        raise RuntimeError("LibreOffice could not open the document")
    try:
        # SelectPdfVersion 2 is PDF/A-2b: every font embedded, XMP, an OutputIntent.
        data = _props(SelectPdfVersion=2) if pdfa else _props()
        filter_data = uno.Any("[]com.sun.star.beans.PropertyValue", data)
        args = _props(FilterName="writer_pdf_Export", Overwrite=True)
        args = (*args, *_props(FilterData=filter_data))
        uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(target), args))
    finally:
        doc.close(True)


def _answers(desktop) -> bool:
    """Whether LibreOffice still answers over the bridge."""
    try:
        desktop.getComponents()
    except Exception:
        return False
    return True


def main() -> int:
    soffice_path, profile_uri, pipe = sys.argv[1:4]
    soffice = subprocess.Popen(
        [
            soffice_path,
            f"-env:UserInstallation={profile_uri}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    out = sys.stdout
    try:
        desktop = _connect(pipe, soffice, 60.0)
        out.write(json.dumps({"ready": soffice.pid}) + "\n")
        out.flush()
        for line in sys.stdin:
            request = json.loads(line)
            try:
                _convert(desktop, request["in"], request["out"], bool(request.get("pdfa")))
                answer: dict[str, object] = {"ok": True}
            except Exception as exc:  # reported to the pool, which decides
                alive = _answers(desktop) and soffice.poll() is None
                answer = {"ok": False, "alive": alive, "error": f"{type(exc).__name__}: {exc}"}
            out.write(json.dumps(answer) + "\n")
            out.flush()
            if not answer.get("alive", True):
                return 1  # LibreOffice is gone: the pool replaces this worker
        with contextlib.suppress(Exception):  # the bridge drops as LibreOffice exits
            desktop.terminate()
        soffice.wait(timeout=10)
    finally:
        if soffice.poll() is None:
            # soffice is a script that starts soffice.bin: the whole group must go, this too.
            os.killpg(os.getpgrp(), 9)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("LANG", "C.UTF-8")
    sys.exit(main())
