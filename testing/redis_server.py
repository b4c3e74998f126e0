"""A redis-server of the test's own on a free port (never the machine's on 6379), and the settings
that point Django's cache at it through core.cache.ResilientRedisCache."""

import contextlib
import os
import signal
import subprocess
import time

import redis
from django.conf import settings
from django.test import override_settings

from testing.throwaway import ThrowawayServer, free_port

BACKEND = "core.cache.ResilientRedisCache"
DATABASE = 7


class ThrowawayRedis(ThrowawayServer):
    """A redis-server of the test's own: started, stopped and paused at will, never saved to disk."""

    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/{DATABASE}"
        self.process = None

    def start(self):
        command = ["redis-server", "--save", "", "--appendonly", "no", "--port", str(self.port), "--daemonize", "no"]
        command += ["--bind", "127.0.0.1", "--dir", str(self.directory)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url, socket_timeout=1)
        for _ in range(100):
            with contextlib.suppress(redis.ConnectionError):
                client.ping()
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=5)

    @contextlib.contextmanager
    def paused(self):
        os.kill(self.process.pid, signal.SIGSTOP)
        try:
            yield
        finally:
            os.kill(self.process.pid, signal.SIGCONT)


def redis_cache(url):
    """Settings that make Django's default cache the Redis at `url`, with the site's timeouts."""
    options = {"socket_connect_timeout": settings.REDIS_TIMEOUT, "socket_timeout": settings.REDIS_TIMEOUT}
    return override_settings(CACHES={"default": {"BACKEND": BACKEND, "LOCATION": url, "OPTIONS": options}})
