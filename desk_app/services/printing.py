"""Printing use cases: number a document, render it, archive the PDF as a case attachment, and log every print.

Document numbers are unique per hall and year without asking the server, so they work offline:

    {hall code}{word}〔{year}〕{series}-{seq:05d}号      e.g. SL告〔2026〕03-00017号

``word`` is the kind's number word from its template (告, 收, 受, 容, 不受, 告外, 领, 日报). ``series`` is this
PC's part: its enrolled device index (meta ``device_index``, two digits) or, before enrolment, the last four
hex digits of the device UUID. ``seq`` counts up per (hall, year, word, series) from the printouts this PC
has issued, read inside the same transaction that records the new one: two PCs never share a series, so
they never produce the same number, online or not.

Every print (the first and each 补打) is an event on aggregate ``printout:<id>`` and a row of the print log;
every rendered PDF goes to the blob store under its SHA-256 and is recorded as an attachment of the case,
so it replicates with the case.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import func, select

from desk_app.domain.errors import QT_TRANSLATE_NOOP, NotFoundError, ValidationError
from desk_app.domain.printout_kinds import DAILY_REPORT_COVER, printout_kind
from desk_app.domain.printouts import JOB_STATES, PRINTOUT_ISSUED, PRINTOUT_JOB_REPORTED, PRINTOUT_REPRINTED
from desk_app.domain.ids import new_id
from desk_app.domain.timeutil import local_datetime
from desk_app.domain.validators import mask_resident_id
from desk_app.services.attachments import add_attachment
from desk_app.store.blobs import BlobStore
from desk_app.store import pii
from desk_app.store.database import Store, UnitOfWork
from desk_app.store.models import Meta
from desk_app.store.models.printing import PrintLog, Printout

class DocumentRenderer(Protocol):
    """What the service needs from desk_app.printing (services may not import it): TemplateRenderer there."""

    def render(self, kind: str, data: dict[str, Any], *, reprint_of: int | None = None) -> bytes: ...
    def number_word(self, kind: str) -> str: ...
    def default_copies(self, kind: str) -> int: ...


@dataclass(frozen=True)
class PrintedDocument:
    printout_id: str
    kind: str
    number: str
    case_id: str | None
    sha256: str
    reprint: int           # 0 original, N for the N-th 补打
    pdf: bytes
    print_id: str = ""     # the event id of this print (its print-log row); job reports refer to it


@dataclass(frozen=True)
class PrintLogEntry:
    printout_id: str
    kind: str
    number: str
    case_id: str | None
    actor: str
    at_ms: int
    copies: int
    reprint: int
    sha256: str
    printer: str
    job_state: str = ""    # "" not sent to a printer yet; sent, printed, failed or unknown
    job_message: str = ""


@dataclass(frozen=True)
class PrintoutInfo:
    printout_id: str
    kind: str
    number: str
    case_id: str | None
    sha256: str
    print_count: int
    reprint_count: int
    created_at_ms: int
    created_by: str
    last_job_state: str = ""  # of its latest print


def device_series(uow: UnitOfWork) -> str:
    row = uow.session.get(Meta, "device_index")
    if row is not None and row.value.strip().isdigit():
        return f"{int(row.value):02d}"
    return uow.device_id.replace("-", "")[-4:].upper()


def next_number(uow: UnitOfWork, *, hall_code: str, word: str, year: int) -> tuple[str, str, int]:
    """(number, series, seq) of the next document of ``word`` this PC issues in ``year``."""
    series = device_series(uow)
    last = uow.session.scalar(select(func.max(Printout.seq)).where(
        Printout.hall_id == uow.hall_id, Printout.year == year, Printout.word == word,
        Printout.series == series)) or 0
    seq = last + 1
    return f"{hall_code}{word}〔{year}〕{series}-{seq:05d}号", series, seq


def _masked(data: dict[str, Any]) -> dict[str, Any]:
    """The copy kept in the event: ID numbers masked as printed (the case holds the real one)."""
    d = copy.deepcopy(data)
    for key in ("applicant", "receiver"):
        part = d.get(key)
        if isinstance(part, dict):
            for f in ("id_number", "agent_id_number"):
                if part.get(f):
                    part[f] = mask_resident_id(part[f])
    return d


def _year(value: Any, now_ms: int) -> int:
    if isinstance(value, (date, datetime)):
        return value.year
    text = str(value or "")
    if len(text) >= 4 and text[:4].isdigit():
        return int(text[:4])
    return local_datetime(now_ms).year


def issue_printout(uow: UnitOfWork, kind: str, data: dict[str, Any], *, renderer: DocumentRenderer,
                   blobs: BlobStore | None = None, copies: int | None = None,
                   printer: str = "") -> PrintedDocument:
    """Number, render and archive a document, and log its first print, in the caller's transaction."""
    spec = printout_kind(kind)
    if spec.thermal:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "排队小票由叫号模块打印，不在文书打印中编号。"), field="kind")
    case_id = data.get("case_id")
    if spec.case and not case_id:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "这份文书没有关联办件（case_id），无法归档。请从办件中打印。"), field="case_id")
    word = renderer.number_word(kind)
    year = _year(data.get("date"), uow.now_ms())
    hall_code = (data.get("hall") or {}).get("code", "")
    number, series, seq = next_number(uow, hall_code=hall_code, word=word, year=year)
    doc = dict(data, document_number=number)
    pdf = renderer.render(kind, doc)
    total_copies = copies or (sum(int(c.get("count", 1)) for c in doc["copies"]) if doc.get("copies")
                              else renderer.default_copies(kind))
    sha = add_attachment(uow, pdf, media_type="application/pdf", filename=f"{kind}-{number}.pdf",
                         case_id=case_id, kind="printout", blobs=blobs)
    printout_id = new_id()
    ev = uow.emit(PRINTOUT_ISSUED, f"printout:{printout_id}", {
        "kind": kind, "case_id": case_id, "number": number, "word": word, "year": year,
        "series": series, "seq": seq, "sha256": sha, "copies": total_copies, "printer": printer,
        "at_ms": uow.now_ms(), "data": _masked(doc),
    })
    return PrintedDocument(printout_id, kind, number, case_id, sha, 0, pdf, ev.id)


def reprint_printout(uow: UnitOfWork, printout_id: str, *, renderer: DocumentRenderer,
                     blobs: BlobStore | None = None, copies: int = 1, printer: str = "") -> PrintedDocument:
    """补打: render the same document again marked with its reprint count, archive it, log it."""
    row = uow.session.get(Printout, printout_id)
    if row is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到这份文书的打印记录，无法补打。请等待同步完成后再试。"), field="printout_id")
    reprint = row.reprint_count + 1
    data = pii.open_tree(uow.store_cipher, f"printout:{printout_id}", copy.deepcopy(row.data))
    pdf = renderer.render(row.kind, data, reprint_of=reprint)
    sha = add_attachment(uow, pdf, media_type="application/pdf",
                         filename=f"{row.kind}-{row.number}-补打{reprint}.pdf", case_id=row.case_id,
                         kind="printout", blobs=blobs)
    ev = uow.emit(PRINTOUT_REPRINTED, f"printout:{printout_id}", {
        "sha256": sha, "copies": copies, "printer": printer, "at_ms": uow.now_ms(),
    })
    return PrintedDocument(printout_id, row.kind, row.number, row.case_id, sha, reprint, pdf, ev.id)


def report_job(uow: UnitOfWork, printout_id: str, print_id: str, *, state: str, printer: str = "",
               transport: str = "", job: str = "", message: str = "") -> None:
    """What the printer did with one print (``print_id``: the issue's or a reprint's event id)."""
    if state not in JOB_STATES:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "未知的打印状态：{state}"), state=state, field="state")
    if uow.session.get(Printout, printout_id) is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到这份文书的打印记录。请等待同步完成后再试。"), field="printout_id")
    uow.emit(PRINTOUT_JOB_REPORTED, f"printout:{printout_id}", {
        "print_id": print_id, "state": state, "printer": printer, "transport": transport, "job": job,
        "message": message[:300], "at_ms": uow.now_ms(),
    })


class PrintService:
    """What the UI uses: each method is one transaction (run it through ``runner.write``)."""

    def __init__(self, store: Store, blobs: BlobStore | None = None, *, renderer: DocumentRenderer):
        """``blobs``: where the PDFs are kept; None, the store's (Store.blobs)."""
        self.store = store
        self.blobs = blobs
        self.renderer = renderer

    def issue(self, kind: str, data: dict[str, Any], *, actor: str, copies: int | None = None,
              printer: str = "") -> PrintedDocument:
        with self.store.write(actor) as uow:
            return issue_printout(uow, kind, data, renderer=self.renderer, blobs=self.blobs,
                                  copies=copies, printer=printer)

    def reprint(self, printout_id: str, *, actor: str, copies: int = 1, printer: str = "") -> PrintedDocument:
        with self.store.write(actor) as uow:
            return reprint_printout(uow, printout_id, renderer=self.renderer, blobs=self.blobs,
                                    copies=copies, printer=printer)

    def issue_daily_cover(self, *, actor: str, prepared_by: str, day: str | None = None) -> PrintedDocument:
        """Number and archive today's daily report cover (figures from services.daily_cover.daily_figures)."""
        from desk_app.services.daily_cover import daily_cover_data
        return self.issue(DAILY_REPORT_COVER, daily_cover_data(self.store, prepared_by=prepared_by, day=day),
                          actor=actor)

    def report_job(self, printout_id: str, print_id: str, *, actor: str, state: str, printer: str = "",
                   transport: str = "", job: str = "", message: str = "") -> None:
        with self.store.write(actor) as uow:
            report_job(uow, printout_id, print_id, state=state, printer=printer, transport=transport, job=job,
                       message=message)

    def printed_document(self, printout_id: str) -> PrintedDocument:
        """The latest print of a document (the original or its last 补打), PDF included: to show or print it."""
        with self.store.read() as s:
            row = s.get(Printout, printout_id)
            if row is None:
                raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到这份文书的打印记录。请等待同步完成后再试。"), field="printout_id")
            last = s.scalars(select(PrintLog).where(PrintLog.printout_id == printout_id)
                             .order_by(PrintLog.reprint.desc()).limit(1)).first()
            doc = (row.id, row.kind, row.number, row.case_id)
            sha, reprint, print_id = (last.sha256, last.reprint, last.id) if last else (row.sha256, 0, "")
        return PrintedDocument(*doc, sha, reprint, self.pdf(sha), print_id)

    def preview(self, kind: str, data: dict[str, Any]) -> bytes:
        """Render without numbering or logging (the preview dialog before issuing)."""
        return self.renderer.render(kind, dict({"document_number": "（预览，未编号）"}, **data))

    def pdf(self, sha256: str) -> bytes:
        return (self.blobs or self.store.blobs).read(sha256)

    def documents(self, case_id: str) -> list[PrintoutInfo]:
        with self.store.read() as s:
            rows = s.scalars(select(Printout).where(Printout.case_id == case_id).order_by(Printout.created_at_ms))
            rows = list(rows)
            last = {}
            for log in s.scalars(select(PrintLog).where(PrintLog.case_id == case_id).order_by(PrintLog.reprint)):
                last[log.printout_id] = log.job_state
            return [PrintoutInfo(r.id, r.kind, r.number, r.case_id, r.sha256, r.print_count, r.reprint_count,
                                 r.created_at_ms, r.created_by, last.get(r.id, "")) for r in rows]

    def case_documents(self, scanned: str) -> tuple[str, str, list[PrintoutInfo]]:
        """(case id, case number, its printouts) for a typed or scanned case number: the reprint screen."""
        from desk_app.services.intake import find_case_id
        from desk_app.services.pickup import normalise_scan
        number = normalise_scan(scanned)
        with self.store.read() as s:
            case_id = find_case_id(s, self.store.hall_id, number)
        return case_id, number, self.documents(case_id)

    def log(self, *, case_id: str | None = None, limit: int = 500) -> list[PrintLogEntry]:
        with self.store.read() as s:
            q = select(PrintLog).order_by(PrintLog.at_ms.desc(), PrintLog.id.desc()).limit(limit)
            if case_id is not None:
                q = q.where(PrintLog.case_id == case_id)
            return [PrintLogEntry(r.printout_id, r.kind, r.number, r.case_id, r.actor, r.at_ms, r.copies,
                                  r.reprint, r.sha256, r.printer, r.job_state, r.job_message)
                    for r in s.scalars(q)]
