"""`desk-central audit verify|export`: the hash-chain report and the audit record for an assessor."""
from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from desk_app.domain.errors import ValidationError


def _day_ms(text: str) -> int:
    try:
        return int(datetime.strptime(text, "%Y-%m-%d").timestamp() * 1000)
    except ValueError:
        raise ValidationError(f"日期“{text}”格式不对，请写成 2026-12-01 这样。", field="date") from None


def add_commands(sub: Any, group: Callable[..., Any], cmd: Callable[..., Any],
                 db: Callable[[argparse.Namespace], Any]) -> None:
    def verify(args: argparse.Namespace) -> int:
        from desk_app.server.audit import verify_all
        d = db(args)
        report = verify_all(d, hall=args.hall, workers=args.workers)
        d.dispose()
        print(f"已检查 {report.devices} 台设备的 {report.events} 个事件的 SM3 哈希链。")
        print(f"上传时已标记断链的事件：{report.flagged_on_push} 个；因权限不符被拒收的事件：{report.forged} 个。")
        if report.ok:
            print("哈希链完整：没有发现缺失、被改动或被删除的事件。")
            return 0
        print(f"发现 {len(report.breaks)} 处断链：", file=sys.stderr)
        for b in report.breaks[:1000]:
            print("  " + b.line(), file=sys.stderr)
        return 1

    def export(args: argparse.Namespace) -> int:
        from desk_app.server.audit import export as do_export
        out = Path(args.out)
        d = db(args)
        n = do_export(d, out, hall=args.hall, since_ms=_day_ms(args.since) if args.since else 0,
                      until_ms=_day_ms(args.until) + 86_400_000 if args.until else None)
        d.dispose()
        print(f"已导出 {n} 条审计记录到 {out}（每行一条 JSON，UTF-8）。请同时附上 audit verify 的结果。")
        return 0

    g = group("audit", "安全审计：哈希链校验与审计记录导出")
    v = cmd(g, "verify", "重新计算各设备事件的 SM3 哈希链，报告缺失、被改动或被删除的事件（有断链时退出码为 1）", verify)
    v.add_argument("--hall", default="", help="大厅代码或编号（默认：全部大厅）")
    v.add_argument("--workers", type=int, default=0,
                   help=f"并行校验的进程数（PostgreSQL；默认按核数自动选：每两核一个，本机有 {os.cpu_count()} 核）")
    e = cmd(g, "export", "导出审计记录（登录、锁屏、查看个人信息、打印、导出、设置变更、被拒收事件）", export)
    e.add_argument("--out", required=True, help="输出文件（JSON Lines）")
    e.add_argument("--hall", default="", help="大厅代码或编号（默认：全部大厅）")
    e.add_argument("--since", default="", help="起始日期（含），如 2026-12-01")
    e.add_argument("--until", default="", help="结束日期（含）")
