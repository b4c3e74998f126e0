"""gunicorn settings of an app server (`gunicorn -c deploy/gunicorn.conf.py --bind 127.0.0.1:8001 iomcz.wsgi`).

Every value can be changed from the environment (the systemd unit reads /etc/iomcz/env).
"""

import os

wsgi_app = "iomcz.wsgi"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Synchronous workers: each answers one request at a time; pages are mostly cached in Redis.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1))
# A request still running after this many seconds is killed and its worker replaced; nginx waits
# a little longer (proxy_read_timeout) so that it sees the failure instead of guessing.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Workers are replaced now and then, so that a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# Load the site once in the master: a site that cannot start (settings, untranslated catalogues)
# stops the server at once with its message, instead of workers failing one by one.
preload_app = True


def when_ready(server):
    """Before the first worker is forked: load in the master what every worker would otherwise load
    on its first requests (core.warm_up), so that a new or replaced worker is as fast as an old one."""
    from core.warm_up import warm_up

    warm_up()
    # What the master holds now lives as long as the workers: kept out of their garbage collections,
    # which then neither scan it nor copy the pages it lies in (copy-on-write after fork).
    import gc

    gc.freeze()


def worker_exit(server, worker):
    """A worker that ends cleanly (replaced after max_requests, or stopped) closes its database
    connections, writes out its log and leaves at once. Tearing down the interpreter took about
    200 ms, and gunicorn forks the replacement only once the old worker has gone: meanwhile one
    worker fewer served, and readers' requests queued (p99 of 300 ms where p50 was 25 ms).
    A worker that fails keeps the normal exit, with the exit code gunicorn acts on."""
    import logging
    import sys

    error = sys.exc_info()[1]
    if isinstance(error, SystemExit) and error.code not in (0, None):
        return
    if error is not None and not isinstance(error, SystemExit):
        return
    from django.db import connections

    connections.close_all()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


# Heartbeat files in memory: a worker on a slow disk is not taken for a hung one.
worker_tmp_dir = "/dev/shm"
# nginx runs on the same machine or a known one; only it may say which protocol the reader used.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Who asked (the reader's address as nginx saw it), what, the answer, its size, and the time
# in microseconds.
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(B)s %(D)sus "%(f)s" "%(a)s"'
