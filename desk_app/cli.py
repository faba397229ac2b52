"""The `desk-app` command: demo hall, the program itself, the hall display, database, catalog and printout tools."""
from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from typing import Callable, Iterator, Sequence

from desk_app import __version__
from desk_app.cli_args import ChineseArgumentParser, run_command
from desk_app.domain.errors import KnownError
from desk_app.domain.printout_kinds import KINDS
from desk_app.domain.settings_schema import UI_LANGUAGES

Handler = Callable[[argparse.Namespace], int]


def _lazy(target: str) -> Handler:
    """Import a command's module only when it runs, so `--help` and `version` start instantly."""
    def run(args: argparse.Namespace) -> int:
        module, func = target.split(":")
        return getattr(importlib.import_module(f"desk_app.commands.{module}"), func)(args)
    return run


def build_parser() -> argparse.ArgumentParser:
    p = ChineseArgumentParser(
        prog="desk-app",
        description="政务服务中心前台系统：排队叫号、收件受理、文书打印、外设与离线同步。\n"
                    "Front-desk software for government service halls.")
    p.add_version(__version__)
    p.add_argument("--data-dir", help="数据目录（默认：用户数据目录下的 desk_app）")
    sub = p.add_subparsers(dest="command")

    def cmd(parent, name: str, target: str, help_: str):
        sp = parent.add_parser(name, help=help_, description=help_)
        sp.set_defaults(handler=_lazy(target))
        return sp

    def group(name: str, help_: str):
        g = sub.add_parser(name, help=help_, description=help_)
        return g.add_subparsers(dest=f"{name}_command", title="子命令", metavar="子命令", required=True)

    demo = cmd(sub, "demo", "app:cmd_demo", "打开演示大厅：导办台、窗口、大厅屏、评价屏与模拟外设，数据保存在临时演示目录")
    demo.add_argument("--fresh", action="store_true", help="清空演示数据后重新开始")
    demo.add_argument("--screenshot", metavar="DIR", help="启动后为每个窗口截图并退出（用于检查界面）")
    demo.add_argument("--history", action="store_true",
                      help="在后台生成过去一个月的模拟数据（取号、办件、评价），供值班长统计报表查看")
    demo.add_argument("--language", choices=UI_LANGUAGES,
                      help="本次演示的界面语言（zh_CN 中文，en 英文；默认按设置 ui.language）")
    run = cmd(sub, "run", "app:cmd_run", "启动本机前台程序（按登录角色显示界面）")
    run.add_argument("--server", help="desk-central 地址，例如 https://central.example:8443")
    disp = cmd(sub, "display", "app:cmd_display", "只启动大厅叫号屏（全屏，可选显示器）")
    disp.add_argument("--screen", help="显示器名称（默认：第二块屏幕，没有则主屏）")

    enroll = cmd(sub, "enroll", "sync:cmd_enroll", "用管理员给的一次性注册码把本机注册到 desk-central 服务器")
    enroll.add_argument("server", help="服务器地址，例如 https://central.example:8443")
    enroll.add_argument("code", help="一次性注册码（desk-central enroll 打印的）")
    enroll.add_argument("--name", default="", help="本机名称，例如“5号窗口”")
    enroll.add_argument("--ca-file", default="", help="服务器的 CA 证书（PEM），本单位自建 CA 时需要；记入设置 sync.ca_file")

    dbs = group("db", "本机数据库")
    up = cmd(dbs, "upgrade", "db:cmd_upgrade", "把本机数据库升级到最新结构")
    up.add_argument("--db", help="数据库文件或 URL（默认：数据目录下的 local.db）")

    cats = group("catalog", "事项目录：导入与质量检查")
    imp = cmd(cats, "import", "catalog:cmd_import", "导入事项目录（JSON 或 XLSX），全部成功才写入")
    imp.add_argument("path", help="目录文件路径（.json 或 .xlsx）")
    imp.add_argument("--db", help="数据库文件或 URL（默认：数据目录下的 local.db）")
    lint = cmd(cats, "lint", "catalog:cmd_lint", "按数据质量规则 Q1–Q13 检查事项目录；有错误时退出码为 1")
    lint.add_argument("path", help="目录文件路径（.json 或 .xlsx）")
    lint.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")

    prs = group("printout", "文书与小票")
    sample = cmd(prs, "sample", "printout:cmd_sample", "用演示数据生成一种文书的样张")
    sample.add_argument("kind", help=", ".join(KINDS))
    sample.add_argument("--out", required=True, help="输出文件")
    sample.add_argument("--escpos", action="store_true", help="（仅 ticket）输出热敏打印机的 ESC/POS 原始字节")
    sample.add_argument("--width", type=int, choices=[58, 80], default=80, help="（仅 ticket）纸宽毫米数")

    purge = cmd(sub, "purge-pii", "privacy:cmd_purge_pii", "删除超过保存期限的办件、预约和办不成事反映中的个人信息（并记入事件）")
    purge.add_argument("--years", type=int, default=None, help="保存期限（年；默认：设置 privacy.retention_years）")
    purge.add_argument("--dry-run", action="store_true", help="只列出将被删除个人信息的办件、预约和反映，不做改动")
    ver = cmd(sub, "version", "db:cmd_version", "显示版本")
    del ver
    return p


@contextlib.contextmanager
def _data_dir_env(args: argparse.Namespace) -> Iterator[None]:
    previous = os.environ.get("DESK_APP_DATA")
    if args.data_dir:
        os.environ["DESK_APP_DATA"] = args.data_dir
    try:
        yield
    finally:
        # main() is also called in-process (tests, the demo): leave the environment as it was.
        if previous is None:
            os.environ.pop("DESK_APP_DATA", None)
        else:
            os.environ["DESK_APP_DATA"] = previous


def main(argv: Sequence[str] | None = None) -> int:
    return run_command(build_parser(), argv, KnownError, around=_data_dir_env)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
