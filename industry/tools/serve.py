"""Several dashboard processes behind nginx, as a department runs it for a hall full of viewers.

    python -m industry.serve [--processes N] [--port P] [--db PATH]

Starts N Streamlit processes (N = the machine's cores by default) on free loopback ports, all reading the same
database file read-only (an import swaps the file's link, and each process sees the new data at its viewers' next
click), and nginx from Debian in front of them on port P (8080 by default, every interface), with websocket
upgrade and affinity: a browser stays on one process (the one its Streamlit cookie hashes to; a viewer without
one yet goes anywhere), so its session, its uploads and its websocket meet the same process. Viewers behind one
router (a conference's wi-fi) are spread over the processes, which an affinity by address would not do.

Ctrl-C (or SIGTERM) stops them all within a few seconds, however busy they are: each is asked to stop, and what
has not stopped after `STOP_GRACE` seconds is killed. The processes die with the command whatever ends it, a
SIGKILL included: each is started with Linux's parent-death signal (``PR_SET_PDEATHSIG``), so that none is left
holding a port. A port already held (a dashboard still running, another program) is said in one line before
anything starts. nginx is installed with apt-get when it is missing and the command runs as root; otherwise it says
how to install it.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import errno
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..core import paths
from ..outputs import opendata
from .browser import free_port, wait_healthy

NGINX = "/usr/sbin/nginx"
CONF = """{user}worker_processes auto;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    # a browser stays on one process: the one its Streamlit cookie hashes to (before it has one: any)
    map $cookie__streamlit_xsrf $affinity {{
        ""      $request_id;
        default $cookie__streamlit_xsrf;
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ""      close;
    }}
    upstream dashboard {{
        hash $affinity consistent;
{servers}
    }}
    server {{
        listen {listen};
        client_max_body_size 50m;  # as server.maxUploadSize in .streamlit/config.toml
        # the open-data package (python -m industry.publish), as files: the city's systems poll datapackage.json
        location /data/ {{
            alias {open_data}/;
            index index.html;
            charset utf-8;
            charset_types text/csv text/markdown application/json application/geo+json;
            types {{
                text/html html;
                text/csv csv;
                text/markdown md;
                application/json json;
                application/geo+json geojson;
            }}
            default_type application/octet-stream;
            add_header Cache-Control "no-cache";
            add_header Access-Control-Allow-Origin "*";
        }}
        location / {{
            proxy_pass http://dashboard;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_read_timeout 86400;
            proxy_buffering off;
        }}
    }}
}}
"""


STOP_GRACE = 5.0  # seconds a process has to stop when asked, before it is killed
_PR_SET_PDEATHSIG = 1  # prctl(2)


class ServeError(RuntimeError):
    """The processes or the proxy could not be started; the message says why."""


def _dies_with_parent(sig: int):
    """A function for Popen's ``preexec_fn``: the child receives `sig` when the process that started it dies, however
    it dies (Linux's parent-death signal; elsewhere nothing). Should the parent already be gone by then, the child
    ends itself at once."""
    parent = os.getpid()
    try:  # looked up here, in the parent: the child between fork and exec only calls it
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None

    def arm() -> None:
        prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
        if os.getppid() != parent:  # the parent died between fork and prctl
            os.kill(os.getpid(), sig)

    return arm


def port_free(port: int, host: str = "0.0.0.0") -> bool:
    """Whether `port` can be listened on: False when another program (a dashboard still running) holds it."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as nginx does: a port in TIME_WAIT is free
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


@dataclass
class Cluster:
    url: str  # the proxy's address (the only process's when there is no proxy)
    processes: list[subprocess.Popen] = field(default_factory=list)  # the Streamlit processes
    ports: list[int] = field(default_factory=list)
    proxy: subprocess.Popen | None = None

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.processes]


def nginx() -> str:
    """nginx's path, installed from Debian's packages when missing and the command runs as root."""
    found = shutil.which("nginx") or (NGINX if Path(NGINX).exists() else None)
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        subprocess.run(["apt-get", "update", "-qq"], check=False, **quiet)
        subprocess.run(["apt-get", "install", "-y", "-qq", "nginx-light"], check=False,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"), **quiet)
        found = shutil.which("nginx") or (NGINX if Path(NGINX).exists() else None)
        if found:
            return found
    raise ServeError("nginx is not installed: apt-get install -y nginx-light (as root)")


def _healthy(url: str, processes: list[subprocess.Popen], timeout: float) -> None:
    try:
        wait_healthy(url, processes, timeout)
    except (RuntimeError, TimeoutError) as exc:
        raise ServeError(str(exc)) from None


def _stop(procs: list[subprocess.Popen], grace: float = STOP_GRACE) -> None:
    """Ask every process to stop at once, give them `grace` seconds together, then kill what is left."""
    for proc in procs:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.terminate()
    deadline = time.monotonic() + grace
    for proc in procs:
        try:
            proc.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
    for proc in procs:
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=2)


@contextlib.contextmanager
def cluster(db: Path, processes: int | None = None, port: int | None = None, proxy: bool = True,
            listen: str = "127.0.0.1", timeout: float = 90, env: dict[str, str] | None = None) -> Iterator[Cluster]:
    """`processes` Streamlit processes on `db`, behind nginx on `port` (`proxy`), started and, on leaving, stopped."""
    processes = processes or os.cpu_count() or 1
    shared = dict(os.environ, DASHBOARD_DB=str(db), **(env or {}))
    shared.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(16))  # one secret for every process
    if proxy:  # nginx serves the open-data package beside the pages: each page links to it
        shared.setdefault("DASHBOARD_OPEN_DATA_URL", "/data/")
    started: list[subprocess.Popen] = []
    ports = [free_port() for _ in range(processes)]
    root = Path(tempfile.mkdtemp(prefix="dashboard-serve-"))
    try:
        for p in ports:
            cmd = [sys.executable, "-m", "streamlit", "run", str(paths.ROOT / "dashboard.py"), "--server.headless",
                   "true", "--server.port", str(p), "--server.address", "127.0.0.1",
                   "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
            log = open(root / f"streamlit-{p}.log", "wb")  # noqa: SIM115 - the process writes it while it runs
            # its own session (Ctrl-C at the terminal reaches the supervisor, which stops everything in order),
            # killed should the supervisor die without stopping it
            started.append(subprocess.Popen(cmd, cwd=paths.ROOT, env=shared, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True, preexec_fn=_dies_with_parent(signal.SIGKILL)))
            log.close()
        for p in ports:
            _healthy(f"http://127.0.0.1:{p}", started, timeout)
        made = Cluster(f"http://127.0.0.1:{ports[0]}", started, ports)
        if proxy:
            port = port or free_port()
            servers = "\n".join(f"        server 127.0.0.1:{p};" for p in ports)
            open_data = opendata.folder_beside(db)
            if not (open_data / "datapackage.json").is_file():  # the first start: published from the database as it is
                opendata.publish_beside(db)
            # started by root, nginx's workers would read the files as "nobody": as the dashboard's own user instead
            user = f"user {pwd.getpwuid(os.getuid()).pw_name};\n" if os.getuid() == 0 else ""
            (root / "nginx.conf").write_text(CONF.format(root=root, servers=servers, listen=f"{listen}:{port}",
                                                         open_data=open_data, user=user), encoding="utf-8")
            made.proxy = subprocess.Popen([nginx(), "-p", str(root), "-c", str(root / "nginx.conf"), "-g",
                                           "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                                          start_new_session=True,
                                          # TERM: nginx's fast shutdown, which also ends its workers
                                          preexec_fn=_dies_with_parent(signal.SIGTERM))
            made.url = f"http://127.0.0.1:{port}"
            _healthy(made.url, [*started, made.proxy], timeout)
        yield made
    finally:  # everything asked to stop at once: the whole stop takes STOP_GRACE seconds at most, then kills
        proxied = [made.proxy] if proxy and "made" in locals() and made.proxy is not None else []
        _stop([*proxied, *started])
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    from ..data import db as dbmod

    parser = argparse.ArgumentParser(prog="python -m industry.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                        help="Streamlit processes (default: the machine's cores)")
    parser.add_argument("--port", type=int, default=8080, help="the proxy's port (default 8080)")
    parser.add_argument("--db", type=Path, help="database (default: DASHBOARD_DB or the demonstration database)")
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("--processes: at least 1")
    # Ctrl-C stops everything even when the command was started in the background (which starts it ignoring SIGINT)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if not port_free(args.port):
        print(f"error: port {args.port} is already in use (is the dashboard already running?); stop it, or choose "
              f"another port with --port", file=sys.stderr)
        return 2
    try:
        db = dbmod.ensure(args.db) if args.db else dbmod.ensure()
        from ..files import importer

        for found in importer.Store(db).sweep():  # an import killed before: its half-written file removed, said
            print(f"an import started {found['at']} by {found['who']} was interrupted; its half-written file was "
                  f"removed and the import log records it", flush=True)
        with cluster(db, args.processes, args.port, listen="0.0.0.0") as running:
            print(f"{args.processes} processes on ports {', '.join(map(str, running.ports))} behind nginx: "
                  f"http://<this machine>:{args.port} (Ctrl-C stops them all)", flush=True)
            stop = []
            signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
            signal.signal(signal.SIGHUP, lambda *_: stop.append(True))  # the terminal closed
            while not stop:
                if any(p.poll() is not None for p in [*running.processes, running.proxy]):
                    raise ServeError("a process stopped: see the messages above")
                time.sleep(1)
    except KeyboardInterrupt:
        pass
    except (ServeError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print("stopped", flush=True)
    return 0
