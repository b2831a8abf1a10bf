"""The warm pool's section of the benchmark (issue 15): the service as an operator runs it.

Two real `docgen serve` servers (gunicorn, 2 workers) on free ports, side by side: one with the
warm pool (the default) and one with `DOCGEN_POOL=false` (one cold soffice per PDF: the service
as it was, today's baseline). After a warm-up, each gets the plan PDF through the API, one
client at a time and then from 4 concurrent clients; p50, p95 and PDFs per second. Then, in the
same run: one cold `soffice --convert-to pdf` of the same DOCX, the pool's bare conversion of it
(the floor: LibreOffice warm, nothing else of docgen), a clerk's preview (the web form, the PDF
kept for the page) and the 38-document round of Lục Ngạn as one merged PDF, each through the
warm server; and the memory of the warm server's LibreOffice processes.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PLAN = "ke_hoach_tiep_xuc"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`docgen serve` in its own session; stopped with Ctrl-C (SIGINT) like an operator would."""

    def __init__(self, instance: Path, **env: str) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environ = {**os.environ, "DOCGEN_INSTANCE_PATH": str(instance), **env}
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from docgen.cli import main; main()",
                "serve",
                "--port",
                str(self.port),
                "--workers",
                "2",
            ],
            cwd=ROOT,
            env=environ,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def wait_ready(self, warm: bool) -> dict[str, Any]:
        """Wait until /healthz answers (and, warm, until both workers' pools are idle)."""
        deadline = time.monotonic() + 180
        seen: dict[int, dict[str, Any]] = {}
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=10) as response:
                    state = json.loads(response.read())
            except OSError:
                time.sleep(0.3)
                continue
            if not warm:
                return state
            if all(w["state"] == "idle" for w in state["workers"]):
                seen[state["pid"]] = state
            if len(seen) >= 2:
                return {"processes": list(seen.values())}
            time.sleep(0.1)
        raise RuntimeError("the server did not become ready")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def post_json(url: str, body: bytes) -> bytes:
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=600) as response:
        content = response.read()
    assert content.startswith(b"%PDF-"), content[:200]
    return content


def timings(fn: Any, count: int, clients: int) -> tuple[list[float], float]:
    """Each call's seconds and the wall time of all `count` calls from `clients` clients."""

    def one(_: int) -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as threads:
        times = list(threads.map(one, range(count)))
    return times, time.perf_counter() - start


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def group_rss_mib(pids: list[int]) -> float:
    """Resident memory of every process in the process groups of these pids."""
    from docgen.office_pool import _group_processes

    groups = {os.getpgid(pid) for pid in pids}
    return sum(rss for g in groups for _, rss in _group_processes(g)) / 2**20


def preview(url: str) -> None:
    """A clerk's preview: the form page, then its post with the plan's fields."""
    from docgen import documents, forms

    data = json.loads((ROOT / "fixtures" / f"{PLAN}.json").read_text(encoding="utf-8"))
    fields = forms.data_to_form(forms.build_form(documents.get(PLAN).schema), data)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{url}/documents/{PLAN}", timeout=60).read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    body = urllib.parse.urlencode(
        {"csrf_token": token.group(1), **fields, "action": "preview"}
    ).encode()
    html = opener.open(f"{url}/documents/{PLAN}", data=body, timeout=600).read().decode()
    frame = re.search(r'<iframe src="(/previews/[^"]+\.pdf)"', html)
    assert frame, html[:300]
    assert opener.open(url + frame.group(1), timeout=60).read().startswith(b"%PDF-")


def pool_section(sequential: int = 20, concurrent: int = 40) -> None:
    """Print the service table: API single PDF, cold, floor, preview, round; memory."""
    from docgen import office_pool
    from docgen.config import load
    from docgen.service import DocumentService, Settings

    print(f"\nload average before the service section: {_load()}")
    plan = (ROOT / "fixtures" / f"{PLAN}.json").read_bytes()
    round_body = (ROOT / "fixtures" / "round_luc_ngan.json").read_bytes()
    service = DocumentService(Settings.from_config(load()))
    docx = service.generate_raw(PLAN, json.loads(plan), "docx").content
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="docgen-bench-pool-") as tmp:
        work = Path(tmp)
        warm = Server(work / "warm")
        cold = Server(work / "cold", DOCGEN_POOL="false")
        try:
            state = warm.wait_ready(warm=True)
            cold.wait_ready(warm=False)
            soffice_pids = [w["pid"] for s in state["processes"] for w in s["workers"]]
            warm_mib = group_rss_mib(soffice_pids)
            single = f"/api/v1/documents/{PLAN}?format=pdf"
            results: dict[str, dict[str, Any]] = {}
            for name, server in (("cold", cold), ("warm", warm)):
                call = lambda server=server: post_json(server.url + single, plan)  # noqa: E731
                for _ in range(3):
                    call()  # warm-up: both workers, templates compiled
                seq, _ = timings(call, sequential, 1)
                par, wall = timings(call, concurrent, 4)
                results[name] = {"seq": seq, "par": par, "rate": concurrent / wall}
            # The floor: the pool's own conversion of the same DOCX, nothing else of docgen.
            source = work / "plan.docx"
            source.write_bytes(docx)
            soffice = service.soffice()
            with office_pool.OfficePool(office_pool.PoolConfig(soffice=soffice, size=1)) as pool:
                pool.start()
                floor = []
                for i in range(sequential):
                    start = time.perf_counter()
                    pool.convert_path(source, work / f"floor{i}.pdf")
                    floor.append(time.perf_counter() - start)
            from bench import bare_soffice

            cold_bare = []
            for _ in range(3):
                start = time.perf_counter()
                bare_soffice(docx)
                cold_bare.append(time.perf_counter() - start)
            previews, _ = timings(lambda: preview(warm.url), 5, 1)
            rounds, _ = timings(
                lambda: post_json(warm.url + "/api/v1/rounds?format=pdf", round_body), 3, 1
            )
            cold_rounds, _ = timings(
                lambda: post_json(cold.url + "/api/v1/rounds?format=pdf", round_body), 1, 1
            )
        finally:
            warm.stop()
            cold.stop()
    base = statistics.median(cold_bare)
    floor_p50 = statistics.median(floor)
    w, c = results["warm"], results["cold"]
    print(
        "\nservice: the plan PDF through the API (docgen serve, gunicorn 2 workers, "
        f"{os.cpu_count()} cores); after 3 warm-up requests"
    )
    print(f"  {'':52} {'p50':>8} {'p95':>8} {'vs cold':>8} {'vs floor':>9}")

    def line(label: str, values: list[float], note: str = "") -> None:
        p50 = statistics.median(values)
        print(
            f"  {label:52} {p50 * 1000:6.0f}ms {p(values, 0.95) * 1000:6.0f}ms "
            f"{p50 / base:7.2f}x {p50 / floor_p50:8.2f}x {note}"
        )

    line("one cold soffice --convert-to pdf (baseline)", cold_bare)
    line("the pool's bare conversion (floor)", floor)
    line(f"API, warm pool, 1 client ({sequential} requests)", w["seq"])
    line(f"API, warm pool, 4 clients ({concurrent} requests)", w["par"])
    line("API, cold soffice per PDF (before), 1 client", c["seq"])
    line("API, cold soffice per PDF (before), 4 clients", c["par"])
    line("a clerk's preview (form post + PDF), warm", previews)
    line("round of 38 documents, one merged PDF, warm", rounds)
    line("round of 38 documents, one merged PDF, cold", cold_rounds)
    print(
        f"  4 clients: {w['rate']:.2f} PDFs/s warm against {c['rate']:.2f} PDFs/s cold "
        f"({w['rate'] / c['rate']:.2f}x)"
    )
    print(
        f"  goals: p50 {statistics.median(w['seq']) / base:.2f}x cold (≤ 0.30), "
        f"{statistics.median(w['seq']) / floor_p50:.2f}x floor (≤ 1.50), "
        f"throughput {w['rate'] / c['rate']:.2f}x (≥ 2)"
    )
    print(
        f"  memory: the warm server's LibreOffice processes ({len(soffice_pids)} workers, one "
        f"per gunicorn worker) {warm_mib:.0f} MiB resident at start"
    )
    print(f"load average after: {_load()}")
    rows.clear()


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tools"))
    pool_section()
