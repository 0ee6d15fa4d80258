"""The model catalog, built-in manifests, states, resolution and the progress line (no network)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tinyagent.core.downloads import DownloadError, file_sha256, format_size, read_record
from tinyagent.core.errors import ModelLoadError, ModelNotFound, TinyAgentError
from tinyagent.core.hub import HubSource
from tinyagent.core.models import (
    BUILTIN_ENV,
    CATALOG,
    ModelSpec,
    Status,
    builtin_root,
    get_model,
    installed_path,
    list_models,
    model_state,
    read_manifest,
    remove_model,
    resolve_gguf,
    verify_model,
)
from tinyagent.core.models_cli import ProgressBar
from tinyagent.core.settings import user_paths


@pytest.fixture
def builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A built-in models folder with a planner (list-style manifest) and a toolrag (dict-style)."""
    root = tmp_path / "builtin"
    planner, toolrag = root / "planner", root / "toolrag"
    planner.mkdir(parents=True)
    toolrag.mkdir()
    (planner / "planner.gguf").write_bytes(b"GGUF" + bytes(1000))
    (planner / "manifest.json").write_text(
        json.dumps(
            {
                "name": "builtin-planner",
                "kind": "planner",
                "files": [
                    {"path": "planner.gguf", "sha256": file_sha256(planner / "planner.gguf"), "size": 1004}
                ],
                "parameters": 12_000_000,
                "training_command": "python -m training.planner --minutes 40",
                "data_seed": 7,
                "eval": {"plan_accuracy": 0.9},
            }
        )
    )
    (toolrag / "head.safetensors").write_bytes(b"head")
    files = {"head.safetensors": {"sha256": file_sha256(toolrag / "head.safetensors"), "size": 4}}
    training = {"command": "python -m training.toolrag", "data_seed": 3}
    (toolrag / "manifest.json").write_text(json.dumps({"files": files, "training": training}))
    monkeypatch.setenv(BUILTIN_ENV, str(root))
    return root


def fake_download(name: str, files: dict[str, bytes], *, complete: bool = True) -> Path:
    """Lay out a model folder as a finished (or unfinished) download would leave it."""
    folder = user_paths().models_dir / name
    folder.mkdir(parents=True)
    record = {}
    for path, data in files.items():
        (folder / path).write_bytes(data)
        record[path] = {"size": len(data), "sha256": file_sha256(folder / path)}
    spec = get_model(name)
    assert spec.hub is not None
    data = {"repo_id": spec.hub.repo_id, "commit": "c" * 40, "complete": complete, "files": record}
    (folder / ".tinyagent-download.json").write_text(json.dumps(data))
    return folder


# ---- the catalog ------------------------------------------------------------------------


def test_the_catalog_has_the_builtins_and_the_published_models() -> None:
    names = [spec.name for spec in CATALOG]
    assert names[:2] == ["builtin-planner", "builtin-toolrag"]
    assert {"tinyagent-1.1b", "tinyagent-7b", "tinyagent-toolrag", "whisper-tiny", "whisper-medium"} <= set(
        names
    )
    for spec in CATALOG:
        assert spec.purpose and spec.license and spec.kind in ("planner", "toolrag", "speech")
        if spec.hub is not None:
            assert spec.approx_size > 0 and "/" in spec.hub.repo_id
    planners = [s for s in CATALOG if s.kind == "planner" and s.hub is not None]
    assert all(s.hub is not None and (s.hub.filename or "").endswith(".gguf") for s in planners)
    assert get_model("tinyagent-1.1b").hub == HubSource(
        "squeeze-ai-lab/TinyAgent-1.1B-GGUF", filename="TinyAgent-1.1B-Q4_K_M.gguf"
    )


def test_names_are_case_insensitive_and_unknown_names_list_the_catalog() -> None:
    assert get_model(" Whisper-Base ").name == "whisper-base"
    with pytest.raises(ModelNotFound, match=r"no model called 'llama'.*tinyagent-1\.1b"):
        get_model("llama")


def test_bad_declarations_fail_at_construction() -> None:
    with pytest.raises(ValueError, match="either"):
        ModelSpec("x", "planner", "p", "l", 1)
    with pytest.raises(ValueError, match="either"):
        HubSource("a/b", filename="f.gguf", allow_patterns=("*.json",))
    with pytest.raises(ValueError, match="either"):
        HubSource("a/b")


# ---- built-in models --------------------------------------------------------------------


def test_builtin_models_are_found_where_the_package_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BUILTIN_ENV, raising=False)
    assert builtin_root().name == "models" and (builtin_root() / "__init__.py").is_file()
    assert builtin_root({BUILTIN_ENV: "/elsewhere"}) == Path("/elsewhere")


def test_missing_builtins_are_not_built_and_say_how_to_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BUILTIN_ENV, str(tmp_path / "empty"))
    state = model_state("builtin-planner")
    assert state.status is Status.NOT_BUILT and not state.status.ready
    with pytest.raises(ModelNotFound, match=r"not built: run `python -m training\.build_all`"):
        installed_path("builtin-planner")
    with pytest.raises(ModelNotFound, match=r"training\.build_all"):
        resolve_gguf("builtin-planner")
    assert verify_model("builtin-planner").checks == ()


def test_manifests_are_read_in_both_layouts(builtin: Path) -> None:
    planner = read_manifest(builtin / "planner")
    assert planner is not None and planner.files[0].path == "planner.gguf" and planner.files[0].size == 1004
    assert (planner.parameters, planner.data_seed, planner.eval) == (12_000_000, 7, {"plan_accuracy": 0.9})
    toolrag = read_manifest(builtin / "toolrag")
    assert toolrag is not None and toolrag.files[0].path == "head.safetensors"
    assert (toolrag.training_command, toolrag.data_seed) == ("python -m training.toolrag", 3)
    assert read_manifest(builtin / "nothing") is None


def test_a_broken_manifest_is_a_load_error(builtin: Path) -> None:
    (builtin / "planner" / "manifest.json").write_text('{"files": [{"path": "x"}]}')
    with pytest.raises(ModelLoadError, match=r"not a valid model manifest \(no 'sha256'\)"):
        model_state("builtin-planner")


def test_builtins_are_verified_against_their_manifests(builtin: Path) -> None:
    state = model_state("builtin-planner")
    assert state.status is Status.BUILTIN and state.size == 1004
    assert resolve_gguf("builtin-planner") == builtin / "planner" / "planner.gguf"
    assert verify_model("builtin-planner").ok and verify_model("builtin-toolrag").ok

    (builtin / "planner" / "planner.gguf").write_bytes(b"GGUF" + bytes(999) + b"!")
    (problem,) = [c.problem for c in verify_model("builtin-planner").checks]
    assert problem is not None and problem.startswith("SHA-256")
    (builtin / "toolrag" / "head.safetensors").unlink()
    assert [c.problem for c in verify_model("builtin-toolrag").checks] == ["missing"]


def test_builtins_cannot_be_downloaded_or_removed(builtin: Path) -> None:
    from tinyagent.core.models import download_model

    with pytest.raises(TinyAgentError, match="built into TinyAgent"):
        download_model("builtin-planner")
    with pytest.raises(TinyAgentError, match="cannot be removed"):
        remove_model("builtin-toolrag")
    assert (builtin / "toolrag" / "head.safetensors").exists()


# ---- downloaded models ------------------------------------------------------------------


def test_states_of_downloadable_models() -> None:
    assert model_state("tinyagent-7b").status is Status.NOT_DOWNLOADED
    assert model_state("tinyagent-7b").size == get_model("tinyagent-7b").approx_size
    assert model_state("tinyagent-7b").path == user_paths().models_dir / "tinyagent-7b"

    fake_download("whisper-tiny", {"model.bin": b"weights", "config.json": b"{}"})
    assert model_state("whisper-tiny").status is Status.DOWNLOADED

    folder = fake_download("whisper-base", {"config.json": b"{}"}, complete=False)
    (folder / "model.bin.0123456789ab.part").write_bytes(b"half")
    assert model_state("whisper-base").status is Status.PARTIAL

    states = {s.spec.name: s.status for s in list_models()}
    assert states["whisper-tiny"] is Status.DOWNLOADED and states["whisper-base"] is Status.PARTIAL


def test_a_download_missing_a_file_is_partial() -> None:
    folder = fake_download("whisper-tiny", {"model.bin": b"weights"})
    (folder / "model.bin").unlink()
    assert model_state("whisper-tiny").status is Status.PARTIAL
    assert [c.problem for c in verify_model("whisper-tiny").checks] == ["missing"]


def test_catalog_names_resolve_to_downloaded_ggufs_and_paths_pass_through(tmp_path: Path) -> None:
    assert resolve_gguf("~/models/x.gguf") == Path.home() / "models" / "x.gguf"
    assert resolve_gguf(str(tmp_path / "tinyagent-1.1b")) == tmp_path / "tinyagent-1.1b"
    with pytest.raises(ModelNotFound, match=r"run `tinyagent models download tinyagent-1\.1b`"):
        resolve_gguf("tinyagent-1.1b")
    folder = fake_download("tinyagent-1.1b", {"TinyAgent-1.1B-Q4_K_M.gguf": b"GGUF"})
    assert resolve_gguf("tinyagent-1.1b") == folder / "TinyAgent-1.1B-Q4_K_M.gguf"
    with pytest.raises(ModelNotFound, match="not a planner"):
        resolve_gguf("whisper-tiny")


def test_a_partial_download_is_not_used() -> None:
    fake_download("tinyagent-1.1b", {"TinyAgent-1.1B-Q4_K_M.gguf": b"GGUF"}, complete=False)
    with pytest.raises(ModelNotFound, match="not completely downloaded"):
        resolve_gguf("tinyagent-1.1b")


def test_remove_frees_the_folder() -> None:
    folder = fake_download("whisper-tiny", {"model.bin": bytes(5000)})
    assert remove_model("whisper-tiny") >= 5000
    assert not folder.exists() and remove_model("whisper-tiny") == 0


def test_an_unreadable_record_counts_as_partial() -> None:
    folder = fake_download("whisper-tiny", {"model.bin": b"w"})
    (folder / ".tinyagent-download.json").write_text("{not json")
    assert read_record(folder) is None
    assert model_state("whisper-tiny").status is Status.PARTIAL


# ---- what the user sees -----------------------------------------------------------------


def test_sizes_are_shown_as_the_hub_shows_them() -> None:
    assert [format_size(n) for n in (999, 1500, 668_000_000, 4_370_000_000)] == [
        "999 B",
        "2 kB",
        "668 MB",
        "4.37 GB",
    ]


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_progress_line_shows_bytes_percent_speed_and_time_left() -> None:
    clock, out = Clock(), io.StringIO()
    bar = ProgressBar(out, clock)
    bar(100_000_000, 668_000_000)  # resumed: the bytes already there do not count as speed
    clock.now = 10.0
    bar(200_000_000, 668_000_000)
    line = bar.line(200_000_000, 668_000_000)
    assert "200 MB / 668 MB" in line and " 30%" in line and "10 MB/s" in line and "0:00:46 left" in line


def test_the_progress_goes_to_a_pipe_a_line_per_tenth() -> None:
    out = io.StringIO()
    bar = ProgressBar(out, Clock())
    for done in range(0, 1001, 10):
        bar(done, 1000)
    lines = out.getvalue().splitlines()
    assert len(lines) == 11 and lines[-1].startswith("[" + "#" * 24 + "]") and "100%" in lines[-1]


def test_download_errors_are_tinyagent_errors() -> None:
    assert issubclass(DownloadError, TinyAgentError)
