"""Debian's nginx with footcare's configuration, as an unprivileged process on 127.0.0.1.

For the edge test, ``make bench`` and ``make cluster``: the same ``footcare-http.conf`` and
``footcare-locations.conf`` as in production, inside a small main configuration that keeps
every file (pid, logs, temporary bodies) in one scratch directory.
"""

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent / "nginx"

MAIN = """\
{user}
worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {here}/footcare-http.conf;
    upstream footcare_app {{
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        set $footcare_tree {tree};
        include {here}/footcare-locations.conf;
    }}
}}
"""


def installed() -> bool:
    return shutil.which("nginx") is not None or Path("/usr/sbin/nginx").exists()


def binary() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


class LocalNginx:
    """nginx on ``port`` serving ``tree`` (publish_static's DIR/live), the rest to ``apps``."""

    def __init__(
        self, prefix: Path, *, port: int, tree: Path, apps: list[int], workers: int = 1
    ) -> None:
        self.prefix = prefix
        self.port = port
        prefix.mkdir(parents=True, exist_ok=True)
        servers = "\n".join(f"        server 127.0.0.1:{app};" for app in apps)
        self.config = prefix / "nginx.conf"
        self.config.write_text(
            MAIN.format(
                # Started by root (CI), workers would run as nobody and could not read a tree
                # in a private scratch directory; in production they are www-data.
                user="user root;" if os.geteuid() == 0 else "",
                workers=workers,
                prefix=prefix,
                here=HERE,
                servers=servers,
                port=port,
                tree=tree,
            )
        )
        command = [binary(), "-p", str(prefix), "-c", str(self.config)]
        subprocess.run([*command, "-t", "-q"], check=True)  # noqa: S603 - nginx, our config
        self.process = subprocess.Popen([*command, "-g", "daemon off;"])  # noqa: S603
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
                return
            except urllib.error.HTTPError:
                return  # nginx answers; the application behind it may not be up yet
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"nginx did not start; see {prefix}/error.log") from None
                time.sleep(0.1)

    def errors(self) -> str:
        log = self.prefix / "error.log"
        return log.read_text() if log.exists() else ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
