"""What the tests' throwaway servers (redis-server, PostgreSQL) share: a free loopback port, and
stopping a server for the length of a `with` block."""

import contextlib
import socket


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawayServer:
    """A server a test starts and stops at will; subclasses define start() and stop()."""

    @contextlib.contextmanager
    def stopped(self):
        self.stop()
        try:
            yield
        finally:
            self.start()
