"""`desk-app printout sample KIND --out FILE`: render one printout kind with demo data (PDF, or ESC/POS bytes)."""
from __future__ import annotations

import argparse
from pathlib import Path

from desk_app.domain.errors import StorageError, ValidationError
from desk_app.domain.printout_kinds import KINDS, REGISTRY


def cmd_sample(args: argparse.Namespace) -> int:
    from desk_app.printing import render_pdf
    from desk_app.printing.samples import sample
    from desk_app.printing.ticket import render_ticket_escpos

    kind = args.kind
    if kind not in KINDS:
        raise ValidationError(f"未知的文书种类：{kind}。可用：{', '.join(KINDS)}", field="kind")
    thermal = REGISTRY[kind].thermal
    if getattr(args, "escpos", False) and not thermal:
        raise ValidationError("--escpos 只适用于 ticket（排队小票）。", field="escpos")
    data = sample(kind, materials=getattr(args, "materials", None) or 5)
    if thermal and args.escpos:
        out = render_ticket_escpos(data, width_mm=args.width)
    else:
        out = render_pdf(kind, data)
    path = Path(args.out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(out)
    except OSError as exc:
        raise StorageError(f"无法写入 {path}：{exc.strerror}。请换一个输出位置。", field="out") from exc
    print(f"已生成 {kind} 样张：{path}（{len(out)} 字节）")
    return 0
