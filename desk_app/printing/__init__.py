"""Printouts: A4 PDF documents and thermal queue tickets (ESC/POS) rendered from the templates in printouts/."""
from desk_app.domain.printout_kinds import A4_KINDS, ACCEPTANCE_NOTICE, KINDS, TICKET

__all__ = ["A4_KINDS", "KINDS", "render_pdf", "warm_up"]


def render_pdf(kind: str, data: dict, *, template_dir=None, reprint_of: int | None = None) -> bytes:
    """See desk_app.printing.pdf.render_pdf (imported lazily: reportlab is not needed to start the app)."""
    from desk_app.printing.pdf import render_pdf as _render
    return _render(kind, data, template_dir=template_dir, reprint_of=reprint_of)


def warm_up() -> None:
    """Parse the fonts and render one throw-away document ahead of the first real print (imports, caches), so
    the first notice of the day comes out at warm speed. Call from a worker thread (runner.io) at start-up."""
    from desk_app.printing.fonts import warm_up as _warm
    from desk_app.printing.samples import sample
    from desk_app.printing.ticket import render_ticket_escpos
    _warm()
    render_pdf(ACCEPTANCE_NOTICE, sample(ACCEPTANCE_NOTICE))
    render_ticket_escpos(sample(TICKET))
