"""A PostgreSQL cluster of a test's own, in a temporary folder on a free port, that it may break.

Never the machine's service: initdb makes a new cluster that listens on 127.0.0.1 only, with its
socket in the same folder. PostgreSQL refuses to run as root, so as root the cluster belongs to
the `postgres` system user and every server command runs as that user.
"""

import contextlib
import glob
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from testing.throwaway import ThrowawayServer, free_port

SYSTEM_USER = "postgres"


def server_bin_dir():
    """Debian keeps the server programs out of PATH, under /usr/lib/postgresql/VERSION/bin."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(path.split("/")[4]))
    if candidates:
        return Path(candidates[-1]).parent
    if shutil.which("pg_config"):
        bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True).stdout.strip()
        if Path(bindir, "initdb").exists():
            return Path(bindir)
    if shutil.which("initdb"):
        return Path(shutil.which("initdb")).resolve().parent
    raise RuntimeError("PostgreSQL's server programs (initdb, pg_ctl) are not installed")


class ThrowawayPostgres(ThrowawayServer):
    """Start, stop, restart and pause a cluster made for one test module; `url` reaches it over TCP."""

    def __init__(self):
        self.bin = server_bin_dir()
        self.folder = Path(tempfile.mkdtemp(prefix="iomcz-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        self.as_server_user = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, SYSTEM_USER, SYSTEM_USER)
            self.as_server_user = ["runuser", "-u", SYSTEM_USER, "--"]

    def run(self, program, *args, timeout=60):
        command = [*self.as_server_user, str(self.bin / program), *args]
        # Output goes to a file: a server started with a pipe as its output would keep the pipe open.
        with open(self.folder / "commands.log", "a") as output:
            subprocess.run(command, stdout=output, stderr=subprocess.STDOUT, timeout=timeout, check=True)

    def create(self):
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "port": self.port,
            "unix_socket_directories": f"'{self.folder}'",
            "max_connections": 20,
            # A throwaway cluster: nothing needs to survive a crash of the machine.
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
        }
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())

    def pg_ctl(self, action, *args):
        self.run("pg_ctl", action, "-D", str(self.data), "-l", str(self.log), "-w", "-t", "30", *args)

    def start(self):
        self.pg_ctl("start")

    def stop(self, mode="fast"):
        self.pg_ctl("stop", "-m", mode)

    def restart(self, mode="fast"):
        self.pg_ctl("restart", "-m", mode)

    def postmaster_pid(self):
        return int((self.data / "postmaster.pid").read_text().splitlines()[0])

    @contextlib.contextmanager
    def postmaster_paused(self):
        """New connections are accepted by the kernel and then never answered; running backends go on."""
        pid = self.postmaster_pid()
        os.kill(pid, signal.SIGSTOP)
        try:
            yield
        finally:
            os.kill(pid, signal.SIGCONT)

    def remove(self):
        """Stop the server at once if it runs (a paused one is woken first) and delete its folder."""
        with contextlib.suppress(FileNotFoundError, ValueError, ProcessLookupError):
            os.kill(self.postmaster_pid(), signal.SIGCONT)
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            if (self.data / "postmaster.pid").exists():
                self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def throwaway_postgres():
    server = ThrowawayPostgres()
    try:
        server.create()
        server.start()
        yield server
    finally:
        server.remove()
