"""The text of each page of a PDF in content order, whitespace removed (printout, service and screen tests)."""
from __future__ import annotations

import re

import pypdfium2


def pdf_pages_text(pdf: bytes) -> list[str]:
    """Text in drawing order (pdfium), so a wrapped table cell reads as one piece, not interleaved by line."""
    doc = pypdfium2.PdfDocument(pdf)
    try:
        out = []
        for i in range(len(doc)):
            tp = doc[i].get_textpage()
            out.append(re.sub(r"\s+", "", tp.get_text_range()))
            tp.close()
        return out
    finally:
        doc.close()

