"""Service catalog use cases: reading catalog files, importing a published catalog in one transaction, searching items.

The catalog is reference data published by desk-central with a version; it is not event-sourced, so
these use cases write rows (and the version in Meta) without emitting events.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from sqlalchemy import delete, insert, select, update

from desk_app.domain import pinyin
from desk_app.domain.catalog.io import check_items, item_from_dict, item_to_dict, read_json_file
from desk_app.domain.catalog.lint import ERROR, Finding, has_errors, lint
from desk_app.domain.catalog.model import Catalog, ItemSummary, ServiceItemRecord
from desk_app.domain.errors import QT_TRANSLATE_NOOP, NotFoundError, ValidationError
from desk_app.domain.ids import new_id
from desk_app.store.database import Store, UnitOfWork
from desk_app.store.models import Material, Meta, ServiceItem

META_VERSION = "catalog_version"
META_IMPORT = "catalog_import_id"  # changes on every import, so search caches notice a re-import


# --------------------------------------------------------------------------- files
def load_catalog_file(path: str | Path) -> Catalog:
    """Read a catalog file by its extension (.json or .xlsx); anything else is refused in Chinese."""
    p = Path(path)
    suffix = p.suffix.lower()
    if not p.exists():
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "找不到文件“{path}”。请检查路径。"), path=p, field="file")
    if p.is_dir():
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{path}”是文件夹，不是目录文件。"), path=p, field="file")
    if suffix == ".json":
        return read_json_file(p)
    if suffix == ".xlsx":
        from desk_app.services.catalog_xlsx import read_xlsx_file
        return read_xlsx_file(p)
    if suffix in (".xls", ".et"):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "文件“{name}”是旧版 Excel 97-2003 格式。请在 Excel 或 WPS 中另存为 "
                                                          ".xlsx 后再导入。"), name=p.name,
                              field="file")
    if suffix in (".csv", ".txt"):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "不支持 {suffix} 文件“{name}”：CSV 无法容纳事项、材料和流程三张表。请使用 JSON 或 "
                                                          "XLSX 格式（见目录格式说明）。"), suffix=suffix,
                              name=p.name, field="file")
    raise ValidationError(QT_TRANSLATE_NOOP("Errors", "不支持的文件类型“{value}”（{name}）。事项目录只能是 .json 或 .xlsx 文件。"),
                          value=suffix or '无扩展名', name=p.name,
                          field="file")


# --------------------------------------------------------------------------- import
@dataclass(frozen=True)
class ImportResult:
    catalog_version: str
    items: int  # items in the new catalog
    added: int
    updated: int
    retired: int  # items absent from the new catalog, now marked retired
    materials: int
    warnings: tuple[Finding, ...] = ()


def _lint_refusal(findings: list[Finding]) -> ValidationError:
    errors = [f for f in findings if f.severity == ERROR]
    first = errors[0]
    lines = "\n".join(f.as_text() for f in errors[:50])
    more = f"\n……另有 {len(errors) - 50} 处" if len(errors) > 50 else ""
    where = f"（{first.location}）" if first.location else ""
    return ValidationError(
        QT_TRANSLATE_NOOP("Errors", "事项目录有 {errors_count} 处错误，未导入任何事项。第一处：事项 "
                                    "{item_code}{where}的“{field_name}”——{message} 请先用“desk-app catalog lint”检查并修正。"),
        errors_count=len(errors), item_code=first.item_code, where=where, field_name=first.field,
        message=first.message,
        field=first.field, detail=lines + more)


def import_catalog(uow: UnitOfWork, records: Iterable[ServiceItemRecord], version: str) -> ImportResult:
    """Replace the local catalog by ``records`` (one transaction); refuse when lint finds any error.

    Items missing from the new catalog are marked retired, not deleted: cases reference them. Materials
    keep their ids when an item keeps a material of the same name (case checklists point at them);
    materials dropped from an item are deleted, since cases copy what they need of them.
    """
    items = tuple(records)
    version = (version or "").strip()
    if not version:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "缺少目录版本号，不能导入。"), field="catalog_version")
    check_items(items)
    findings = lint(items)
    if has_errors(findings):
        raise _lint_refusal(findings)

    session = uow.session
    existing = {r.item_code: r for r in session.execute(
        select(ServiceItem.id, ServiceItem.item_code, ServiceItem.retired))}
    old_materials: dict[str, list[tuple[str, str]]] = {}
    for m in session.execute(select(Material.id, Material.service_item_id, Material.name).order_by(Material.seq)):
        old_materials.setdefault(m.service_item_id, []).append((m.name, m.id))

    item_inserts: list[dict] = []
    item_updates: list[dict] = []
    mat_inserts: list[dict] = []
    mat_updates: list[dict] = []
    stale: list[str] = []
    new_codes = set()
    for seq, rec in enumerate(items, 1):
        new_codes.add(rec.item_code)
        initials_key, full_key = pinyin.search_keys(rec.name)
        record = item_to_dict(rec)
        values = dict(
            name=rec.name, department=rec.department, sector=rec.sector, item_type=rec.item_type,
            legal_limit_days=rec.legal_limit_days, promised_limit_days=rec.promised_limit_days,
            initials=initials_key, full_pinyin=full_key, catalog_version=version, retired=False, seq=seq,
            record=record,
        )
        old = existing.get(rec.item_code)
        if old is None:
            item_id = new_id()
            item_inserts.append({"id": item_id, "item_code": rec.item_code, **values})
        else:
            item_id = old.id
            item_updates.append({"id": item_id, **values})
        # Reuse material ids by name so open cases keep pointing at the same materials.
        reusable: dict[str, list[str]] = {}
        for name, mid in old_materials.get(item_id, []):
            reusable.setdefault(name, []).append(mid)
        for mseq, (mat, mrecord) in enumerate(zip(rec.materials, record["materials"]), 1):
            mvalues = dict(seq=mseq, name=mat.name, deferrable=mat.deferrable,
                           commitment_allowed=mat.commitment_allowed, record=mrecord)
            pool = reusable.get(mat.name)
            if pool:
                mat_updates.append({"id": pool.pop(0), **mvalues})
            else:
                mat_inserts.append({"id": new_id(), "service_item_id": item_id, **mvalues})
        stale.extend(mid for ids in reusable.values() for mid in ids)
    retire = [r.id for code, r in existing.items() if code not in new_codes and not r.retired]

    # Bulk statements: one transaction either way, but ORM objects would cost seconds for 5,000 items.
    if item_inserts:
        session.execute(insert(ServiceItem), item_inserts)
    if item_updates:
        session.execute(update(ServiceItem), item_updates)
    if mat_inserts:
        session.execute(insert(Material), mat_inserts)
    if mat_updates:
        session.execute(update(Material), mat_updates)
    for chunk in _chunks(stale):
        session.execute(delete(Material).where(Material.id.in_(chunk)))
    for chunk in _chunks(retire):
        session.execute(update(ServiceItem).where(ServiceItem.id.in_(chunk)).values(retired=True))
    session.merge(Meta(key=META_VERSION, value=version))
    session.merge(Meta(key=META_IMPORT, value=new_id()))
    session.flush()
    added, updated, retired = len(item_inserts), len(item_updates), len(retire)
    n_materials = len(mat_inserts) + len(mat_updates)
    return ImportResult(catalog_version=version, items=len(items), added=added, updated=updated, retired=retired,
                        materials=n_materials, warnings=tuple(findings))


def _chunks(ids: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


# --------------------------------------------------------------------------- search
@dataclass(frozen=True)
class _Entry:
    summary: ItemSummary
    code_lower: str
    initials: str  # pinyin.prepare_key()'d
    full: str
    seq: int


class CatalogService:
    """The catalog for the UI: import a file, search items, read one item. Bound to a Store."""

    def __init__(self, store: Store, *, actor: str = "catalog"):
        self._store = store
        self._actor = actor
        self._lock = threading.Lock()
        self._index: tuple[str, list[_Entry]] | None = None

    def import_file(self, path: str | Path) -> ImportResult:
        catalog = load_catalog_file(path)
        return self.import_catalog(catalog.items, catalog.catalog_version)

    def import_catalog(self, records: Iterable[ServiceItemRecord], version: str) -> ImportResult:
        with self._store.write(self._actor) as uow:
            result = import_catalog(uow, records, version)
        with self._lock:
            self._index = None
        return result

    def version(self) -> str:
        with self._store.read() as s:
            m = s.get(Meta, META_VERSION)
            return m.value if m else ""

    def _entries(self) -> list[_Entry]:
        with self._store.read() as s:
            m = s.get(Meta, META_IMPORT)
            stamp = m.value if m else ""
            cached = self._index
            if cached is not None and cached[0] == stamp:
                return cached[1]
            rows = s.execute(select(
                ServiceItem.item_code, ServiceItem.name, ServiceItem.department, ServiceItem.sector,
                ServiceItem.item_type, ServiceItem.promised_limit_days, ServiceItem.initials,
                ServiceItem.full_pinyin, ServiceItem.seq,
            ).where(ServiceItem.retired.is_(False)).order_by(ServiceItem.seq)).all()
        entries = [
            _Entry(ItemSummary(r.item_code, r.name, r.department, r.sector, r.item_type, r.promised_limit_days),
                   r.item_code.lower(), pinyin.prepare_key(r.initials), pinyin.prepare_key(r.full_pinyin), r.seq)
            for r in rows
        ]
        with self._lock:
            self._index = (stamp, entries)
        return entries

    def search(self, query: str, limit: int = 20) -> list[ItemSummary]:
        """Items matching pinyin initials (gtgsh), full pinyin, a Chinese substring or the item code; best first."""
        entries = self._entries()
        q = pinyin.normalise_query(query)
        if not q:
            return [e.summary for e in entries[:limit]]
        q_cjk = pinyin.has_cjk(q)
        rank_of = pinyin.rank_prepared
        hits: list[tuple[int, int, ItemSummary]] = []
        for e in entries:
            if e.code_lower == q:
                rank: int | None = 0
            elif len(q) >= 4 and e.code_lower.startswith(q):
                rank = 1
            else:
                rank = rank_of(q, q_cjk, e.summary.name, e.initials, e.full)
                if rank is not None:
                    rank += 2
                elif len(q) >= 6 and q in e.code_lower:
                    rank = 9
            if rank is not None:
                hits.append((rank, e.seq, e.summary))
        hits.sort(key=lambda h: (h[0], h[1]))
        return [h[2] for h in hits[:limit]]

    def get_item(self, item_code: str) -> ServiceItemRecord:
        code = (item_code or "").strip()
        with self._store.read() as s:
            row = s.scalar(select(ServiceItem).where(ServiceItem.item_code == code))
            if row is None:
                raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "事项目录中没有实施编码为 {code} 的事项。请重新搜索选择。"),
                                    code=code, field="item_code")
            if row.retired:
                raise ValidationError(QT_TRANSLATE_NOOP("Errors", "该事项已从目录中撤销（{name}，实施编码 {code}），不能再受理。"
                                                                  "请告知申请人现行的办理事项或渠道。"), name=row.name,
                                      code=code, field="item_code")
            record = dict(row.record or {})
        return item_from_dict(record, 1, source=f"实施编码 {code}")
