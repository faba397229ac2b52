"""desk-central's holiday table: built for a year from chinesecalendar or read from a file, published as reference data."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from desk_app.domain.errors import ValidationError
from desk_app.domain.workdays import WorkdayCalendar, parse_table
from desk_app.store.models.server import ReferenceDoc

KIND = "calendar"


def package_year_table(year: int) -> dict[str, Any]:
    """The year as the installed chinesecalendar package knows it; refused (in Chinese) when it does not."""
    cal = WorkdayCalendar()
    if year not in cal.covered_years():
        import importlib.metadata
        version = importlib.metadata.version("chinesecalendar")
        raise ValidationError(
            f"已安装的 chinesecalendar {version} 还没有 {year} 年的节假日安排。请升级 chinesecalendar，"
            f"或按国务院办公厅发布的放假通知编写 JSON 文件后运行 desk-central calendar publish 文件.json。",
            field="year")
    return cal.to_table(year)


def published_table(db: Any) -> dict[str, Any]:
    """The latest valid published table (all its years), or {} when none was published. A document published
    around the checks (raw `reference publish` of old) is passed over, so its years do not wipe the good ones."""
    with db.read() as s:
        bodies = s.scalars(select(ReferenceDoc.body).where(ReferenceDoc.kind == KIND, ReferenceDoc.hall_id == "")
                           .order_by(ReferenceDoc.version.desc())).all()
    for body in bodies:
        if not isinstance(body, dict):
            continue
        try:
            parse_table(body)
        except ValidationError:
            continue
        return dict(body)
    return {}


def publish_calendar(db: Any, table: dict[str, Any], *, label: str = "") -> tuple[int, list[int]]:
    """Publish ``table``'s years on top of those already published (one new version for every hall);
    returns (version, years in the new table)."""
    from desk_app.server.core import publish_reference
    years = sorted(parse_table(table))  # refuses a malformed table before any PC can pull it
    if not years:
        raise ValidationError("工作日表中没有任何年份。", field="path")
    merged = {**published_table(db), **{str(k): v for k, v in table.items()}}
    version = publish_reference(db, KIND, merged, label=label or "、".join(str(y) for y in years))
    return version, sorted(int(y) for y in merged)
