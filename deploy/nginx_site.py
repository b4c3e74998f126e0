"""Write the nginx site file from deploy/nginx/iomcz.conf.in: the TLS site of a real deployment,
or the plain-HTTP loopback site of the local stack.

    python -m deploy.nginx_site --server-name iom.cz --app 10.0.0.11:8001 --app 10.0.0.12:8001 \\
        --static-root /srv/iomcz/staticfiles --media-root /srv/iomcz/media \\
        --certificate /etc/letsencrypt/live/iom.cz/fullchain.pem \\
        --certificate-key /etc/letsencrypt/live/iom.cz/privkey.pem > /etc/nginx/sites-available/iomcz
"""

import argparse
import re
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "iomcz.conf.in"

# Modern TLS only; HSTS is sent by Django (SECURE_HSTS_SECONDS), so it is not repeated here.
TLS_LISTEN = """\
    listen 443 ssl http2;
    listen [::]:443 ssl http2;
    ssl_certificate {certificate};
    ssl_certificate_key {certificate_key};
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers off;
    ssl_session_cache shared:iomcz_tls:10m;
    ssl_session_timeout 1d;"""

REDIRECT_TO_HTTPS = """
server {{
    listen 80;
    listen [::]:80;
    server_name {server_name};
    server_tokens off;
    return 301 https://$host$request_uri;
}}
"""


def render_site(
    *, app_servers, static_root, media_root, server_name, listen=None, certificate=None, certificate_key=None
):
    """The site file: with a certificate, HTTPS on 443 and a redirect from 80; else plain HTTP on `listen`."""
    if certificate:
        listen_lines = TLS_LISTEN.format(certificate=certificate, certificate_key=certificate_key)
        redirect = REDIRECT_TO_HTTPS.format(server_name=server_name)
    else:
        listen_lines = f"    listen {listen or '80'};"
        redirect = ""
    values = {
        "APP_SERVERS": "\n".join(f"    server {address} max_fails=1 fail_timeout=5s;" for address in app_servers),
        "REDIRECT_SERVER": redirect,
        "LISTEN": listen_lines,
        "SERVER_NAME": server_name,
        "STATIC_ROOT": str(static_root).rstrip("/"),
        "MEDIA_ROOT": str(media_root).rstrip("/"),
    }
    return re.sub(r"@([A-Z_]+)@", lambda match: values[match.group(1)], TEMPLATE.read_text())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-name", required=True, help="the site's host name(s), e.g. iom.cz www.iom.cz")
    parser.add_argument("--app", action="append", required=True, help="an app server's host:port (repeat)")
    parser.add_argument("--static-root", required=True, help="STATIC_ROOT of the app servers")
    parser.add_argument("--media-root", required=True, help="MEDIA_ROOT (unused when media are on S3)")
    parser.add_argument("--certificate", help="TLS certificate chain (PEM); without it plain HTTP")
    parser.add_argument("--certificate-key", help="the certificate's private key (PEM)")
    parser.add_argument("--listen", help="address:port for plain HTTP (default 80)")
    options = parser.parse_args()
    if bool(options.certificate) != bool(options.certificate_key):
        parser.error("--certificate and --certificate-key go together")
    print(
        render_site(
            app_servers=options.app,
            static_root=options.static_root,
            media_root=options.media_root,
            server_name=options.server_name,
            listen=options.listen,
            certificate=options.certificate,
            certificate_key=options.certificate_key,
        ),
        end="",
    )


if __name__ == "__main__":
    main()
