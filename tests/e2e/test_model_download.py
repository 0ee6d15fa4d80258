"""Downloading models for real, from a fake Hugging Face Hub on 127.0.0.1.

The real catalog entries are used (their repo ids, file names and patterns); only the
server is fake. Faults are injected on the server: dropped connections, corrupt bytes,
no Range support, a gated repo, a closed port.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import huggingface_hub.constants
import pytest
from filelock import FileLock

from tests.support.fake_hub import FakeHub, random_bytes, serving
from tinyagent.core import downloads
from tinyagent.core.downloads import (
    AccessDenied,
    ChecksumMismatch,
    DiskFull,
    DownloadCancelled,
    DownloadError,
    DownloadOptions,
    NotOnHub,
    Offline,
    file_sha256,
)
from tinyagent.core.hub import HubSource, list_remote_files
from tinyagent.core.models import (
    Status,
    download_model,
    installed_path,
    model_state,
    remove_model,
    resolve_gguf,
    verify_model,
)
from tinyagent.core.settings import user_paths

pytestmark = pytest.mark.e2e

GGUF_NAME = "TinyAgent-1.1B-Q4_K_M.gguf"
GGUF = random_bytes(2_000_000, seed=1)
WHISPER = {
    "config.json": b'{"alignment_heads": [[2, 2]], "lang_ids": [50259]}\n',
    "model.bin": random_bytes(300_000, seed=2),
    "tokenizer.json": b'{"version": "1.0", "model": {"type": "BPE"}}\n',
    "vocabulary.txt": b'!\n"\n#\n',
    "README.md": b"# faster-whisper tiny\n",
    ".gitattributes": b"*.bin filter=lfs diff=lfs merge=lfs -text\n",
}
TOOLRAG = {
    "config.json": b'{"model_type": "deberta-v2", "num_labels": 16}\n',
    "model.safetensors": random_bytes(200_000, seed=3),
    "pytorch_model.bin": random_bytes(200_000, seed=4),
    "training_args.bin": random_bytes(5_000, seed=5),
    "spm.model": random_bytes(20_000, seed=6),
    "tokenizer_config.json": b'{"do_lower_case": false}\n',
    "checkpoint-500/model.safetensors": random_bytes(10_000, seed=7),
    "README.md": b"# TinyAgent-ToolRAG\n",
}


@pytest.fixture(autouse=True)
def _no_hf_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No real token reaches the fake hub, and no test depends on one."""
    for var in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE", "HF_ENDPOINT", "HF_OIDC_RESOURCE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(huggingface_hub.constants, "HF_TOKEN_PATH", str(tmp_path / "no-hf-token"))


@pytest.fixture
def hub() -> Iterator[FakeHub]:
    fake = FakeHub()
    fake.add("squeeze-ai-lab/TinyAgent-1.1B-GGUF", {GGUF_NAME: GGUF, "README.md": b"# TinyAgent 1.1B\n"})
    fake.add("Systran/faster-whisper-tiny", WHISPER)
    fake.add("squeeze-ai-lab/TinyAgent-ToolRAG", TOOLRAG)
    with serving(fake):
        yield fake


def opts(hub: FakeHub, **changes: object) -> DownloadOptions:
    settings: dict[str, object] = {"endpoint": hub.url, "chunk_size": 64 * 1024, "retry_wait_s": 0.0}
    return DownloadOptions(**(settings | changes))  # type: ignore[arg-type]


def gguf_path() -> Path:
    return user_paths().models_dir / "tinyagent-1.1b" / GGUF_NAME


def part_files() -> list[Path]:
    return sorted(user_paths().models_dir.rglob("*.part"))


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# ---- one-file models (GGUF) -------------------------------------------------------------


def test_download_reports_progress_verifies_and_resolves(hub: FakeHub) -> None:
    seen: list[tuple[int, int]] = []
    state = download_model("tinyagent-1.1b", progress=lambda d, t: seen.append((d, t)), options=opts(hub))
    assert state.status is Status.DOWNLOADED
    assert gguf_path().read_bytes() == GGUF
    assert seen[-1] == (len(GGUF), len(GGUF))
    assert len(seen) > 10 and all(a[0] <= b[0] for a, b in itertools.pairwise(seen))
    assert sorted(p.name for p in gguf_path().parent.iterdir()) == [".tinyagent-download.json", GGUF_NAME]
    assert resolve_gguf("tinyagent-1.1b") == gguf_path()
    assert resolve_gguf("TinyAgent-1.1B") == gguf_path()
    assert verify_model("tinyagent-1.1b").ok
    # the bytes came from the CDN hop of the LFS redirect, pinned to the commit
    assert any("/resolve/0123456789abcdef" in r.path for r in hub.requests if r.method == "GET")
    assert any(r.path.startswith("/cdn/") for r in hub.requests)


def test_a_second_download_fetches_nothing(hub: FakeHub) -> None:
    download_model("tinyagent-1.1b", options=opts(hub))
    served = len(hub.served)
    assert download_model("tinyagent-1.1b", options=opts(hub)).status is Status.DOWNLOADED
    assert len(hub.served) == served


def test_a_dropped_connection_leaves_a_part_that_the_next_download_continues(hub: FakeHub) -> None:
    hub.drop_after[GGUF_NAME] = 700_000
    with pytest.raises(Offline) as caught:
        download_model("tinyagent-1.1b", options=opts(hub, retries=0))
    message = str(caught.value)
    assert "lost after" in message and "tinyagent models download tinyagent-1.1b" in message
    assert "resumes" in message
    assert model_state("tinyagent-1.1b").status is Status.PARTIAL
    (part,) = part_files()
    kept = part.stat().st_size
    assert 0 < kept <= 700_000

    seen: list[tuple[int, int]] = []
    download_model("tinyagent-1.1b", progress=lambda d, t: seen.append((d, t)), options=opts(hub))
    assert gguf_path().read_bytes() == GGUF
    assert hub.served == [(GGUF_NAME, 0), (GGUF_NAME, kept)]  # the second GET asked for the rest only
    assert seen[0][0] >= kept  # progress starts where the part ended
    assert part_files() == []


def test_a_dropped_connection_is_resumed_within_the_same_call(hub: FakeHub) -> None:
    hub.drop_after[GGUF_NAME] = 500_000
    download_model("tinyagent-1.1b", options=opts(hub, retries=2))
    assert gguf_path().read_bytes() == GGUF
    assert [start > 0 for _, start in hub.served] == [False, True]


def test_a_server_without_range_support_restarts_the_file(hub: FakeHub) -> None:
    hub.drop_after[GGUF_NAME] = 500_000
    with pytest.raises(Offline):
        download_model("tinyagent-1.1b", options=opts(hub, retries=0))
    hub.ignore_range = True
    seen: list[tuple[int, int]] = []
    download_model("tinyagent-1.1b", progress=lambda d, t: seen.append((d, t)), options=opts(hub))
    assert gguf_path().read_bytes() == GGUF
    assert all(0 <= done <= total for done, total in seen) and seen[-1] == (len(GGUF), len(GGUF))


def test_a_changed_file_on_the_hub_discards_the_old_part(hub: FakeHub) -> None:
    hub.drop_after[GGUF_NAME] = 500_000
    with pytest.raises(Offline):
        download_model("tinyagent-1.1b", options=opts(hub, retries=0))
    (old_part,) = part_files()
    newer = random_bytes(len(GGUF), seed=99)
    hub.repos["squeeze-ai-lab/TinyAgent-1.1B-GGUF"].files[GGUF_NAME] = newer
    download_model("tinyagent-1.1b", options=opts(hub))
    assert gguf_path().read_bytes() == newer
    assert not old_part.exists() and part_files() == []


def test_a_checksum_mismatch_deletes_the_file(hub: FakeHub) -> None:
    hub.corrupt.add(GGUF_NAME)
    with pytest.raises(ChecksumMismatch) as caught:
        download_model("tinyagent-1.1b", options=opts(hub))
    assert "was deleted" in str(caught.value) and GGUF_NAME in str(caught.value)
    assert not gguf_path().exists() and part_files() == []
    assert model_state("tinyagent-1.1b").status is Status.PARTIAL
    hub.corrupt.clear()
    assert download_model("tinyagent-1.1b", options=opts(hub)).status is Status.DOWNLOADED


def test_cancel_stops_between_chunks_and_the_next_download_resumes(hub: FakeHub) -> None:
    cancel = threading.Event()

    def progress(done: int, _total: int) -> None:
        if done >= 3 * 64 * 1024:
            cancel.set()

    with pytest.raises(DownloadCancelled) as caught:
        download_model("tinyagent-1.1b", progress=progress, cancel=cancel, options=opts(hub))
    assert "tinyagent models download tinyagent-1.1b" in str(caught.value)
    (part,) = part_files()
    assert 0 < part.stat().st_size < len(GGUF)
    download_model("tinyagent-1.1b", options=opts(hub))
    assert gguf_path().read_bytes() == GGUF
    assert hub.served[-1] == (GGUF_NAME, 3 * 64 * 1024)


def test_an_etag_that_is_no_checksum_falls_back_to_the_file_listing(hub: FakeHub) -> None:
    hub.opaque_etags = True
    download_model("tinyagent-1.1b", options=opts(hub))
    assert gguf_path().read_bytes() == GGUF
    assert any(r.path.startswith("/api/models/squeeze-ai-lab/TinyAgent-1.1B-GGUF") for r in hub.requests)
    hub.corrupt.add(GGUF_NAME)  # still held to the listing's SHA-256
    remove_model("tinyagent-1.1b")
    with pytest.raises(ChecksumMismatch):
        download_model("tinyagent-1.1b", options=opts(hub))


def test_a_listing_that_points_outside_the_folder_is_refused(hub: FakeHub) -> None:
    hub.add("evil/model", {"../../escape.json": b"{}", "ok.json": b"{}"})
    source = HubSource("evil/model", allow_patterns=("*.json",))
    with pytest.raises(DownloadError, match="outside the repository"):
        list_remote_files(source, name="evil", options=opts(hub))


# ---- folder models (snapshots) ----------------------------------------------------------


def test_a_whisper_model_downloads_the_files_faster_whisper_needs(hub: FakeHub) -> None:
    state = download_model("whisper-tiny", options=opts(hub))
    assert state.status is Status.DOWNLOADED
    folder = installed_path("whisper-tiny")
    assert folder == user_paths().models_dir / "whisper-tiny"
    names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert names == ["config.json", "model.bin", "tokenizer.json", "vocabulary.txt"]
    for name in names:  # small files are held to their git blob id, large ones to LFS SHA-256
        assert (folder / name).read_bytes() == WHISPER[name]
    assert verify_model("whisper-tiny").ok and len(verify_model("whisper-tiny").checks) == 4


def test_toolrag_takes_safetensors_weights_and_top_level_files_only(hub: FakeHub) -> None:
    download_model("tinyagent-toolrag", options=opts(hub))
    folder = user_paths().models_dir / "tinyagent-toolrag"
    names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if not p.name.startswith("."))
    assert names == ["config.json", "model.safetensors", "spm.model", "tokenizer_config.json"]


def test_a_corrupt_small_file_is_caught_by_its_git_blob_id(hub: FakeHub) -> None:
    hub.corrupt.add("config.json")
    with pytest.raises(ChecksumMismatch):
        download_model("whisper-tiny", options=opts(hub))
    assert not (user_paths().models_dir / "whisper-tiny" / "config.json").exists()


# ---- errors in plain words --------------------------------------------------------------


@pytest.mark.parametrize("name", ["tinyagent-1.1b", "whisper-tiny"])
def test_offline_says_so_and_how_to_resume(name: str) -> None:
    with pytest.raises(Offline) as caught:
        download_model(name, options=DownloadOptions(endpoint=closed_port_url(), retry_wait_s=0))
    message = str(caught.value)
    assert message.startswith("You're offline")
    assert "built-in models work without a download" in message
    assert f"tinyagent models download {name}" in message


def test_hf_endpoint_is_read_from_the_environment(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    download_model("whisper-tiny", options=DownloadOptions(chunk_size=64 * 1024))
    assert model_state("whisper-tiny").status is Status.DOWNLOADED


def test_a_missing_repo_or_file_is_named(hub: FakeHub) -> None:
    del hub.repos["Systran/faster-whisper-tiny"]
    with pytest.raises(NotOnHub, match="Systran/faster-whisper-tiny"):
        download_model("whisper-tiny", options=opts(hub))
    hub.repos["squeeze-ai-lab/TinyAgent-1.1B-GGUF"].files = {"TinyAgent-1.1B-Q8_0.gguf": GGUF}
    with pytest.raises(NotOnHub) as caught:
        download_model("tinyagent-1.1b", options=opts(hub))
    assert GGUF_NAME in str(caught.value) and "squeeze-ai-lab/TinyAgent-1.1B-GGUF" in str(caught.value)


def test_a_gated_repo_asks_for_a_token(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    hub.repos["squeeze-ai-lab/TinyAgent-1.1B-GGUF"].gated = True
    with pytest.raises(AccessDenied, match="HF_TOKEN"):
        download_model("tinyagent-1.1b", options=opts(hub))
    monkeypatch.setenv("HF_TOKEN", hub.token)
    assert download_model("tinyagent-1.1b", options=opts(hub)).status is Status.DOWNLOADED
    to_hub = [r for r in hub.requests if r.authorization is not None]
    assert to_hub and all(r.authorization == f"Bearer {hub.token}" for r in to_hub)
    cdn = [r for r in hub.requests if r.path.startswith("/cdn/")]
    assert cdn and all(r.authorization is None for r in cdn)  # the token stays on the hub


def test_too_little_disk_space_is_reported_before_downloading(
    hub: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = downloads.shutil.disk_usage
    monkeypatch.setattr(downloads.shutil, "disk_usage", lambda p: real(p)._replace(free=1_000_000))
    with pytest.raises(DiskFull) as caught:
        download_model("tinyagent-1.1b", options=opts(hub))
    message = str(caught.value)
    assert "2 MB more" in message and str(user_paths().models_dir / "tinyagent-1.1b") in message
    assert "1 MB is free" in message
    assert hub.served == []


def test_a_disk_filling_up_while_writing_keeps_the_part(
    hub: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(downloads, "_update", full)
    with pytest.raises(DiskFull, match=r"needs .* more in .*tinyagent-1\.1b"):
        download_model("tinyagent-1.1b", options=opts(hub))
    assert len(part_files()) == 1


def test_remove_deletes_the_folder_but_not_during_a_download(hub: FakeHub) -> None:
    download_model("tinyagent-1.1b", options=opts(hub))
    lock = FileLock(str(user_paths().models_dir / ".locks" / "tinyagent-1.1b.lock"))
    with lock, pytest.raises(DownloadError, match="being downloaded"):
        remove_model("tinyagent-1.1b")
    assert remove_model("tinyagent-1.1b") >= len(GGUF)
    assert model_state("tinyagent-1.1b").status is Status.NOT_DOWNLOADED
    assert remove_model("tinyagent-1.1b") == 0


# ---- the command line -------------------------------------------------------------------


def tinyagent(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGING_FACE"))}
    full = clean | {"TINYAGENT_HOME": str(home), "HF_HOME": str(home / "hf"), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "tinyagent.core.cli", *args],
        capture_output=True,
        text=True,
        env=full | env,
        timeout=60,
    )


def test_cli_downloads_lists_verifies_and_removes(hub: FakeHub, tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = tinyagent(home, "models", "download", "whisper-tiny", HF_ENDPOINT=hub.url)
    assert done.returncode == 0, done.stderr
    assert "Downloaded whisper-tiny" in done.stdout
    assert "100%" in done.stderr and "/s" in done.stderr  # the progress line: bytes, percent, speed

    listed = tinyagent(home, "models")
    assert listed.returncode == 0, listed.stderr
    row = next(line for line in listed.stdout.splitlines() if line.startswith("whisper-tiny"))
    assert "downloaded" in row and str(home / "models" / "whisper-tiny") in row
    assert any(
        line.startswith("tinyagent-7b") and "not downloaded" in line for line in listed.stdout.splitlines()
    )

    checked = tinyagent(home, "models", "verify", "whisper-tiny")
    assert checked.returncode == 0 and "whisper-tiny: ok (4 files)" in checked.stdout

    (home / "models" / "whisper-tiny" / "model.bin").write_bytes(random_bytes(300_000, seed=42))
    damaged = tinyagent(home, "models", "verify")
    assert damaged.returncode == 1 and "whisper-tiny: DAMAGED" in damaged.stdout

    removed = tinyagent(home, "models", "remove", "whisper-tiny")
    assert removed.returncode == 0 and "Removed whisper-tiny" in removed.stdout
    assert not (home / "models" / "whisper-tiny").exists()


def test_cli_offline_and_unknown_names(tmp_path: Path) -> None:
    offline = tinyagent(tmp_path, "models", "download", "tinyagent-1.1b", HF_ENDPOINT=closed_port_url())
    assert offline.returncode == 1
    assert "You're offline" in offline.stderr and "Traceback" not in offline.stderr
    unknown = tinyagent(tmp_path, "models", "download", "gpt-5")
    assert unknown.returncode == 2 and "no model called 'gpt-5'" in unknown.stderr


def test_cli_verifies_the_built_in_models(tmp_path: Path) -> None:
    builtin = tmp_path / "builtin"
    (builtin / "planner").mkdir(parents=True)
    weights = builtin / "planner" / "planner.gguf"
    weights.write_bytes(random_bytes(4096, seed=8))
    manifest = {
        "name": "builtin-planner",
        "kind": "planner",
        "files": [{"path": "planner.gguf", "sha256": file_sha256(weights), "size": 4096}],
        "parameters": 1000,
        "training_command": "python -m training.planner",
        "data_seed": 0,
        "eval": {},
    }
    (builtin / "planner" / "manifest.json").write_text(json.dumps(manifest))
    env = {"TINYAGENT_BUILTIN_MODELS": str(builtin)}
    good = tinyagent(tmp_path, "models", "verify", **env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "builtin-planner: ok (1 file)" in good.stdout
    assert "builtin-toolrag: not built: run `python -m training.build_all`" in good.stdout

    weights.write_bytes(random_bytes(4096, seed=9))
    bad = tinyagent(tmp_path, "models", "verify", **env)
    assert bad.returncode == 1 and "builtin-planner: DAMAGED" in bad.stdout and "SHA-256" in bad.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_cli_ctrl_c_stops_cleanly_and_the_download_continues_later(hub: FakeHub, tmp_path: Path) -> None:
    hub.pause_s = 0.02  # about 3 MB/s: two seconds for the file
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGING_FACE"))}
    env |= {"TINYAGENT_HOME": str(home), "HF_HOME": str(home / "hf"), "HF_ENDPOINT": hub.url}
    child = subprocess.Popen(
        [sys.executable, "-m", "tinyagent.core.cli", "models", "download", "tinyagent-1.1b"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    while not any(p.stat().st_size for p in (home / "models").rglob("*.part")):  # bytes are arriving
        assert child.poll() is None, child.communicate()
        threading.Event().wait(0.02)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=30)
    assert child.returncode == 1, out + err
    assert "Stopped downloading tinyagent-1.1b" in err and "Traceback" not in err
    assert len(list((home / "models").rglob("*.part"))) == 1

    hub.pause_s = 0.0
    again = tinyagent(home, "models", "download", "tinyagent-1.1b", HF_ENDPOINT=hub.url)
    assert again.returncode == 0, again.stderr
    assert "(continuing)" in again.stdout
    assert (home / "models" / "tinyagent-1.1b" / GGUF_NAME).read_bytes() == GGUF
    assert hub.served[-1][1] > 0
    assert not [r for r in hub.requests if "harness" in r.path]  # no telemetry calls
