"""Production: every secret from the environment, HTTPS behind a reverse proxy."""

from .base import *  # noqa: F403
from .base import env_bool, require

SECRET_KEY = require("SECRET_KEY", SECRET_KEY)  # noqa: F405
DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(__import__("os").environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Ask browsers' preload lists to carry the site (https only, every subdomain): set it only once
# every subdomain serves https, since leaving the list takes months.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
