"""TemplateRenderer: what the print service needs from printing (render, number word, copies), bound to a hall folder."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from desk_app.printing.templates import load_template


class TemplateRenderer:
    """Implements services.printing.DocumentRenderer; app.py hands one to PrintService."""

    def __init__(self, template_dir: Path | str | None = None):
        self.template_dir = template_dir

    @classmethod
    def for_hall(cls, hall_code: str = "", data_dir: Path | str | None = None) -> "TemplateRenderer":
        """The hall's own wording: ``<data dir>/printouts/`` if it exists (editable on the PC without touching the
        installation), else ``printouts/halls/<hall code>/`` shipped with the program, else the shared templates."""
        from desk_app.printing.templates import base_dir
        candidates = []
        if data_dir is not None:
            candidates.append(Path(data_dir) / "printouts")
        if hall_code:
            candidates.append(base_dir() / "halls" / hall_code)
        return cls(next((c for c in candidates if c.is_dir()), None))

    def render(self, kind: str, data: dict[str, Any], *, reprint_of: int | None = None) -> bytes:
        from desk_app.printing.pdf import render_pdf
        return render_pdf(kind, data, template_dir=self.template_dir, reprint_of=reprint_of)

    def number_word(self, kind: str) -> str:
        return str(load_template(kind, self.template_dir).get("number_word", ""))

    def default_copies(self, kind: str) -> int:
        copies = load_template(kind, self.template_dir).get("copies") or [{"count": 1}]
        return sum(int(c.get("count", 1)) for c in copies)
