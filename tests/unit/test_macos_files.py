"""Finding, ranking and opening files with Spotlight; summarizing PDFs."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from tinyagent.tools.base import BackendConfig
from tinyagent.tools.errors import ConfigurationError, ToolArgumentError, ToolError
from tinyagent.tools.macos.backend import MacOSBackend
from tinyagent.tools.macos.files import launches, rank

MakePdf = Callable[[str, Sequence[Sequence[str]]], Path]  # the make_pdf fixture of conftest.py
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FAKE_MDFIND = FIXTURES / "fake_mdfind.py"
FAKE_OSASCRIPT = FIXTURES / "fake_osascript.py"


class RecordingWriter:
    def __init__(self) -> None:
        self.summarized: list[tuple[str, str]] = []

    def write_email(self, *, context: str, subject: str, recipients: tuple[str, ...], kind: str) -> str:
        raise AssertionError(f"no email expected ({context}, {subject}, {recipients}, {kind})")

    def summarize(self, text: str, *, title: str) -> str:
        self.summarized.append((text, title))
        return f"Summary of {title}"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in list(os.environ):
        if name.startswith("TINYAGENT_"):
            monkeypatch.delenv(name)
    files = tmp_path / "home"
    files.mkdir()
    monkeypatch.setenv("TINYAGENT_FAKE_MDFIND_ROOT", str(files))
    monkeypatch.setenv("TINYAGENT_RECORDER_LOG", str(tmp_path / "argv.jsonl"))
    # The recorders start with "#!/usr/bin/env python3": find this interpreter first, not a slow shim.
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return files


def calls(root: Path) -> list[list[str]]:
    log = root.parent / "argv.jsonl"
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []


def make_backend(
    root: Path, *, open_command: str | None = None, folders: tuple[Path, ...] = ()
) -> MacOSBackend:
    config = BackendConfig(
        data_dir=root.parent,
        osascript=str(FAKE_OSASCRIPT),
        mdfind=str(FAKE_MDFIND),
        open_command=open_command,
        file_folders=folders,
        timeout_s=20,
    )
    return MacOSBackend(config, RecordingWriter())


def touch(path: Path, mode: int = 0o644) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    path.chmod(mode)
    return path


def fake_open(root: Path) -> str:
    """A link named ``open`` to the recorder, which then acts like macOS's open."""
    link = root.parent / "bin" / "open"
    link.parent.mkdir()
    link.symlink_to(FAKE_MDFIND)
    return str(link)


def test_finds_with_mdfind_name_as_its_own_argument_and_opens_the_best_match(root: Path) -> None:
    best = touch(root / "Documents" / "Q3 report.pdf")
    touch(root / "Documents" / "archive" / "old" / "Q3 report draft.pdf")
    opener = fake_open(root)
    mac = make_backend(root, open_command=opener)
    assert mac.open_and_get_file_path("q3 report.pdf") == str(best)
    assert calls(root) == [[str(FAKE_MDFIND), "-0", "-name", "q3 report.pdf"], [opener, str(best)]]


def test_without_an_open_command_the_file_is_only_found(root: Path) -> None:
    best = touch(root / "notes.txt")
    assert make_backend(root).open_and_get_file_path("notes") == str(best)
    assert [c[1:] for c in calls(root)] == [["-0", "-name", "notes"]]


def test_configured_folders_limit_the_search(root: Path) -> None:
    touch(root / "a" / "plan.pdf")
    wanted = touch(root / "b" / "plan.pdf")
    mac = make_backend(root, folders=(root / "b",))
    assert mac.open_and_get_file_path("plan.pdf") == str(wanted)
    assert calls(root)[0][1:] == ["-0", "-onlyin", str(root / "b"), "-name", "plan.pdf"]


def test_ranking_prefers_exact_names_then_documents_then_shorter_paths(tmp_path: Path) -> None:
    exact = touch(tmp_path / "deep" / "er" / "budget.xlsx")
    stem = touch(tmp_path / "budget.numbers")
    other = touch(tmp_path / "budget.weird")
    prefix_doc = touch(tmp_path / "budget 2023.pdf")
    near = touch(tmp_path / "old budget.pdf")
    assert rank("Budget.XLSX", [near, prefix_doc, other, stem, exact])[0] == exact
    assert rank("budget", [near, prefix_doc, other, exact, stem]) == [stem, exact, other, prefix_doc, near]
    short = touch(tmp_path / "x" / "budget.pdf")
    long = touch(tmp_path / "x" / "y" / "z" / "budget.pdf")
    hidden = touch(tmp_path / ".cache" / "budget.pdf")
    assert rank("budget", [long, hidden, other, short]) == [short, long, hidden, other]


def test_programs_and_bundles_are_never_opened(root: Path) -> None:
    touch(root / "Report.app" / "Contents" / "MacOS" / "Report", mode=0o755)
    touch(root / "report.command", mode=0o644)
    touch(root / "report", mode=0o755)
    touch(root / "report.py")
    opener = fake_open(root)
    mac = make_backend(root, open_command=opener)
    with pytest.raises(ToolError, match="never opens"):
        mac.open_and_get_file_path("report")
    assert all(call[0] != opener for call in calls(root))
    pdf = touch(root / "deep" / "down" / "report summary.pdf", mode=0o755)  # exec bit from a USB stick
    assert mac.open_and_get_file_path("report") == str(pdf)
    assert calls(root)[-1] == [opener, str(pdf)]


def test_a_link_is_judged_by_what_it_points_to(tmp_path: Path) -> None:
    program = touch(tmp_path / "bin" / "tool", mode=0o755)
    disguised = tmp_path / "notes.txt"
    disguised.symlink_to(program)
    document = touch(tmp_path / "real.txt")
    friendly = tmp_path / "link.txt"
    friendly.symlink_to(document)
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert (launches(disguised), launches(friendly), launches(loop)) == (True, False, True)
    assert launches(tmp_path / "bin") is True  # a folder is not a file to open


def test_nothing_found_is_a_tool_error_and_a_blank_name_an_argument_error(root: Path) -> None:
    mac = make_backend(root)
    with pytest.raises(ToolError, match="No file named like"):
        mac.open_and_get_file_path("nothing-like-this")
    with pytest.raises(ToolArgumentError):
        mac.open_and_get_file_path("  ")


def test_a_path_given_as_the_name_is_searched_by_its_file_name(root: Path) -> None:
    best = touch(root / "cv.pdf")
    assert make_backend(root).open_and_get_file_path("~/Documents/cv.pdf") == str(best)
    assert calls(root)[0][-2:] == ["-name", "cv.pdf"]


def test_stale_spotlight_results_are_skipped(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = touch(root / "slides.key")
    listing = root.parent / "results.txt"
    listing.write_text(f"{root / 'gone' / 'slides.key'}\nrelative/slides.key\n{real}\n", encoding="utf-8")
    monkeypatch.setenv("TINYAGENT_FAKE_MDFIND_RESULTS", str(listing))
    assert make_backend(root).open_and_get_file_path("slides") == str(real)


def test_missing_mdfind_is_a_configuration_error(root: Path) -> None:
    config = BackendConfig(data_dir=root, mdfind=str(root / "no-mdfind"))
    mac = MacOSBackend(config, RecordingWriter())
    with pytest.raises(ConfigurationError, match="TINYAGENT_MDFIND"):
        mac.open_and_get_file_path("x")


def test_a_failing_open_is_a_tool_error(root: Path) -> None:
    touch(root / "a.pdf")
    failing = shutil.which("false")
    assert failing is not None
    with pytest.raises(ToolError, match="Could not open"):
        make_backend(root, open_command=failing).open_and_get_file_path("a.pdf")


def test_summarize_pdf_reads_the_text_and_asks_the_writer(root: Path, make_pdf: MakePdf) -> None:
    pdf = make_pdf("home/Quarterly Report.pdf", [["Revenue grew by ten percent this quarter"]])
    mac = make_backend(root)
    assert mac.summarize_pdf(str(pdf)) == "Summary of Quarterly Report"
    writer = mac.writer
    assert isinstance(writer, RecordingWriter)
    assert writer.summarized == [("Revenue grew by ten percent this quarter", "Quarterly Report")]


def test_summarize_pdf_without_text_says_so(root: Path, make_pdf: MakePdf) -> None:
    pdf = make_pdf("home/scan.pdf", [[]])
    with pytest.raises(ToolError, match="no text to summarize"):
        make_backend(root).summarize_pdf(str(pdf))
    with pytest.raises(ToolError, match="no file"):
        make_backend(root).summarize_pdf(str(root / "missing.pdf"))
