"""TLS to desk-central: the system trust store (through `truststore` where installed) plus a hall's own CA file,
and certificate failures told in Chinese."""
from __future__ import annotations

import ssl
from pathlib import Path

from desk_app.domain.errors import NetworkError, ValidationError

try:  # the operating system's trust store (Windows, macOS; on Linux the distribution's CA bundle)
    import truststore
except ImportError:  # pragma: no cover - depends on the installation
    truststore = None


def ssl_context(ca_file: str | Path | None = None) -> ssl.SSLContext:
    """Verifying context: the system's trusted CAs, and ``ca_file`` (PEM) too when given."""
    if truststore is not None:
        ctx: ssl.SSLContext = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    else:
        ctx = ssl.create_default_context()
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    if ca_file:
        path = Path(ca_file)
        if not path.is_file():
            raise ValidationError(f"找不到 CA 证书文件“{path}”。请检查路径（应为 PEM 格式的 .pem 或 .crt 文件）。",
                                  field="ca_file")
        try:
            ctx.load_verify_locations(cafile=str(path))
        except (ssl.SSLError, OSError, ValueError) as exc:
            raise ValidationError(f"CA 证书文件“{path.name}”无法读取：{exc}。请确认它是 PEM 格式的证书。",
                                  field="ca_file") from exc
    return ctx


def certificate_error(exc: BaseException) -> NetworkError | None:
    """A Chinese message for a TLS failure inside an httpx error, or None when it was not one."""
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, ssl.SSLCertVerificationError):
            why = e.verify_message or str(e)
            code = e.verify_code
            if code in (10,):
                detail = "证书已过期"
            elif code in (18, 19, 20, 21):
                detail = "证书由本机不认识的机构签发（如本单位自建 CA）"
            elif "hostname" in why.lower() or code == 62:
                detail = "证书上的名称与服务器地址不符"
            else:
                detail = why
            return NetworkError(
                f"服务器证书不受信任（{detail}）。请向管理员索取本单位的 CA 证书，用"
                "“desk-app enroll --ca-file 证书文件”注册，或在设置 sync.ca_file 中填写证书路径。", detail=why)
        if isinstance(e, ssl.SSLError):
            return NetworkError(f"与服务器建立加密连接失败（{e.reason or e}）。请检查服务器地址是否为 https，"
                                "以及服务器的证书配置。", detail=str(e))
        e = e.__cause__ or e.__context__
    return None
