"""A warm, supervised pool of LibreOffice processes: one conversion at a time each.

Each worker is `uno_bridge.py` run by Debian's python3 (which has `uno`), in a session of its
own, with soffice as its child: one process group, killed whole with os.killpg. The pool talks to
it over its stdin/stdout (one JSON line per request and per answer), LibreOffice listens on a
named pipe private to the worker: no TCP port anywhere. Every worker has its own profile and
temporary folder under ASCII names.

Supervision: a conversion past its time limit kills the worker's process group and starts a
fresh one, and the request is tried once more on a fresh worker before failing (504, or 502
when LibreOffice died); a worker is recycled after `max_conversions` conversions or when its
processes' resident memory passes `max_rss_mib`; a bounded number of requests may wait for a
worker, beyond which `PoolBusy` (503 with Retry-After) answers at once. `health()` is what
GET /healthz shows. `shutdown()` (also run at exit) leaves no soffice behind.

Processes: a pool belongs to the process that made it. gunicorn forks its workers from a master
that must not own one (a UNO pipe and a child process cannot be shared across fork), so `docgen
serve` starts one pool per gunicorn worker after the fork (see `docgen.cli.serve`).
"""

from __future__ import annotations

import atexit
import contextlib
import io
import json
import logging
import os
import pathlib
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from docgen import conversion
from docgen.conversion import (
    ConversionError,
    ConversionFailed,
    ConversionTimeout,
    ConverterUnavailable,
)

logger = logging.getLogger(__name__)

BRIDGE = pathlib.Path(__file__).with_name("uno_bridge.py")


class PoolBusy(ConversionError):
    """Every worker is busy and the waiting line is full."""

    default_message = "Every PDF converter is busy; try again shortly."

    def __init__(self, retry_after: int) -> None:
        super().__init__()
        self.retry_after = retry_after


class WorkerDied(ConversionFailed):
    """LibreOffice died (or was killed) during a conversion."""

    default_message = "The PDF converter stopped during the conversion."


@dataclass(frozen=True)
class PoolConfig:
    """How a pool runs; every value comes from the settings (DOCGEN_POOL_*)."""

    soffice: str
    size: int = 2
    timeout: float = 120.0  # seconds for one conversion
    max_conversions: int = 200  # recycle a worker after this many
    max_rss_mib: int = 1024  # … or when its processes use more resident memory than this
    queue: int = 16  # requests that may wait for a worker before PoolBusy
    uno_python: str = "/usr/bin/python3"
    start_timeout: float = 60.0


@dataclass
class _Stats:
    conversions: int = 0
    failures: int = 0
    timeouts: int = 0
    restarts: int = 0
    recycled: int = 0
    busy_refusals: int = 0


def _tiny_docx() -> bytes:
    """A one-line DOCX for warming a worker up."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("docgen: khởi động")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def uno_available(python: str) -> bool:
    """Whether `python` can import uno (Debian's python3-uno)."""
    try:
        done = subprocess.run(
            [python, "-c", "import uno"], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


class Worker:
    """One LibreOffice behind one bridge process; used by one conversion at a time."""

    def __init__(self, config: PoolConfig, index: int) -> None:
        self.config = config
        self.index = index
        self.generation = 0
        self.state = "stopped"
        self.conversions = 0
        self.started_at: float | None = None
        self.last_error = ""
        self.proc: subprocess.Popen[bytes] | None = None
        self.workdir: pathlib.Path | None = None
        self.soffice_pid: int | None = None
        self._buffer = b""

    # --- life cycle ------------------------------------------------------------------------

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    @property
    def pgid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    def start(self, *, warm: bool = True) -> None:
        """Start the bridge and its soffice, wait until LibreOffice answers, warm it up.

        `warm`: convert a one-line document first (a worker started for a waiting request
        skips it: that request warms it).
        """
        self.stop()
        self.state = "starting"
        self.generation += 1
        workdir = pathlib.Path(tempfile.mkdtemp(prefix=f"docgen-office{self.index}-"))
        self.workdir = workdir
        pipe = f"docgen_{os.getpid()}_{self.index}_{secrets.token_hex(4)}"
        env = {name: os.environ[name] for name in conversion._PASSED_ENV if name in os.environ}
        env.setdefault("LANG", "C.UTF-8")
        env.update(HOME=str(workdir), TMPDIR=str(workdir))
        log_file = (workdir / "bridge.log").open("wb")
        try:
            self.proc = subprocess.Popen(
                [
                    self.config.uno_python,
                    str(BRIDGE),
                    self.config.soffice,
                    (workdir / "profile").as_uri(),
                    pipe,
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log_file,
                cwd=workdir,
                env=env,
                # Its own session: the whole group (bridge, soffice, soffice.bin) dies together,
                # and a Ctrl-C on the terminal reaches the pool's owner, which stops it cleanly.
                start_new_session=True,
            )
        except OSError as exc:
            self._cleanup()
            self.state = "failed"
            raise ConverterUnavailable() from exc
        finally:
            log_file.close()
        self._buffer = b""
        try:
            ready = self._read_line(time.monotonic() + self.config.start_timeout)
            if ready is None or "ready" not in ready:
                raise ConverterUnavailable("LibreOffice did not start.")
            self.soffice_pid = int(ready["ready"])
            self.conversions = 0
            self.started_at = time.time()
            if warm:
                self.state = "warming"
                self._warm_up()
        except BaseException as exc:
            self.last_error = str(exc) or type(exc).__name__
            log = self._log()
            self.kill()
            self.state = "failed"
            logger.error("office worker %d did not start: %s %s", self.index, exc, log)
            if isinstance(exc, ConversionError):
                raise ConverterUnavailable("LibreOffice did not start.") from exc
            raise
        self.state = "idle"

    def _warm_up(self) -> None:
        assert self.workdir is not None
        source = self.workdir / "warm.docx"
        source.write_bytes(_tiny_docx())
        self.convert_path(source, self.workdir / "warm.pdf", pdfa=False)
        self.conversions = 0

    def stop(self) -> None:
        """Ask LibreOffice to quit; kill the group if it does not within a few seconds."""
        if self.proc is None:
            return
        if self.alive and self.proc.stdin is not None:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=5)
        self.kill()

    def kill(self) -> None:
        """Kill the worker's whole process group and remove its folder."""
        proc = self.proc
        if proc is not None:
            # The bridge is a zombie at worst until wait(): its pid (the group id) cannot be
            # reused before killpg, so the kill reaches only this worker's processes.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=10)
        self.proc = None
        self.soffice_pid = None
        self.state = "stopped"
        self._cleanup()

    def _cleanup(self) -> None:
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def _log(self) -> str:
        if self.workdir is None:
            return ""
        try:
            return (self.workdir / "bridge.log").read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    # --- conversions -----------------------------------------------------------------------

    def convert_path(self, source: pathlib.Path, target: pathlib.Path, *, pdfa: bool) -> None:
        """Convert one file; ConversionTimeout or WorkerDied leave the worker dead."""
        if not self.alive or self.proc is None or self.proc.stdin is None:
            raise WorkerDied()
        request = {"in": str(source), "out": str(target), "pdfa": pdfa}
        deadline = time.monotonic() + self.config.timeout
        try:
            self.proc.stdin.write(json.dumps(request).encode() + b"\n")
            self.proc.stdin.flush()
        except OSError as exc:
            self.kill()
            raise WorkerDied() from exc
        answer = self._read_line(deadline)
        if answer is _TIMED_OUT:
            self.kill()
            raise ConversionTimeout()
        if answer is None:
            self.kill()
            raise WorkerDied()
        self.conversions += 1
        if not answer.get("ok"):
            if not answer.get("alive", True):
                self.kill()
                raise WorkerDied()
            raise ConversionFailed()

    def _read_line(self, deadline: float) -> Any:
        """The next JSON line from the bridge; None at its end; _TIMED_OUT past the deadline."""
        import select

        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return _TIMED_OUT
            ready, _, _ = select.select([fd], [], [], min(remaining, 1.0))
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        try:
            return json.loads(line)
        except ValueError:
            logger.error("office worker %d said %r", self.index, line[:200])
            return None

    def rss_bytes(self) -> int:
        """Resident memory of every process in the worker's group (bridge, soffice.bin…)."""
        pgid = self.pgid
        if pgid is None:
            return 0
        return sum(rss for _, rss in _group_processes(pgid))

    def describe(self) -> dict[str, Any]:
        """The worker's state for /healthz."""
        return {
            "index": self.index,
            "state": self.state,
            "pid": self.soffice_pid,
            "generation": self.generation,
            "conversions": self.conversions,
            "rss_mib": round(self.rss_bytes() / 2**20, 1),
            "uptime_s": round(time.time() - self.started_at, 1) if self.started_at else None,
            "last_error": self.last_error or None,
        }


_TIMED_OUT = object()


def _group_processes(pgid: int) -> list[tuple[int, int]]:
    """(pid, resident bytes) of each live process whose process group is pgid."""
    page = os.sysconf("SC_PAGE_SIZE")
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        # After the command: state, ppid, pgrp, …; rss (pages) is field 24 of the whole line.
        if int(fields[2]) == pgid and fields[0] not in (b"Z", b"X"):
            found.append((int(entry.name), int(fields[21]) * page))
    return found


@dataclass
class _Waiting:
    count: int = 0
    cond: threading.Condition = field(default_factory=threading.Condition)


class OfficePool:
    """N warm workers; `convert` borrows one, retries once on a fresh one, returns it."""

    def __init__(self, config: PoolConfig) -> None:
        if config.size < 1:
            raise ValueError("a pool needs at least one worker")
        self.config = config
        self.pid = os.getpid()
        self.workers = [Worker(config, i) for i in range(config.size)]
        self._idle: list[Worker] = list(self.workers)
        self._lock = threading.Condition()
        self._waiting = 0
        self._closed = False
        self.stats = _Stats()
        self._warm = False

    # --- life cycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Start every worker now, side by side (the server does this; tests may not)."""
        errors: list[BaseException] = []

        def one(worker: Worker) -> None:
            try:
                if not worker.alive:
                    worker.start()
            except BaseException as exc:  # noqa: BLE001 — reported below
                errors.append(exc)

        threads = [threading.Thread(target=one, args=(w,)) for w in self.workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self._warm = True
        if errors and len(errors) == len(self.workers):
            raise errors[0]

    def shutdown(self, *, kill: bool = False) -> None:
        """Stop every worker (kill: at once, as on Ctrl-C); no soffice of this pool survives."""
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        if os.getpid() != self.pid:
            return  # a forked child does not own its parent's workers
        for worker in self.workers:
            if kill:
                worker.kill()
            else:
                worker.stop()

    def __enter__(self) -> OfficePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()

    # --- borrowing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _borrow(self) -> Iterator[Worker]:
        with self._lock:
            if self._closed:
                raise ConverterUnavailable("The PDF converter is shutting down.")
            if not self._idle and self._waiting >= self.config.queue:
                self.stats.busy_refusals += 1
                raise PoolBusy(self.retry_after())
            self._waiting += 1
            try:
                deadline = time.monotonic() + self.config.timeout * 2
                while not self._idle:
                    remaining = deadline - time.monotonic()
                    if self._closed:
                        raise ConverterUnavailable("The PDF converter is shutting down.")
                    if remaining <= 0:
                        self.stats.busy_refusals += 1
                        raise PoolBusy(self.retry_after())
                    self._lock.wait(remaining)
            finally:
                self._waiting -= 1
            worker = self._idle.pop()
            worker.state = "busy" if worker.alive else worker.state
        try:
            yield worker
        finally:
            self._maybe_recycle(worker)
            with self._lock:
                if worker.alive:
                    worker.state = "idle"
                self._idle.append(worker)
                self._lock.notify()

    def _maybe_recycle(self, worker: Worker) -> None:
        if not worker.alive or self._closed:
            return
        reason = ""
        if worker.conversions >= self.config.max_conversions:
            reason = f"{worker.conversions} conversions"
        else:
            rss = worker.rss_bytes()
            if rss > self.config.max_rss_mib * 2**20:
                reason = f"{rss / 2**20:.0f} MiB resident"
        if reason:
            logger.info("recycling office worker %d after %s", worker.index, reason)
            self.stats.recycled += 1
            worker.stop()

    def retry_after(self) -> int:
        """Seconds a refused client should wait: about one conversion round of the queue."""
        return max(1, min(30, round(2 * (self._waiting + 1) / max(1, self.config.size))))

    def convert_path(
        self, source: pathlib.Path, target: pathlib.Path, *, pdfa: bool = False
    ) -> None:
        """Convert one file on disk (an ASCII path) into target; retried once on a fresh worker."""
        for attempt in (1, 2):
            with self._borrow() as worker:
                if not worker.alive:
                    self.stats.restarts += worker.generation > 0
                    worker.start(warm=False)
                    worker.state = "busy"
                try:
                    worker.convert_path(source, target, pdfa=pdfa)
                except (ConversionTimeout, WorkerDied) as exc:
                    worker.last_error = type(exc).__name__
                    self.stats.timeouts += isinstance(exc, ConversionTimeout)
                    logger.error(
                        "office worker %d: %s on attempt %d; replaced",
                        worker.index,
                        type(exc).__name__,
                        attempt,
                    )
                    if attempt == 2:
                        self.stats.failures += 1
                        raise
                    continue
                except ConversionFailed:
                    self.stats.failures += 1
                    raise
                self.stats.conversions += 1
                return

    def convert(self, docx: bytes, *, pdfa: bool = False, trusted: bool = False) -> bytes:
        """DOCX bytes → PDF bytes, through a warm worker.

        `trusted`: docgen rendered the DOCX itself, so the package checks for uploads are
        skipped (about 10 ms of a 150 ms conversion).
        """
        if not trusted:
            conversion.validate_docx(docx)
        with tempfile.TemporaryDirectory(prefix="docgen-pool-") as tmp:
            source = pathlib.Path(tmp) / "in.docx"
            target = pathlib.Path(tmp) / "out.pdf"
            source.write_bytes(docx)
            self.convert_path(source, target, pdfa=pdfa)
            try:
                pdf = target.read_bytes()
            except FileNotFoundError:
                pdf = b""
        # LibreOffice answered that it stored the file: a complete PDF starts with its header
        # and ends with %%EOF (parsing it again would cost more than 10 ms).
        if not (pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")):
            raise ConversionFailed()
        return pdf

    # --- health ----------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        """Workers' states, the queue and the counters (GET /healthz)."""
        workers = [worker.describe() for worker in self.workers]
        usable = sum(1 for w in self.workers if w.alive or w.state == "stopped")
        return {
            "mode": "warm",
            "size": self.config.size,
            "pid": self.pid,
            "busy": sum(1 for w in workers if w["state"] == "busy"),
            "waiting": self._waiting,
            "queue_limit": self.config.queue,
            "ok": not self._closed and usable > 0,
            "workers": workers,
            "stats": self.stats.__dict__.copy(),
        }


# --- one pool per process -------------------------------------------------------------------

_pools: dict[PoolConfig, OfficePool] = {}
_pools_lock = threading.Lock()


def shared(config: PoolConfig) -> OfficePool:
    """The process's pool for this configuration, made on first use (workers start lazily)."""
    with _pools_lock:
        pool = _pools.get(config)
        if pool is not None and pool.pid != os.getpid():
            pool = None  # inherited through fork: its workers are the parent's
        if pool is None or pool._closed:
            pool = OfficePool(config)
            _pools[config] = pool
        return pool


def shutdown_all() -> None:
    """Stop every pool this process made (at exit, in gunicorn's worker_exit)."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        if pool.pid == os.getpid():
            pool.shutdown()


atexit.register(shutdown_all)
