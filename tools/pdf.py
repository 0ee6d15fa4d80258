"""Reading the text of a PDF, with errors that tell the user what is wrong with the file."""

from __future__ import annotations

import logging
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError, PyPdfError

from tinyagent.tools.errors import ToolArgumentError, ToolError

log = logging.getLogger(__name__)

# PDF readers accept the header anywhere in the first kilobyte.
_HEADER_WINDOW = 1024


def pdf_text(path: str | Path, max_pages: int = 50) -> str:
    """The text of the first ``max_pages`` pages of the PDF at ``path``, pages separated
    by blank lines; "" when the pages hold no text (a scanned document)."""
    pdf = _existing_pdf(path)
    try:
        reader = PdfReader(pdf)
        _unlock(reader, pdf)
        count = min(len(reader.pages), max_pages)
    except ToolError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, OSError) as exc:
        raise ToolError(f"{pdf.name} is damaged and cannot be read ({exc}). Try re-downloading it.") from exc
    texts = []
    for index in range(count):
        try:
            texts.append(reader.pages[index].extract_text() or "")
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
            # One broken page should not hide the text of the others.
            log.warning("skipping page %d of %s: %s", index + 1, pdf, exc)
    return "\n\n".join(t.strip() for t in texts if t.strip())


def _existing_pdf(path: str | Path) -> Path:
    if not str(path).strip():
        raise ToolArgumentError("No PDF path was given. Find the file first with open_and_get_file_path.")
    pdf = Path(path).expanduser()
    if not pdf.exists():
        raise ToolError(f"There is no file at {pdf}. Check the name, or find it with open_and_get_file_path.")
    if not pdf.is_file():
        raise ToolError(f"{pdf} is a folder, not a PDF file. Give the path of a PDF inside it.")
    try:
        with pdf.open("rb") as handle:
            head = handle.read(_HEADER_WINDOW)
    except OSError as exc:
        raise ToolError(f"Cannot read {pdf} ({exc.strerror}). Check that you may open it.") from exc
    if b"%PDF-" not in head:
        raise ToolError(f"{pdf.name} is not a PDF file. Choose a .pdf document to summarize.")
    return pdf


def _unlock(reader: PdfReader, pdf: Path) -> None:
    """Open PDFs that only have an owner password; refuse those that need a password to read."""
    if not reader.is_encrypted:
        return
    try:
        unlocked = reader.decrypt("")
    except (FileNotDecryptedError, NotImplementedError, PyPdfError) as exc:
        raise _encrypted(pdf) from exc
    if not unlocked:
        raise _encrypted(pdf)


def _encrypted(pdf: Path) -> ToolError:
    return ToolError(
        f"{pdf.name} is password-protected. Open it in a PDF viewer, save an unprotected copy, "
        "and summarize that."
    )
