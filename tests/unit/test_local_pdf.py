"""Reading PDF text: real PDFs, and a clear error for every way a file can be unusable."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from tinyagent.tools.errors import ToolArgumentError, ToolError
from tinyagent.tools.pdf import pdf_text

MakePdf = Callable[[str, Sequence[Sequence[str]]], Path]


def test_reads_the_text_of_every_page(make_pdf: MakePdf) -> None:
    pdf = make_pdf("report.pdf", [["Quarterly report (draft)."], ["Second page text."]])
    text = pdf_text(pdf)
    assert "Quarterly report (draft)." in text
    assert text.index("Quarterly") < text.index("Second page text.")


def test_stops_after_max_pages(make_pdf: MakePdf) -> None:
    pdf = make_pdf("long.pdf", [[f"Page number {i} here."] for i in range(5)])
    text = pdf_text(str(pdf), max_pages=2)
    assert "Page number 1 here." in text and "Page number 2" not in text


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ToolError, match=r"There is no file at .*open_and_get_file_path"):
        pdf_text(tmp_path / "nope.pdf")


def test_empty_path_is_an_argument_error() -> None:
    with pytest.raises(ToolArgumentError):
        pdf_text("")


def test_folder_is_not_a_pdf(tmp_path: Path) -> None:
    with pytest.raises(ToolError, match="is a folder"):
        pdf_text(tmp_path)


def test_other_file_types_are_not_pdfs(tmp_path: Path) -> None:
    notes = tmp_path / "notes.pdf"
    notes.write_text("just text, renamed", encoding="utf-8")
    with pytest.raises(ToolError, match=r"notes\.pdf is not a PDF file"):
        pdf_text(notes)


def test_corrupt_pdf(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage")
    with pytest.raises(ToolError, match="damaged"):
        pdf_text(broken)


def test_password_protected_pdf(make_pdf: MakePdf, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(make_pdf("plain.pdf", [["Secret plans."]])))
    writer.encrypt(user_password="open sesame", owner_password="owner", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(ToolError, match="password-protected"):
        pdf_text(locked)


def test_owner_password_only_pdf_is_readable(make_pdf: MakePdf, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(make_pdf("plain.pdf", [["Open to all readers."]])))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    restricted = tmp_path / "restricted.pdf"
    with restricted.open("wb") as handle:
        writer.write(handle)
    assert "Open to all readers." in pdf_text(restricted)
