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
