"""The model catalog: what TinyAgent can run, where each model is, and getting it there.

Two kinds of entry:

- built-in models, shipped in the app (the package ``tinyagent.models``, the repository's
  ``models/`` folder): one folder each, with a ``manifest.json`` listing every file with its
  SHA-256 and size, and how it was trained. They need no download.
- downloadable models on the Hugging Face Hub, fetched into ``models_dir/<name>/`` (see
  ``core.downloads``): the published TinyAgent GGUFs, the TinyAgent-ToolRAG classifier,
  and faster-whisper speech models.

``download_model`` is blocking: the GUI runs it in a worker thread, with a progress
callback and a cancel flag. ``resolve_gguf`` turns a planner setting that names a catalog
model into the file to load.
"""

from __future__ import annotations

import enum
import importlib.resources
import json
import os
import shutil
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tinyagent.core.downloads import (
    DownloadError,
    DownloadOptions,
    FileRecord,
    ProgressCallback,
    fetch_snapshot,
    file_sha256,
    format_size,
    read_record,
)
from tinyagent.core.errors import ModelLoadError, ModelNotFound, TinyAgentError
from tinyagent.core.hub import HubSource, list_remote_files
from tinyagent.core.settings import UserPaths, user_paths

ModelKind = Literal["planner", "toolrag", "speech"]

BUILTIN_ENV = "TINYAGENT_BUILTIN_MODELS"  # a folder to use instead of the packaged models/
BUILD_COMMAND = "python -m training.build_all"
MANIFEST = "manifest.json"

_MB = 1_000_000


@dataclass(frozen=True)
class ModelSpec:
    """One entry of the catalog."""

    name: str  # what the user types: `tinyagent models download NAME`
    kind: ModelKind
    purpose: str  # what it is for, in a sentence
    license: str
    approx_size: int  # bytes; the list shows it before anything is downloaded
    hub: HubSource | None = None  # where to download it; None: built in
    builtin_dir: str | None = None  # the built-in model's folder under models/

    def __post_init__(self) -> None:
        if (self.hub is None) == (self.builtin_dir is None):
            raise ValueError(f"model {self.name!r}: give either hub or builtin_dir")

    @property
    def builtin(self) -> bool:
        """Shipped with the app rather than downloaded."""
        return self.builtin_dir is not None


def _whisper(size: str, approx_mb: int) -> ModelSpec:
    return ModelSpec(
        f"whisper-{size}",
        "speech",
        f"Speech to text with faster-whisper ({size}); pick it in settings as the whisper model.",
        "MIT (OpenAI Whisper, CTranslate2 conversion by Systran)",
        approx_mb * _MB,
        # the files faster-whisper itself downloads
        HubSource(
            f"Systran/faster-whisper-{size}",
            allow_patterns=(
                "config.json",
                "preprocessor_config.json",
                "model.bin",
                "tokenizer.json",
                "vocabulary.*",
            ),
        ),
    )


CATALOG: tuple[ModelSpec, ...] = (
    ModelSpec(
        "builtin-planner",
        "planner",
        "The planner shipped with TinyAgent: turns a request into a plan of tool calls.",
        "MIT (trained by this project)",
        0,
        builtin_dir="planner",
    ),
    ModelSpec(
        "builtin-toolrag",
        "toolrag",
        "The tool selector shipped with TinyAgent: picks the tools and examples for a request.",
        "MIT (trained by this project)",
        0,
        builtin_dir="toolrag",
    ),
    ModelSpec(
        "tinyagent-1.1b",
        "planner",
        "Berkeley's TinyAgent-1.1B planner (TinyLlama fine-tune), 4-bit GGUF for llama.cpp.",
        "MIT per the model card; base model TinyLlama-1.1B is Apache-2.0",
        668 * _MB,
        HubSource("squeeze-ai-lab/TinyAgent-1.1B-GGUF", filename="TinyAgent-1.1B-Q4_K_M.gguf"),
    ),
    ModelSpec(
        "tinyagent-7b",
        "planner",
        "Berkeley's TinyAgent-7B planner (WizardLM-2-7B fine-tune), 4-bit GGUF; more accurate, slower.",
        "MIT per the model card; base model WizardLM-2-7B is Apache-2.0",
        4370 * _MB,
        HubSource("squeeze-ai-lab/TinyAgent-7B-GGUF", filename="TinyAgent-7B-Q4_K_M.gguf"),
    ),
    ModelSpec(
        "tinyagent-toolrag",
        "toolrag",
        "Berkeley's TinyAgent-ToolRAG tool classifier (DeBERTa-v3-small, 16 tools), for transformers.",
        "MIT per the model card; base model DeBERTa-v3 is MIT",
        570 * _MB,
        HubSource(
            "squeeze-ai-lab/TinyAgent-ToolRAG",
            # weights (safetensors preferred over .bin), config and tokenizer; top level only
            allow_patterns=("*.json", "*.safetensors", "*.bin", "*.model", "*.txt"),
            ignore_patterns=("*/*", "training_args.bin", "optimizer*", "scheduler*", "rng_state*"),
        ),
    ),
    _whisper("tiny", 75),
    _whisper("base", 145),
    _whisper("small", 484),
    _whisper("medium", 1530),
)

_BY_NAME = {spec.name: spec for spec in CATALOG}
assert len(_BY_NAME) == len(CATALOG), "catalog names must be unique"


def get_model(name: str) -> ModelSpec:
    """The catalog entry called ``name`` (case does not matter)."""
    spec = _BY_NAME.get(name.strip().lower())
    if spec is None:
        raise ModelNotFound(f"There is no model called {name!r}; the catalog has: {', '.join(_BY_NAME)}.")
    return spec


# ---- built-in models --------------------------------------------------------------------


@dataclass(frozen=True)
class ManifestFile:
    """A file of a built-in model as its manifest describes it."""

    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    """A built-in model's ``manifest.json``: its files and how it was made."""

    name: str
    kind: str
    files: tuple[ManifestFile, ...]
    parameters: int | None = None
    training_command: str | None = None
    data_seed: int | None = None
    eval: Mapping[str, Any] = field(default_factory=dict)


def builtin_root(environ: Mapping[str, str] | None = None) -> Path:
    """The folder holding the built-in models (``$TINYAGENT_BUILTIN_MODELS`` overrides it)."""
    env = os.environ if environ is None else environ
    if env.get(BUILTIN_ENV):
        return Path(env[BUILTIN_ENV]).expanduser()
    try:
        return Path(str(importlib.resources.files("tinyagent.models")))
    except ModuleNotFoundError:  # a source checkout whose install predates the models package
        return Path(__file__).resolve().parents[1] / "models"


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest of the built-in model in ``folder``; None when it is not built."""
    path = folder / MANIFEST
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        if isinstance(files, Mapping):  # {"path": {"sha256", "size"}}, as training.toolrag writes
            files = [{"path": p, **meta} for p, meta in files.items()]
        training = data.get("training", {})
        return Manifest(
            name=str(data.get("name", folder.name)),
            kind=str(data.get("kind", "")),
            files=tuple(ManifestFile(str(f["path"]), str(f["sha256"]), int(f["size"])) for f in files),
            parameters=data.get("parameters"),
            training_command=data.get("training_command", training.get("command")),
            data_seed=data.get("data_seed", training.get("data_seed")),
            eval=data.get("eval", data.get("metrics", {})),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        problem = f"no {error}" if isinstance(error, KeyError) else str(error)
        raise ModelLoadError(
            f"{path} is not a valid model manifest ({problem}); rebuild it: `{BUILD_COMMAND}`."
        ) from error


# ---- where models are, and in what state ------------------------------------------------


class Status(enum.Enum):
    """Whether a model can be used now."""

    BUILTIN = "built-in"
    NOT_BUILT = "not built"
    DOWNLOADED = "downloaded"
    PARTIAL = "partial"
    NOT_DOWNLOADED = "not downloaded"

    @property
    def ready(self) -> bool:
        """The model's files are all there."""
        return self in (Status.BUILTIN, Status.DOWNLOADED)


@dataclass(frozen=True)
class ModelState:
    """A catalog entry with where it is on this machine and whether it is usable."""

    spec: ModelSpec
    status: Status
    path: Path  # its folder (where it is, or would be downloaded to)
    size: int  # bytes on disk; the approximate download size when nothing is there

    @property
    def file(self) -> Path | None:
        """A one-file model's file (a GGUF); None for folder models."""
        if self.spec.hub is not None and self.spec.hub.filename is not None:
            return self.path / self.spec.hub.filename
        return None


def model_dir(spec: ModelSpec, paths: UserPaths | None = None) -> Path:
    """Where the model's files are, or will be once downloaded."""
    if spec.builtin_dir is not None:
        return builtin_root() / spec.builtin_dir
    return (paths or user_paths()).models_dir / spec.name


def model_state(name: str, paths: UserPaths | None = None) -> ModelState:
    """The state of the model called ``name``."""
    spec = get_model(name)
    folder = model_dir(spec, paths)
    if spec.builtin:
        manifest = read_manifest(folder)
        if manifest is None:
            return ModelState(spec, Status.NOT_BUILT, folder, 0)
        return ModelState(spec, Status.BUILTIN, folder, sum(f.size for f in manifest.files))
    if not folder.is_dir():
        return ModelState(spec, Status.NOT_DOWNLOADED, folder, spec.approx_size)
    on_disk = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    record = read_record(folder)
    complete = record is not None and record.complete and _files_present(folder, record.files)
    return ModelState(spec, Status.DOWNLOADED if complete else Status.PARTIAL, folder, on_disk)


def _files_present(folder: Path, files: Mapping[str, FileRecord]) -> bool:
    return all((folder / p).is_file() and (folder / p).stat().st_size == r.size for p, r in files.items())


def list_models(paths: UserPaths | None = None) -> tuple[ModelState, ...]:
    """Every catalog entry with its state, in catalog order."""
    return tuple(model_state(spec.name, paths) for spec in CATALOG)


def installed_path(name: str, paths: UserPaths | None = None) -> Path:
    """The file (one-file models) or folder of a model that is ready to use.

    Raises ``ModelNotFound`` saying how to get it when it is not built or not downloaded.
    """
    state = model_state(name, paths)
    if state.status is Status.NOT_BUILT:
        raise ModelNotFound(f"The built-in model {state.spec.name} is not built: run `{BUILD_COMMAND}`.")
    if not state.status.ready:
        partly = " completely" if state.status is Status.PARTIAL else ""
        raise ModelNotFound(
            f"{state.spec.name} is not{partly} downloaded; run `tinyagent models download {state.spec.name}`."
        )
    return state.file or state.path


def resolve_gguf(value: str, paths: UserPaths | None = None) -> Path:
    """The GGUF file a planner setting means: a catalog name (``tinyagent-1.1b``, ``builtin-planner``)
    or a path, returned as it is (llama.cpp reports a missing file).

    Raises ``ModelNotFound`` when a catalog planner is not downloaded or built.
    """
    if value.strip().lower() not in _BY_NAME:  # no catalog name has a slash or ends in .gguf
        return Path(value).expanduser()
    spec = get_model(value)
    if spec.kind != "planner":
        raise ModelNotFound(f"{spec.name} is a {spec.kind} model, not a planner; choose a planner model.")
    found = installed_path(spec.name, paths)
    if found.is_file():
        return found
    manifest = read_manifest(found)
    ggufs = [f.path for f in manifest.files if f.path.endswith(".gguf")] if manifest else []
    if not ggufs:
        raise ModelNotFound(f"{found} holds no GGUF file; rebuild it: `{BUILD_COMMAND}`.")
    return found / ggufs[0]


# ---- download, remove, verify -----------------------------------------------------------


def download_model(
    name: str,
    *,
    paths: UserPaths | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    options: DownloadOptions | None = None,
) -> ModelState:
    """Download ``name`` into ``models_dir/<name>/`` and return its new state.

    Blocking; resumes what an earlier call left. ``progress(done, total)`` is called from
    this thread after every chunk; setting ``cancel`` stops between chunks with
    ``DownloadCancelled``. Other failures are ``DownloadError``s whose message says what to do.
    """
    spec = get_model(name)
    if spec.hub is None:
        raise TinyAgentError(f"{spec.name} is built into TinyAgent; there is nothing to download.")
    paths = paths or user_paths()
    options = options or DownloadOptions()
    folder = model_dir(spec, paths)
    with _exclusive(spec, paths, "is already being downloaded; wait for that download or cancel it"):
        snapshot = list_remote_files(spec.hub, name=spec.name, options=options)
        fetch_snapshot(snapshot, folder, name=spec.name, progress=progress, cancel=cancel, options=options)
    return model_state(spec.name, paths)


def remove_model(name: str, paths: UserPaths | None = None) -> int:
    """Delete a downloaded (or partly downloaded) model; the number of bytes freed."""
    spec = get_model(name)
    if spec.builtin:
        raise TinyAgentError(f"{spec.name} is part of TinyAgent and cannot be removed.")
    paths = paths or user_paths()
    state = model_state(spec.name, paths)
    if state.status is Status.NOT_DOWNLOADED:
        return 0
    with _exclusive(spec, paths, "is being downloaded; cancel that download first"):
        shutil.rmtree(state.path)
    return state.size


@contextmanager
def _exclusive(spec: ModelSpec, paths: UserPaths, busy: str) -> Iterator[None]:
    """Hold the model's lock (across processes: the GUI and the CLI may both be running)."""
    from filelock import FileLock, Timeout

    locks = paths.models_dir / ".locks"
    locks.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(str(locks / f"{spec.name}.lock"), timeout=0):
            yield
    except Timeout:
        raise DownloadError(f"{spec.name} {busy}.") from None


@dataclass(frozen=True)
class FileCheck:
    """One file checked against its recorded SHA-256 and size."""

    path: Path
    problem: str | None = None  # None: the file is intact


@dataclass(frozen=True)
class Verification:
    """The result of checking one model's files."""

    state: ModelState
    checks: tuple[FileCheck, ...]

    @property
    def ok(self) -> bool:
        """Every file that should be there is there, unchanged."""
        return all(check.problem is None for check in self.checks)


def verify_model(name: str, paths: UserPaths | None = None) -> Verification:
    """Hash a built-in model's files against its manifest, or a downloaded model's against
    what the hub published (recorded at download). Nothing to check: no checks."""
    state = model_state(name, paths)
    expected: dict[str, tuple[int, str]] = {}
    if state.status is Status.BUILTIN:
        manifest = read_manifest(state.path)
        expected = {f.path: (f.size, f.sha256) for f in manifest.files} if manifest else {}
    elif state.status in (Status.DOWNLOADED, Status.PARTIAL):
        record = read_record(state.path)
        expected = {p: (r.size, r.sha256) for p, r in record.files.items()} if record else {}
    return Verification(state, tuple(_check(state.path / p, *e) for p, e in sorted(expected.items())))


def _check(path: Path, size: int, sha256: str) -> FileCheck:
    if not path.is_file():
        return FileCheck(path, "missing")
    if path.stat().st_size != size:
        return FileCheck(path, f"{format_size(path.stat().st_size)} instead of {format_size(size)}")
    actual = file_sha256(path)
    if actual != sha256:
        return FileCheck(path, f"SHA-256 {actual[:12]}… instead of {sha256[:12]}…")
    return FileCheck(path)
