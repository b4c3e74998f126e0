"""The nginx site file of a real deployment (HTTPS, two app servers on other machines) is one that
Debian's nginx accepts; the local stack's plain-HTTP variant is exercised by test_stack.py."""

import subprocess
import sys

from django.conf import settings

from deploy.localstack import NGINX_MAIN, find_program
from deploy.nginx_site import render_site


def test_the_tls_site_passes_nginxs_own_configuration_test(tmp_path):
    certificate, key = tmp_path / "site.pem", tmp_path / "site.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=iom.example"]
        + ["-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )
    site = render_site(
        app_servers=["10.0.0.11:8001", "10.0.0.12:8001"],
        static_root="/srv/iomcz/staticfiles",
        media_root="/srv/iomcz/media",
        server_name="iom.example",
        certificate=certificate,
        certificate_key=key,
    )
    assert "@" not in site.replace("$", "")
    assert "listen 443 ssl http2;" in site
    assert "return 301 https://$host$request_uri;" in site
    (tmp_path / "iomcz-site.conf").write_text(site)
    (tmp_path / "logs").mkdir()
    (tmp_path / "nginx-temp").mkdir()
    (tmp_path / "nginx.conf").write_text(NGINX_MAIN.format(user="", folder=tmp_path))
    tested = subprocess.run(
        [find_program("nginx"), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
        + ["-e", str(tmp_path / "logs" / "error.log")],
        capture_output=True,
        text=True,
    )
    assert tested.returncode == 0, tested.stderr
    assert "syntax is ok" in tested.stderr


def test_the_command_line_writes_the_site_file_and_wants_a_key_with_a_certificate():
    command = [sys.executable, "-m", "deploy.nginx_site", "--server-name", "iom.example", "--app", "10.0.0.11:8001"]
    command += ["--static-root", "/srv/iomcz/staticfiles", "--media-root", "/srv/iomcz/media"]
    written = subprocess.run(command, cwd=settings.BASE_DIR, capture_output=True, text=True)
    assert written.returncode == 0, written.stderr
    assert "server 10.0.0.11:8001 max_fails=1 fail_timeout=5s;" in written.stdout
    assert "alias /srv/iomcz/media/;" in written.stdout
    refused = subprocess.run(
        [*command, "--certificate", "/etc/ssl/site.pem"], cwd=settings.BASE_DIR, capture_output=True
    )
    assert refused.returncode != 0
    assert b"--certificate and --certificate-key go together" in refused.stderr
