"""The production settings as the environment makes them: uploads on S3-compatible storage when a
bucket is named, and plain HTTP only for a site on loopback. Each case loads iomcz.settings.prod
in a process of its own, as a server would."""

import json
import os
import subprocess
import sys

from django.conf import settings

# Runs in the child: any attempt to reach the network fails loudly.
PROBE = """
import json, socket

def no_network(*args, **kwargs):
    raise AssertionError("the settings tried to reach the network")

socket.socket.connect = no_network
socket.create_connection = no_network

import django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage, storages
print(json.dumps({
    "backend": type(storages["default"]).__module__ + "." + type(storages["default"]).__name__,
    "url": default_storage.url("news/anniversary.jpg"),
    "static_backend": type(storages["staticfiles"]).__name__,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "hsts": settings.SECURE_HSTS_SECONDS,
}))
"""

S3 = {
    "MEDIA_S3_BUCKET": "iomcz-media",
    "MEDIA_S3_ENDPOINT_URL": "https://s3.example.net",
    "MEDIA_S3_REGION": "eu-central-1",
    "MEDIA_S3_ACCESS_KEY_ID": "an-access-key",
    "MEDIA_S3_SECRET_ACCESS_KEY": "a-secret-key",
}


def production_settings(**variables):
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    env = {key: value for key, value in env.items() if not key.startswith(("MEDIA_S3_", "AWS_"))}
    env |= {"DJANGO_SETTINGS_MODULE": "iomcz.settings.prod", "SECRET_KEY": "k" * 50, **variables}
    return subprocess.run(
        [sys.executable, "-c", PROBE], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60
    )


def read(result):
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_a_bucket_uploads_stay_on_the_local_disk_under_media():
    found = read(production_settings())
    assert found["backend"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert found["url"] == "/media/news/anniversary.jpg"


def test_a_bucket_switches_uploads_to_s3_with_plain_public_urls_and_no_network_call():
    found = read(production_settings(**S3))
    assert found["backend"] == "storages.backends.s3.S3Storage"
    assert found["url"] == "https://s3.example.net/iomcz-media/media/news/anniversary.jpg"
    assert found["static_backend"] == "CompressedManifestStaticFilesStorage"


def test_a_public_url_serves_the_uploads_from_that_address():
    found = read(production_settings(**S3, MEDIA_S3_PUBLIC_URL="https://media.iom.example/"))
    assert found["url"] == "https://media.iom.example/media/news/anniversary.jpg"


def test_a_bucket_without_keys_is_refused_naming_the_missing_variable():
    result = production_settings(**{**S3, "MEDIA_S3_SECRET_ACCESS_KEY": ""})
    assert result.returncode != 0
    assert "Set the MEDIA_S3_SECRET_ACCESS_KEY environment variable." in result.stderr


def test_production_cookies_are_secure_and_http_redirects_to_https_by_default():
    found = read(production_settings())
    assert (found["session_cookie_secure"], found["ssl_redirect"], found["hsts"]) == (True, True, 31536000)


def test_local_plain_http_drops_the_secure_flag_on_loopback_only():
    found = read(production_settings(LOCAL_PLAIN_HTTP="true", ALLOWED_HOSTS="127.0.0.1,localhost"))
    assert (found["session_cookie_secure"], found["ssl_redirect"], found["hsts"]) == (False, False, 0)
    refused = production_settings(LOCAL_PLAIN_HTTP="true", ALLOWED_HOSTS="127.0.0.1,iom.example")
    assert refused.returncode != 0
    assert "LOCAL_PLAIN_HTTP is for loopback only" in refused.stderr
