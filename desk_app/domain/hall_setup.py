"""Lint of a hall's setup against the catalog: items no queue category takes, names that match nothing."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

from desk_app.domain.queue import category_for_item


@dataclass(frozen=True)
class SetupFinding:
    code: str  # item_without_category | sector_not_in_catalog | item_code_not_in_catalog | unknown_window_category
    message: str  # Chinese, says what is wrong and what to do

    def as_text(self) -> str:
        return f"警告：{self.message}"


def lint_setup(categories: Iterable[dict[str, Any]], windows: Iterable[dict[str, Any]],
               items: Iterable[dict[str, Any]]) -> list[SetupFinding]:
    """Findings for published categories (with ``settings``), windows and catalog items (``item_code``, ``sector``).

    The guide desk maps an item to its category by item code, then by sector name (``category_for_item``):
    a sector spelled differently in the hall's setup and in the catalog leaves those items with no queue.
    """
    cats = [c for c in categories if c.get("active", True)]
    pairs = [(str(c.get("prefix", "")), c.get("settings") or {}) for c in cats]
    items = list(items)
    out: list[SetupFinding] = []
    orphans: dict[str, list[str]] = defaultdict(list)
    for it in items:
        if category_for_item(pairs, str(it.get("item_code", "")), str(it.get("sector", ""))) is None:
            orphans[str(it.get("sector", "")) or "（未填领域）"].append(str(it.get("name", it.get("item_code", ""))))
    for sector, names in sorted(orphans.items()):
        sample = "、".join(names[:3]) + ("等" if len(names) > 3 else "")
        out.append(SetupFinding("item_without_category",
                                f"领域“{sector}”的 {len(names)} 个事项（{sample}）没有排队类别，导办台无法为其取号："
                                f"请在某个类别的 settings.sectors 中加入“{sector}”（与目录的“所属领域”一字不差），"
                                "或设一个 default 类别。"))
    sectors = {str(it.get("sector", "")) for it in items}
    codes = {str(it.get("item_code", "")) for it in items}
    for c in cats:
        s = c.get("settings") or {}
        label = f"类别 {c.get('prefix')}（{c.get('name', '')}）"
        for sector in s.get("sectors") or []:
            if items and sector not in sectors:
                out.append(SetupFinding("sector_not_in_catalog",
                                        f"{label}的领域“{sector}”在事项目录中没有事项：请核对是否与目录的“所属领域”写法一致。"))
        for code in s.get("item_codes") or []:
            if items and code not in codes:
                out.append(SetupFinding("item_code_not_in_catalog",
                                        f"{label}的事项编码“{code}”不在事项目录中：请核对编码。"))
    known = {str(c.get("prefix", "")) for c in categories}
    for w in windows:
        for p in w.get("categories") or []:
            if p not in known:
                out.append(SetupFinding("unknown_window_category",
                                        f"{w.get('number')} 号窗口办理的类别“{p}”没有定义：请在类别中加入它，或从窗口中删去。"))
    return out
