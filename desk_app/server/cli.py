"""The `desk-central` command: serve the API, create halls, enroll PCs, publish reference data, rotate the epoch."""
from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path
from typing import Any, Sequence

from desk_app import __version__
from desk_app.cli_args import ChineseArgumentParser, run_command
from desk_app.domain.errors import KnownError, ValidationError

DEFAULT_DB_ENV = "DESK_CENTRAL_DB"
DEFAULT_BLOBS_ENV = "DESK_CENTRAL_BLOBS"


def _default_db() -> str:
    return os.environ.get(DEFAULT_DB_ENV) or "sqlite:///desk-central.db"


def build_parser() -> argparse.ArgumentParser:
    p = ChineseArgumentParser(
        prog="desk-central",
        description="政务服务中心中心服务器：各窗口电脑的数据同步、号段分配、参考数据发布与附件存储。\n"
                    "数据库默认是当前目录下的 SQLite 文件；正式部署请用 PostgreSQL：\n"
                    "  --db postgresql+psycopg://用户@主机:5432/库名（或环境变量 DESK_CENTRAL_DB）")
    p.add_version(__version__)
    p.add_argument("--db", default=None, help="数据库 URL（默认：环境变量 DESK_CENTRAL_DB，或 sqlite:///desk-central.db）")
    sub = p.add_subparsers(dest="command")

    def cmd(parent, name: str, help_: str, fn):
        sp = parent.add_parser(name, help=help_, description=help_)
        sp.set_defaults(handler=fn)
        return sp

    def group(name: str, help_: str):
        g = sub.add_parser(name, help=help_, description=help_)
        return g.add_subparsers(dest=f"{name}_command", title="子命令", metavar="子命令", required=True)

    serve = cmd(sub, "serve", "启动同步服务（HTTP API）", _serve)
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1；对外服务用 0.0.0.0）")
    serve.add_argument("--port", type=int, default=8443, help="端口（默认 8443）")
    serve.add_argument("--blobs", default=None, help="附件目录（默认：环境变量 DESK_CENTRAL_BLOBS，或 ./desk-central-blobs）")
    serve.add_argument("--tls-cert", help="TLS 证书文件（PEM）；与 --tls-key 同时给出时启用 HTTPS")
    serve.add_argument("--tls-key", help="TLS 私钥文件（PEM）")
    serve.add_argument("--insecure-http", action="store_true",
                       help="不加密的 http（只用于实验环境，或由前面的负载均衡器负责 https 时；正式环境必须给出 --tls-cert 与 --tls-key）")
    serve.add_argument("--log-dir", help="日志目录：访问日志 access.log 与错误日志 error.log（JSON 行，按大小轮转）；"
                                          "不填则错误日志写到标准错误输出")

    halls = group("hall", "大厅管理")
    hc = cmd(halls, "create", "创建一个大厅", _hall_create)
    hc.add_argument("--code", required=True, help="大厅代码（唯一，如 HD01）")
    hc.add_argument("--name", required=True, help="大厅名称")

    rep = cmd(sub, "report", "统计报表：各大厅一段时间的取号、办件、评价等数据（定义见 docs/reports.md）", _report)
    rep.add_argument("--from", dest="start", required=True, help="开始日期 YYYY-MM-DD")
    rep.add_argument("--to", dest="end", required=True, help="结束日期 YYYY-MM-DD（含当天）")
    rep.add_argument("--hall", action="append", help="大厅代码或编号（可多次给出；不填则统计所有大厅）")
    rep.add_argument("--by", default="hall", choices=["hall", "category", "window", "clerk", "day"],
                     help="分组（默认 hall：每个大厅一行）")
    rep.add_argument("--format", default="json", choices=["json", "xlsx"], help="输出格式（默认 json）")
    rep.add_argument("--out", help="输出文件（xlsx 必须给出；json 不填则打印到标准输出）")

    en = cmd(sub, "enroll", "为一台窗口电脑生成一次性注册码（7 天内有效，只能用一次）", _enroll)
    en.add_argument("--hall", required=True, help="大厅代码或编号")
    en.add_argument("--window", type=int, help="窗口号（导办台等非窗口电脑可不填）")

    cal = group("calendar", "节假日日历（法定节假日与调休）：每年国务院发布放假安排后发布一次")
    cp = cmd(cal, "publish", "发布某一年的节假日安排，各窗口电脑自动拉取并立即使用（无需重启）", _calendar_publish)
    cp.add_argument("path", nargs="?", help="工作日表 JSON 文件，格式 {\"2027\": {\"holidays\": [...], \"workdays\": [...]}}")
    cp.add_argument("--year", type=int, help="从已安装的 chinesecalendar 包取这一年的安排（不给文件时）")
    cp.add_argument("--label", default="", help="版本标签（默认：年份）")

    for kind, title, hall_scoped in (("catalog", "事项目录", False),
                                     ("users", "工作人员名单", True), ("windows", "窗口与业务类别", True)):
        g = group(kind, f"{title}：发布给各窗口电脑")
        pub = cmd(g, "publish", f"发布新版本的{title}（JSON 文件），各窗口电脑自动拉取", _publish)
        pub.add_argument("path", help="JSON 文件路径")
        pub.add_argument("--hall", required=hall_scoped, default="", help="大厅代码或编号" + ("" if hall_scoped else "（不填则发布给所有大厅）"))
        pub.add_argument("--label", default="", help="版本标签（默认：文件中的版本号或自动编号）")
        pub.set_defaults(kind=kind)
        if kind == "users":
            from desk_app.server.users_cli import add_commands
            add_commands(g, cmd, _db)

    ref = group("reference", "其他参考数据（打印设置等）")
    rp = cmd(ref, "publish", "发布一种参考数据（categories、printouts、settings 等）", _publish)
    rp.add_argument("kind", help="类型：catalog、calendar、users、windows、categories、printouts、settings（大厅设置：review_body 复议机关、court 人民法院）")
    rp.add_argument("path", help="JSON 文件路径")
    rp.add_argument("--hall", default="", help="大厅代码或编号")
    rp.add_argument("--label", default="", help="版本标签")

    dv = group("device", "窗口电脑管理")
    rv = cmd(dv, "revoke", "注销一台电脑的设备凭证（电脑丢失或报废时使用；10 秒内生效）", _device_revoke)
    rv.add_argument("device", help="设备编号")

    ep = group("epoch", "数据库纪元（从备份恢复后使用）")
    cmd(ep, "rotate", "从备份恢复数据库后运行：各窗口电脑将重新同步并补传服务器缺失的数据", _epoch_rotate)

    from desk_app.server.audit_cli import add_commands as add_audit_commands
    add_audit_commands(sub, group, cmd, _db)

    cmd(sub, "migrate", "把服务器数据库升级到最新结构", _migrate)

    bk = cmd(sub, "backup", "备份数据库与附件目录到一个新目录（服务运行中也可备份）", _backup)
    bk.add_argument("--out", required=True, help="备份目录（必须不存在或为空）")
    bk.add_argument("--blobs", default=None, help="附件目录（默认：环境变量 DESK_CENTRAL_BLOBS，或 ./desk-central-blobs）")
    rs = cmd(sub, "restore", "从备份目录恢复数据库与附件（先停止服务）；恢复后各窗口电脑自动重新同步", _restore)
    rs.add_argument("--from", dest="source", required=True, help="desk-central backup 生成的备份目录")
    rs.add_argument("--blobs", default=None, help="附件目录（默认：环境变量 DESK_CENTRAL_BLOBS，或 ./desk-central-blobs）")
    return p


def _blobs_dir(args: argparse.Namespace) -> str:
    return args.blobs or os.environ.get(DEFAULT_BLOBS_ENV) or "desk-central-blobs"


def _db(args: argparse.Namespace):
    from desk_app.server.core import ServerDB
    return ServerDB(args.db or _default_db())


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from desk_app.server.app import CentralServer, create_app
    if bool(args.tls_cert) != bool(args.tls_key):
        raise ValidationError("--tls-cert 与 --tls-key 必须同时给出。", field="tls")
    if not args.tls_cert and not args.insecure_http:
        raise ValidationError("desk-central 默认只提供 https：请用 --tls-cert 和 --tls-key 给出证书与私钥。"
                              "实验环境确需不加密的 http 时，加 --insecure-http。", field="tls")
    from desk_app.server.logs import uvicorn_log_config
    app = create_app(args.db or _default_db(), _blobs_dir(args))
    ssl: dict[str, Any] = {"ssl_certfile": args.tls_cert, "ssl_keyfile": args.tls_key} if args.tls_cert else {}
    print(f"desk-central 正在监听 {'https' if ssl else 'http'}://{args.host}:{args.port}", flush=True)
    log_dir = Path(args.log_dir) if args.log_dir else None
    _freeze_startup_heap()
    CentralServer(uvicorn.Config(app, host=args.host, port=args.port, timeout_keep_alive=75,
                                 timeout_graceful_shutdown=10, access_log=log_dir is not None,
                                 log_config=uvicorn_log_config(log_dir, "info" if log_dir else "warning"),
                                 **ssl)).run()
    return 0


def _freeze_startup_heap() -> None:
    """Leave everything loaded at startup (modules, SQLAlchemy's and FastAPI's tables) out of later collections.

    Python's full collection walks every tracked object: with the server loaded it took ~100 ms every few
    seconds under 200 PCs' load, and every push in flight waited for it (it was the p99 push). Frozen, a
    full collection walks only what was made since (~12 ms). Only this process, which is the server alone.
    """
    gc.collect()
    gc.freeze()


def _hall_create(args: argparse.Namespace) -> int:
    from desk_app.server.core import create_hall
    db = _db(args)
    hid = create_hall(db, args.code, args.name)
    print(f"已创建大厅 {args.code}（{args.name}），编号 {hid}")
    db.dispose()
    return 0


def _report(args: argparse.Namespace) -> int:
    from desk_app.server import reports as r
    from desk_app.store.report_xlsx import SHEETS, workbook_bytes
    p = r.parse_period(args.start, args.end)
    if args.format == "xlsx" and not args.out:
        raise ValidationError("导出 xlsx 需要用 --out 指定文件名。", field="out")
    db = _db(args)
    try:
        halls = r.hall_ids(db, args.hall)
        names = r.names(db, halls)
        if args.format == "json":
            text = json.dumps(r.report_json(r.central_report(db, p, args.by, halls), names), ensure_ascii=False,
                              indent=1)
            if args.out:
                Path(args.out).write_text(text, encoding="utf-8")
            else:
                print(text)
            return 0
        reports = r.central_reports(db, p, [d for _s, d in SHEETS], halls)
        Path(args.out).write_bytes(workbook_bytes(reports, title=f"统计报表 {p.start} 至 {p.end}", names=names))
        print(f"已导出 {args.out}")
        return 0
    finally:
        db.dispose()


def _enroll(args: argparse.Namespace) -> int:
    from desk_app.server.core import create_enrollment_code
    db = _db(args)
    code = create_enrollment_code(db, args.hall, args.window)
    print(code)
    print("（一次性注册码，7 天内有效。在窗口电脑上运行 desk-app 并输入此码完成注册。）", file=sys.stderr)
    db.dispose()
    return 0


def _read_json(path: str) -> Any:
    p = Path(path)
    if not p.exists():
        raise ValidationError(f"找不到文件“{p}”。请检查路径。", field="path")
    if p.suffix.lower() != ".json":
        raise ValidationError(f"“{p.name}”不是 JSON 文件。Excel 目录请先用 desk-app catalog lint 检查并导出为 JSON。",
                              field="path")
    try:
        return json.loads(p.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(f"文件“{p.name}”不是有效的 UTF-8 JSON：{exc}", field="path") from exc


def _publish(args: argparse.Namespace) -> int:
    from desk_app.server.core import publish_reference
    body = _read_json(args.path)
    label = args.label
    if args.kind == "catalog":
        from desk_app.domain.catalog.io import read_json_file
        catalog = read_json_file(Path(args.path))  # refuses a malformed catalog before anyone pulls it
        label = label or catalog.catalog_version
    elif args.kind == "calendar":  # `reference publish calendar FILE`: the same checks and merge as calendar publish
        args.year = None
        return _calendar_publish(args)
    db = _db(args)
    version = publish_reference(db, args.kind, body, hall=args.hall, label=label)
    print(f"已发布 {args.kind} 第 {version} 版" + (f"（{label}）" if label else ""))
    if args.kind in ("catalog", "categories", "windows"):
        _warn_setup(db, args.hall)
    db.dispose()
    return 0


def _warn_setup(db: Any, hall: str) -> None:
    """The publisher sees at once which items the guide desk could not queue (not the guide, later)."""
    from desk_app.server.core import halls_with_setup, setup_findings
    for hall in [hall] if hall else halls_with_setup(db):
        for f in setup_findings(db, hall):
            print(f.as_text(), file=sys.stderr)


def _calendar_publish(args: argparse.Namespace) -> int:
    from desk_app.server.calendar import package_year_table, publish_calendar
    if bool(args.path) == (args.year is not None):
        raise ValidationError("请给出工作日表 JSON 文件，或用 --year 指定年份（从 chinesecalendar 包生成），二者选一。",
                              field="year")
    if args.path:
        table = _read_json(args.path)
        if not isinstance(table, dict):
            raise ValidationError("工作日表应为以年份为键的 JSON 对象。", field="path")
    else:
        table = package_year_table(args.year)
    db = _db(args)
    try:
        version, years = publish_calendar(db, table, label=args.label)
    finally:
        db.dispose()
    new = "、".join(sorted(table))
    print(f"已发布节假日日历第 {version} 版（{new} 年）；已发布的年份：{years[0]}–{years[-1]}。各窗口电脑将自动同步。")
    return 0


def _device_revoke(args: argparse.Namespace) -> int:
    from desk_app.server.core import revoke_device
    db = _db(args)
    revoke_device(db, args.device)
    print(f"已注销设备 {args.device}。该电脑需用新的注册码重新注册。")
    db.dispose()
    return 0


def _epoch_rotate(args: argparse.Namespace) -> int:
    db = _db(args)
    epoch = db.rotate_epoch()
    print(f"新的数据库纪元：{epoch}。各窗口电脑下次连接时将自动重新同步。")
    db.dispose()
    return 0


def _migrate(args: argparse.Namespace) -> int:
    db = _db(args)
    print("数据库结构已是最新。")
    db.dispose()
    return 0


def _backup(args: argparse.Namespace) -> int:
    from desk_app.server.backup import backup
    done = backup(args.db or _default_db(), Path(_blobs_dir(args)), Path(args.out))
    print(f"已备份 {done.database} 数据库与 {done.attachments} 个附件到 {done.folder}"
          f"（{done.bytes / 1_000_000:.1f} MB）")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from desk_app.server.backup import restore
    epoch = restore(args.db or _default_db(), Path(_blobs_dir(args)), Path(args.source))
    print(f"已从 {args.source} 恢复。新的数据库纪元：{epoch}；各窗口电脑下次连接时自动重新同步并补传服务器缺失的数据。")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run_command(build_parser(), argv, KnownError)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
