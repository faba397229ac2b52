"""Printouts: A4 PDF documents and thermal queue tickets (ESC/POS) rendered from the templates in printouts/."""
from desk_app.printing.documents import A4_KINDS, KINDS

__all__ = ["A4_KINDS", "KINDS", "render_pdf"]


def render_pdf(kind: str, data: dict, *, template_dir=None, reprint_of: int | None = None) -> bytes:
    """See desk_app.printing.pdf.render_pdf (imported lazily: reportlab is not needed to start the app)."""
    from desk_app.printing.pdf import render_pdf as _render
    return _render(kind, data, template_dir=template_dir, reprint_of=reprint_of)
