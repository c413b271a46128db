"""PDF documents in Thai: A4, Sarabun (converted once from the npm @fontsource package's WOFF
files to TTF, which fpdf2 embeds), HarfBuzz shaping so that vowels and tone marks sit right and
the text extracts correctly."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from fpdf import FPDF

_WEIGHTS = {"": 400, "B": 700}


@lru_cache(maxsize=1)
def font_files() -> dict[tuple[str, str], Path]:
    """{(subset, style): ttf path}, converted on first use into var/fonts."""
    from fontTools.ttLib import TTFont

    source = Path(settings.NODE_MODULES) / "@fontsource" / "sarabun" / "files"
    target = Path(settings.VAR_DIR) / "fonts"
    target.mkdir(parents=True, exist_ok=True)
    files = {}
    for subset in ("thai", "latin"):
        for style, weight in _WEIGHTS.items():
            ttf = target / f"sarabun-{subset}-{weight}.ttf"
            if not ttf.exists():
                font = TTFont(source / f"sarabun-{subset}-{weight}-normal.woff")
                font.flavor = None
                tmp = ttf.with_suffix(".tmp")
                font.save(tmp)
                tmp.replace(ttf)
            files[(subset, style)] = ttf
    return files


class ThaiPDF(FPDF):
    """An A4 document whose default font is Sarabun (Latin subset, Thai subset as fallback)."""

    def __init__(self, *, footer_text: str = "") -> None:
        super().__init__(format="A4", unit="mm")
        self.footer_text = footer_text
        for (subset, style), path in font_files().items():
            self.add_font(f"Sarabun-{subset}", style, str(path))
        self.set_text_shaping(True)
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=18)
        self.use("")

    def use(self, style: str = "", size: float = 12) -> None:
        self.set_font("Sarabun-latin", style, size)
        self.set_fallback_fonts(["Sarabun-thai"], exact_match=False)

    def normalize_text(self, text: str) -> str:
        # HarfBuzz draws SARA AM (ำ) as NIKHAHIT + SARA AA in one cluster and fpdf2 can map only
        # the first glyph back to text, so copy/paste and text extraction showed a stray
        # character. Giving the shaper the two code points it draws keeps every glyph mapped;
        # the extracted text is the NFKC-equivalent decomposed form (ํา), which our search
        # normalizer folds back to ำ.
        return super().normalize_text(text.replace("\u0e33", "\u0e4d\u0e32"))

    def footer(self) -> None:
        self.set_y(-12)
        self.use("", 8)
        self.cell(0, 5, f"{self.footer_text}  {self.page_no()}/{{nb}}", align="R")
