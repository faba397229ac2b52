"""Transport: desk-central speaks https unless told --insecure-http; a PC trusts the hall's own CA through
`desk-app enroll --ca-file` (setting sync.ca_file); an untrusted certificate is explained in Chinese."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desk_app.domain.errors import NetworkError, ValidationError
from desk_app.server import core
from desk_app.server.cli import main as central_main
from desk_app.sync.client import SyncAuthError, SyncClient

ROOT = Path(__file__).resolve().parents[3]


def _openssl(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """A hall's private CA and a server certificate it signed for 127.0.0.1."""
    if not shutil.which("openssl"):
        pytest.fail("openssl is needed to make test certificates")
    d = tmp_path_factory.mktemp("pki")
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=测试大厅 CA",
             "-keyout", str(d / "ca.key"), "-out", str(d / "ca.pem"))
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", str(d / "server.key"),
             "-out", str(d / "server.csr"))
    (d / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\n")
    _openssl("x509", "-req", "-in", str(d / "server.csr"), "-CA", str(d / "ca.pem"), "-CAkey", str(d / "ca.key"),
             "-CAcreateserial", "-days", "2", "-extfile", str(d / "ext.cnf"), "-out", str(d / "server.pem"))
    return d


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def tls_central(pki, tmp_path_factory):
    d = tmp_path_factory.mktemp("central")
    db_url = f"sqlite:///{d / 'central.db'}"
    db = core.ServerDB(db_url)
    hall = core.create_hall(db, "TLS", "加密大厅")
    db.dispose()
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "desk_app.server.cli", "--db", db_url, "serve", "--port",
                             str(port), "--blobs", str(d / "blobs"), "--tls-cert", str(pki / "server.pem"),
                             "--tls-key", str(pki / "server.key")], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"https://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "desk-central did not start"
                time.sleep(0.05)
        yield url, db_url, hall, port
    finally:
        proc.terminate()
        proc.wait(10)


def test_an_untrusted_certificate_is_explained_in_chinese(tls_central):
    url, *_ = tls_central
    client = SyncClient(url)
    try:
        with pytest.raises(NetworkError, match="服务器证书不受信任（证书由本机不认识的机构签发") as exc:
            client.status()
        assert "--ca-file" in exc.value.message
    finally:
        client.close()


def test_a_name_mismatch_is_explained(tls_central, pki):
    _url, _db, _hall, port = tls_central
    client = SyncClient(f"https://localhost:{port}", verify=str(pki / "ca.pem"))
    try:
        with pytest.raises(NetworkError, match="服务器证书不受信任"):
            client.status()
    finally:
        client.close()


def test_the_halls_ca_is_trusted_besides_the_system_store(tls_central, pki):
    url, *_ = tls_central
    client = SyncClient(url, verify=str(pki / "ca.pem"))
    try:
        with pytest.raises(SyncAuthError):  # TLS held: the server answered (and wants a device credential)
            client.status()
    finally:
        client.close()


def test_enroll_with_ca_file_remembers_it(tls_central, pki, tmp_path, monkeypatch):
    url, db_url, hall, _port = tls_central
    db = core.ServerDB(db_url)
    code = core.create_enrollment_code(db, hall, 3)
    db.dispose()
    data = tmp_path / "pc"
    env = {**os.environ, "DESK_APP_DATA": str(data), "QT_QPA_PLATFORM": "offscreen"}
    bad = subprocess.run([sys.executable, "-m", "desk_app.cli", "enroll", url, code, "--ca-file",
                          str(tmp_path / "missing.pem")], capture_output=True, text=True, env=env, cwd=ROOT)
    assert bad.returncode != 0 and "找不到 CA 证书文件" in bad.stdout + bad.stderr
    assert not (data / "local.db").exists()  # refused before anything was written
    ok = subprocess.run([sys.executable, "-m", "desk_app.cli", "enroll", url, code, "--ca-file",
                         str(pki / "ca.pem")], capture_output=True, text=True, env=env, cwd=ROOT)
    assert ok.returncode == 0, ok.stderr
    assert "本机已注册" in ok.stdout
    settings = json.loads((data / "settings.json").read_text(encoding="utf-8"))
    assert settings["sync.ca_file"] == str((pki / "ca.pem").resolve()) and settings["sync.server_url"] == url


def test_a_ca_file_that_is_no_certificate_is_refused(tmp_path):
    junk = tmp_path / "ca.pem"
    junk.write_text("not a certificate")
    with pytest.raises(ValidationError, match="CA 证书文件“ca.pem”无法读取"):
        SyncClient("https://127.0.0.1:1", verify=str(junk))


def test_plain_http_needs_insecure_http(tmp_path, capsys):
    assert central_main(["--db", f"sqlite:///{tmp_path / 'c.db'}", "serve", "--port", "0"]) == 2
    assert "默认只提供 https" in capsys.readouterr().err
