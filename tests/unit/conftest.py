"""Fixtures for the tool-backend unit tests: a temp data dir, a local backend, real PDFs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from tinyagent.tools.base import BackendConfig
from tinyagent.tools.local.backend import LocalBackend
from tinyagent.tools.writing import PlainWriter

PEOPLE_VCF = """\
BEGIN:VCARD
VERSION:3.0
UID:sid-1
FN:Sid Jha
N:Jha;Sid;;;
EMAIL;TYPE=WORK:sid@work.example
EMAIL;TYPE=HOME,PREF:sid@home.example
TEL;TYPE=CELL:+1 555 0100
END:VCARD
BEGIN:VCARD
VERSION:3.0
UID:jose-1
FN:José Álvarez
EMAIL:jose@example.org
TEL;TYPE=CELL:+34 600 000 001
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:John Smith
EMAIL:john@example.org
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Joan Lee
EMAIL:joan@example.org
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:王小明
EMAIL:wang@example.cn
END:VCARD
"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh, empty TinyAgent data directory."""
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def backend(data_dir: Path) -> LocalBackend:
    """A local backend on the temp data dir, searching only ``data_dir/Files``."""
    files = data_dir / "Files"
    files.mkdir()
    return LocalBackend(BackendConfig(data_dir=data_dir, file_folders=(files,)), PlainWriter())


@pytest.fixture
def people_vcf(tmp_path: Path) -> Path:
    """A vCard file with five people (accents, CJK, two similar names, two emails)."""
    path = tmp_path / "people.vcf"
    path.write_text(PEOPLE_VCF, encoding="utf-8")
    return path


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def build_pdf(pages: Sequence[Sequence[str]]) -> bytes:
    """A valid PDF with one text line per item of each page (Helvetica, no dependencies)."""
    count = len(pages)
    font_id = 3 + 2 * count
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [{}] /Count {} >>".format(
            " ".join(f"{3 + 2 * i} 0 R" for i in range(count)), count
        ),
    ]
    for i, lines in enumerate(pages):
        shown = " ".join(f"({_pdf_escape(s)}) Tj T*" for s in lines)
        stream = f"BT /F1 11 Tf 14 TL 50 780 Td {shown} ET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>"
        )
        objects.append(f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[[str, Sequence[Sequence[str]]], Path]:
    """Write a real PDF (pages of text lines) under the temp dir and return its path."""

    def make(name: str, pages: Sequence[Sequence[str]]) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build_pdf(pages))
        return path

    return make
