"""Production: every secret from the environment, HTTPS behind a reverse proxy (deploy/)."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY, STORAGES, env_bool, require

SECRET_KEY = require("SECRET_KEY", SECRET_KEY)
DEBUG = False
# nginx says which protocol the reader used (deploy/nginx/iomcz.conf.in sets X-Forwarded-Proto).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Local only: the stack of `make prod-local` serves plain HTTP on loopback, where a browser would
# never send back a cookie marked Secure (the admin login would fail). Refused for any other host.
LOCAL_PLAIN_HTTP = env_bool("LOCAL_PLAIN_HTTP", False)
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]"}
if LOCAL_PLAIN_HTTP and not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
    raise ImproperlyConfigured("LOCAL_PLAIN_HTTP is for loopback only: ALLOWED_HOSTS names another host.")

SESSION_COOKIE_SECURE = not LOCAL_PLAIN_HTTP
CSRF_COOKIE_SECURE = not LOCAL_PLAIN_HTTP
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not LOCAL_PLAIN_HTTP)
SECURE_HSTS_SECONDS = 0 if LOCAL_PLAIN_HTTP else int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
if LOCAL_PLAIN_HTTP:
    # `check --deploy` would warn about exactly what LOCAL_PLAIN_HTTP switches off.
    SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W008", "security.W012", "security.W016"]

# Media on S3-compatible object storage once there is more than one machine (they share no disk):
# naming a bucket switches the uploads there, and readers get them from the bucket's public URL.
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    public_url = os.environ.get("MEDIA_S3_PUBLIC_URL", "").rstrip("/")
    protocol, _, domain = public_url.partition("//")
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": MEDIA_S3_BUCKET,
                "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("MEDIA_S3_REGION") or None,
                "access_key": require("MEDIA_S3_ACCESS_KEY_ID", os.environ.get("MEDIA_S3_ACCESS_KEY_ID")),
                "secret_key": require("MEDIA_S3_SECRET_ACCESS_KEY", os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY")),
                "location": os.environ.get("MEDIA_S3_PREFIX", "media"),
                # Images are public: plain URLs that a browser or a CDN may keep, no expiring signatures.
                "querystring_auth": False,
                "custom_domain": domain or None,
                "url_protocol": protocol or "https:",
                # An upload never replaces another file of the same name, as on a local disk.
                "file_overwrite": False,
                "object_parameters": {"CacheControl": "public, max-age=86400"},
            },
        },
    }

# Ask browsers' preload lists to carry the site (https only, every subdomain): set it only once
# every subdomain serves https, since leaving the list takes months.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
