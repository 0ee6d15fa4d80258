"""Finding files by fuzzy name, opening them safely, and summarizing PDFs."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from tinyagent.tools.base import BackendConfig
from tinyagent.tools.errors import ToolArgumentError, ToolError
from tinyagent.tools.local.backend import LocalBackend
from tinyagent.tools.writing import PlainWriter

MakePdf = Callable[[str, Sequence[Sequence[str]]], Path]

# An "opener" that records the argv it got, so the test sees exactly what would open.
RECORDER = """\
import json, sys
with open(sys.argv[1], "a", encoding="utf-8") as log:
    log.write(json.dumps(sys.argv[2:]) + "\\n")
"""


def _touch(path: Path, age_s: float = 0.0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    moment = time.time() - age_s
    os.utime(path, (moment, moment))
    return path


def _opened(log: Path, timeout_s: float = 5.0) -> list[list[str]]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if log.exists() and log.read_text(encoding="utf-8").strip():
            return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
        time.sleep(0.02)
    return []


def _backend_with_opener(data_dir: Path, tmp_path: Path) -> tuple[LocalBackend, Path]:
    script = tmp_path / "recorder.py"
    script.write_text(RECORDER, encoding="utf-8")
    log = tmp_path / "opened.jsonl"
    command = f'"{sys.executable}" "{script}" "{log}"'
    config = BackendConfig(data_dir=data_dir, file_folders=(data_dir / "Files",), open_command=command)
    return LocalBackend(config, PlainWriter()), log


def test_finds_the_best_fuzzy_match(backend: LocalBackend, data_dir: Path) -> None:
    files = data_dir / "Files"
    report = _touch(files / "Work" / "Budget_Report_2024.pdf")
    _touch(files / "holiday photos.zip")
    _touch(files / ".hidden" / "budget report.pdf")  # hidden folders are not searched
    assert backend.open_and_get_file_path("budget report") == str(report.resolve())
    assert backend.open_and_get_file_path("Budget_Report_2024.pdf") == str(report.resolve())


def test_equal_matches_prefer_the_newest(backend: LocalBackend, data_dir: Path) -> None:
    _touch(data_dir / "Files" / "a" / "notes.txt", age_s=100)
    newest = _touch(data_dir / "Files" / "b" / "notes.txt")
    assert backend.open_and_get_file_path("notes") == str(newest.resolve())


def test_an_absolute_existing_path_is_returned_as_is(backend: LocalBackend, tmp_path: Path) -> None:
    elsewhere = _touch(tmp_path / "elsewhere" / "thing.txt")
    assert backend.open_and_get_file_path(str(elsewhere)) == str(elsewhere.resolve())


def test_no_match_says_where_it_looked(backend: LocalBackend, data_dir: Path) -> None:
    _touch(data_dir / "Files" / "budget.pdf")
    with pytest.raises(ToolError, match=r"No file named like 'passport scan' in .*add its folder in"):
        backend.open_and_get_file_path("passport scan")
    with pytest.raises(ToolArgumentError):
        backend.open_and_get_file_path("  ")


def test_found_files_open_with_the_path_as_one_argument(data_dir: Path, tmp_path: Path) -> None:
    backend, log = _backend_with_opener(data_dir, tmp_path)
    report = _touch(data_dir / "Files" / "my report; rm -rf ~.pdf")
    assert backend.open_and_get_file_path("my report") == str(report.resolve())
    assert _opened(log) == [[str(report.resolve())]]


def test_programs_are_found_but_never_opened(data_dir: Path, tmp_path: Path) -> None:
    backend, log = _backend_with_opener(data_dir, tmp_path)
    tool = _touch(data_dir / "Files" / "installer.exe")
    script = _touch(data_dir / "Files" / "cleanup.txt")
    script.chmod(0o755)
    assert backend.open_and_get_file_path("installer") == str(tool.resolve())
    if os.name != "nt":
        assert backend.open_and_get_file_path("cleanup") == str(script.resolve())
    backend.maps_open_location("Berlin")  # a later, harmless open shows the opener works
    assert _opened(log) == [["https://www.openstreetmap.org/search?query=Berlin"]]


def test_summarize_pdf_returns_sentences_from_the_document(backend: LocalBackend, make_pdf: MakePdf) -> None:
    pdf = make_pdf(
        "data/Files/solar.pdf",
        [
            ["Solar panels convert sunlight into electricity for homes.",
             "The cafeteria serves lunch at noon every day."],
            ["Solar electricity from panels lowers energy costs for homes."],
        ],
    )
    found = backend.open_and_get_file_path("solar")
    assert found == str(pdf.resolve())
    summary = backend.summarize_pdf(found)
    assert "Solar panels convert sunlight into electricity for homes." in summary
    assert len(summary.split()) <= 120


def test_summarize_pdf_without_text_says_so(backend: LocalBackend, make_pdf: MakePdf) -> None:
    pdf = make_pdf("scan.pdf", [[]])
    assert backend.summarize_pdf(str(pdf)) == "scan.pdf has no extractable text (it may be a scanned image)."


def test_summarize_pdf_errors_name_the_problem(backend: LocalBackend, tmp_path: Path) -> None:
    not_pdf = tmp_path / "letter.pdf"
    not_pdf.write_text("Dear Sid", encoding="utf-8")
    with pytest.raises(ToolError, match=r"letter\.pdf is not a PDF file"):
        backend.summarize_pdf(str(not_pdf))
