"""Downloading model files from the Hugging Face Hub: resumable, verified, cancellable.

``huggingface_hub`` builds the URLs and reads the metadata (the file list, sizes, checksums
and the commit), but the bytes are streamed here with httpx: its download functions take no
per-chunk progress callback (only a tqdm class) and cannot be stopped between chunks, and
the GUI needs both. Files land in the model's own folder (``models_dir/<name>/``, laid out
like the repository, as ``hf_hub_download(local_dir=...)`` would), not in the shared HF
cache, so that removing a model is removing its folder.

A file is written to ``<file>.<checksum[:12]>.part`` beside its final place and renamed only
after its checksum matches the hub's: the SHA-256 the hub publishes for LFS files (their
ETag), or the git blob id of small files kept in git. An interrupted download keeps its
``.part`` and continues from it with an HTTP Range request; a ``.part`` of another version
of the file is deleted. What has been verified is recorded in ``.tinyagent-download.json``.

The token is ``DownloadOptions.token``, else ``$HF_TOKEN`` or the one ``hf auth login`` saved;
it is sent to the hub only (httpx drops it when a redirect leads to the CDN).
"""

from __future__ import annotations

import errno
import glob
import hashlib
import json
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from tinyagent.core.errors import TinyAgentError

ProgressCallback = Callable[[int, int], None]
"""Called from the downloading thread with (bytes done, bytes in all) for the whole model."""

RECORD_FILE = ".tinyagent-download.json"
PART_SUFFIX = ".part"


class DownloadError(TinyAgentError):
    """A model could not be downloaded; the message says why and what to do."""


class Offline(DownloadError):
    """The hub cannot be reached, or the connection dropped; running the download again resumes."""


class DiskFull(DownloadError):
    """Not enough free space for the download."""


class ChecksumMismatch(DownloadError):
    """A downloaded file is not the file the hub describes; it has been deleted."""


class NotOnHub(DownloadError):
    """The repository, revision or file does not exist on the hub (HTTP 404)."""


class AccessDenied(DownloadError):
    """The hub wants a token (a gated or private repository: HTTP 401/403)."""


class DownloadCancelled(DownloadError):
    """The cancel flag was set; what was downloaded is kept and the next download resumes."""


@dataclass(frozen=True)
class DownloadOptions:
    """How to reach the hub and how hard to try."""

    endpoint: str | None = None  # None: $HF_ENDPOINT, else https://huggingface.co
    token: str | None = None  # None: $HF_TOKEN, else the token `hf auth login` saved
    chunk_size: int = 1 << 20
    retries: int = 3  # automatic resumes after a dropped connection, before giving up
    retry_wait_s: float = 2.0
    timeout_s: float = 30.0  # for connecting and between two chunks


@dataclass(frozen=True)
class RemoteFile:
    """One file to download, pinned to a commit, with the checksum to hold it to."""

    path: str  # relative to the repository root, and to the model folder
    url: str
    size: int
    sha256: str | None  # LFS files: the hub's SHA-256 of the content
    git_sha1: str | None = None  # files kept in git: the blob id

    @property
    def checksum(self) -> str:
        """The checksum the hub publishes for this file."""
        return self.sha256 or self.git_sha1 or ""


@dataclass(frozen=True)
class Snapshot:
    """The files of a model at one commit of its repository."""

    repo_id: str
    commit: str
    files: tuple[RemoteFile, ...]

    @property
    def size(self) -> int:
        """Bytes in all."""
        return sum(f.size for f in self.files)


@dataclass(frozen=True)
class FileRecord:
    """A downloaded, verified file as recorded in the model folder."""

    size: int
    sha256: str
    git_sha1: str | None = None


@dataclass(frozen=True)
class DownloadRecord:
    """What ``.tinyagent-download.json`` says about a model folder."""

    repo_id: str
    commit: str
    complete: bool
    files: dict[str, FileRecord]


def format_size(size: float) -> str:
    """Bytes in the units the hub shows (decimal): ``668 MB``, ``4.37 GB``."""
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit in ("B", "kB", "MB") else f"{size:.2f} {unit}"
        size /= 1000
    raise AssertionError("unreachable")


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def status_error(status: int, what: str, repo_id: str, endpoint: str) -> DownloadError:
    """The error for an HTTP error ``status`` the hub answered about ``what``."""
    if status in (401, 403):
        return access_denied(repo_id, endpoint)
    if status == 404:
        return NotOnHub(f"{endpoint} has no {what} (HTTP 404).")
    return DownloadError(f"{endpoint} answered HTTP {status} for {what}; try again later.")


def access_denied(repo_id: str, endpoint: str) -> AccessDenied:
    """The error for a gated or private repository: how to log in."""
    return AccessDenied(
        f"{endpoint} refused access to {repo_id}: it is gated or private. Accept its terms on the "
        "model's page, then log in with a Hugging Face token: set HF_TOKEN (or run `hf auth login`) "
        "and download again."
    )


def offline(name: str, endpoint: str, exc: Exception) -> Offline:
    """The error for a hub that does not answer at all (DNS, refused, timed out)."""
    host = urlsplit(endpoint).netloc or endpoint
    return Offline(
        f"You're offline: {host} cannot be reached ({str(exc) or type(exc).__name__}). The built-in models "
        f"work without a download; connect to the internet and run `tinyagent models download {name}` "
        "again; the download resumes."
    )


# ---- bytes: downloading, resuming, verifying --------------------------------------------


class _Tracker:
    """Bytes done across all files of a model, reported to the callback."""

    def __init__(self, total: int, callback: ProgressCallback | None) -> None:
        self.total = total
        self.done = 0
        self._callback = callback

    def add(self, count: int) -> None:
        self.done += count
        if self._callback is not None:
            self._callback(self.done, self.total)


def fetch_snapshot(
    snapshot: Snapshot,
    folder: Path,
    *,
    name: str,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    options: DownloadOptions = DownloadOptions(),
) -> None:
    """Download every file of ``snapshot`` into ``folder`` that is not there yet, verified.

    Raises a ``DownloadError``; a ``.part`` file is kept for the next call to continue,
    except after a checksum mismatch.
    """
    folder.mkdir(parents=True, exist_ok=True)
    record = read_record(folder)
    wanted = {f.path: f for f in snapshot.files}
    old = {} if record is None or record.repo_id != snapshot.repo_id else record.files
    kept = {p: r for p, r in old.items() if p in wanted and _matches(wanted[p], r, folder)}
    _write_record(folder, snapshot, kept, complete=False)
    pending = [f for f in snapshot.files if f.path not in kept]
    tracker = _Tracker(snapshot.size, progress)
    tracker.add(snapshot.size - sum(f.size for f in pending) + sum(_part_size(folder, f) for f in pending))
    _check_space(folder, snapshot.size - tracker.done, name)
    headers = _headers(options)
    timeout = httpx.Timeout(options.timeout_s, connect=min(options.timeout_s, 10.0))
    with httpx.Client(headers=headers, timeout=timeout, follow_redirects=True) as client:
        for remote in pending:
            kept[remote.path] = _fetch_file(client, remote, folder, name, tracker, cancel, options)
            _write_record(folder, snapshot, kept, complete=False)
    _write_record(folder, snapshot, kept, complete=True)


def _headers(options: DownloadOptions) -> dict[str, str]:
    from huggingface_hub import get_token

    # identity: sizes and Range offsets count the file's own bytes, not compressed ones
    headers = {"User-Agent": "tinyagent-desktop", "Accept-Encoding": "identity"}
    token = options.token or get_token()
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def _matches(remote: RemoteFile, record: FileRecord, folder: Path) -> bool:
    """The file on disk is the verified copy of ``remote`` (same version, same size)."""
    same = record.sha256 == remote.sha256 if remote.sha256 else record.git_sha1 == remote.git_sha1
    target = folder / remote.path
    return same and target.is_file() and target.stat().st_size == remote.size


def _part_path(folder: Path, remote: RemoteFile) -> Path:
    target = folder / remote.path
    return target.with_name(f"{target.name}.{remote.checksum[:12]}{PART_SUFFIX}")


def _part_size(folder: Path, remote: RemoteFile) -> int:
    part = _part_path(folder, remote)
    return min(part.stat().st_size, remote.size) if part.is_file() else 0


def _check_space(folder: Path, needed: int, name: str) -> None:
    free = shutil.disk_usage(folder).free
    if needed > free:
        raise _disk_full(folder, needed, name, free)


def _disk_full(folder: Path, needed: int, name: str, free: int | None = None) -> DiskFull:
    has = f" ({format_size(free)} is free)" if free is not None else ""
    return DiskFull(
        f"The disk is full: {name} needs {format_size(needed)} more in {folder}{has}. Free up space "
        f"and run `tinyagent models download {name}` again; the download resumes."
    )


def _fetch_file(
    client: httpx.Client,
    remote: RemoteFile,
    folder: Path,
    name: str,
    tracker: _Tracker,
    cancel: threading.Event | None,
    options: DownloadOptions,
) -> FileRecord:
    """One file, resumed from its ``.part``, retried after drops, verified, then renamed."""
    target, part = folder / remote.path, _part_path(folder, remote)
    part.parent.mkdir(parents=True, exist_ok=True)
    for stale in part.parent.glob(f"{glob.escape(target.name)}.*{PART_SUFFIX}"):
        if stale != part:  # another version of the file: it cannot be continued
            stale.unlink()
    for attempt in range(options.retries + 1):
        try:
            hashes = _stream(client, remote, part, name, tracker, cancel, options)
            break
        except httpx.TransportError as exc:
            if attempt == options.retries:
                raise _connection_lost(name, remote, tracker, exc) from exc
            if (cancel or threading.Event()).wait(options.retry_wait_s):  # a cancellable pause
                raise _cancelled(name, tracker) from exc
    sha256, git_sha1 = hashes[0].hexdigest(), hashes[1].hexdigest() if hashes[1] else None
    if (remote.sha256 and sha256 != remote.sha256) or (remote.git_sha1 and git_sha1 != remote.git_sha1):
        part.unlink()
        expected = remote.checksum
        actual = sha256 if remote.sha256 else git_sha1 or ""
        raise ChecksumMismatch(
            f"The downloaded {remote.path} is not the file the hub describes (checksum {actual[:12]}…, "
            f"expected {expected[:12]}…); it was deleted. Run `tinyagent models download {name}` again."
        )
    os.replace(part, target)
    return FileRecord(remote.size, sha256, git_sha1)


class _Hash(Protocol):
    def update(self, data: bytes, /) -> None: ...
    def hexdigest(self) -> str: ...


Hashes = tuple[_Hash, _Hash | None]


def _new_hashes(remote: RemoteFile) -> Hashes:
    git = None
    if remote.git_sha1:  # git's blob id: SHA-1 of a header and the content
        git = hashlib.sha1(f"blob {remote.size}\0".encode(), usedforsecurity=False)
    return hashlib.sha256(), git


def _seeded_hashes(remote: RemoteFile, part: Path) -> tuple[Hashes, int]:
    """Hashes over what the ``.part`` already holds, and how much that is."""
    hashes = _new_hashes(remote)
    if not part.is_file():
        return hashes, 0
    if part.stat().st_size > remote.size:
        part.unlink()
        return hashes, 0
    size = 0
    with part.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            _update(hashes, block)
            size += len(block)
    return hashes, size


def _update(hashes: Hashes, block: bytes) -> None:
    hashes[0].update(block)
    if hashes[1] is not None:
        hashes[1].update(block)


def _stream(
    client: httpx.Client,
    remote: RemoteFile,
    part: Path,
    name: str,
    tracker: _Tracker,
    cancel: threading.Event | None,
    options: DownloadOptions,
) -> Hashes:
    """Append the rest of ``remote`` to ``part``; the hashes cover the whole file."""
    hashes, offset = _seeded_hashes(remote, part)
    if offset == remote.size:
        return hashes
    if cancel is not None and cancel.is_set():
        raise _cancelled(name, tracker)
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    with client.stream("GET", remote.url, headers=headers) as response:
        if response.status_code >= 400:
            repo_id = _repo_of(remote)
            what = f"{remote.path} in {repo_id}"
            raise status_error(response.status_code, what, repo_id, _origin(remote.url))
        if offset and not _continues_at(response, offset):  # the server sent the whole file
            tracker.add(-offset)
            hashes, offset = _new_hashes(remote), 0
        try:
            with part.open("ab" if offset else "wb") as out:
                for chunk in response.iter_bytes(options.chunk_size):
                    if cancel is not None and cancel.is_set():
                        raise _cancelled(name, tracker)
                    out.write(chunk)
                    _update(hashes, chunk)
                    tracker.add(len(chunk))
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
                raise _disk_full(part.parent, tracker.total - tracker.done, name) from exc
            raise
    if part.stat().st_size < remote.size:  # a server that ends early without an error
        raise httpx.RemoteProtocolError(f"the server sent {part.stat().st_size} of {remote.size} bytes")
    return hashes


def _continues_at(response: httpx.Response, offset: int) -> bool:
    ranged = response.headers.get("Content-Range", "")
    return response.status_code == 206 and ranged.startswith(f"bytes {offset}-")


def _repo_of(remote: RemoteFile) -> str:
    path = urlsplit(remote.url).path.strip("/")
    return "/".join(path.split("/")[:2])


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _cancelled(name: str, tracker: _Tracker) -> DownloadCancelled:
    return DownloadCancelled(
        f"Stopped downloading {name} at {format_size(tracker.done)} of {format_size(tracker.total)}; "
        f"run `tinyagent models download {name}` to continue where it stopped."
    )


def _connection_lost(name: str, remote: RemoteFile, tracker: _Tracker, exc: Exception) -> Offline:
    if tracker.done == 0 or isinstance(exc, httpx.ConnectError):
        return offline(name, _origin(remote.url), exc)
    return Offline(
        f"The connection to {urlsplit(remote.url).netloc} was lost after {format_size(tracker.done)} of "
        f"{format_size(tracker.total)} ({str(exc) or type(exc).__name__}). Connect to the internet and run "
        f"`tinyagent models download {name}` again; the download resumes."
    )


# ---- the record of what is downloaded ---------------------------------------------------


def read_record(folder: Path) -> DownloadRecord | None:
    """The folder's download record; None when there is none or it cannot be read."""
    try:
        data: dict[str, Any] = json.loads((folder / RECORD_FILE).read_text(encoding="utf-8"))
        files = {
            p: FileRecord(int(r["size"]), str(r["sha256"]), r.get("git_sha1"))
            for p, r in data["files"].items()
        }
        return DownloadRecord(str(data["repo_id"]), str(data["commit"]), bool(data["complete"]), files)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write_record(folder: Path, snapshot: Snapshot, files: dict[str, FileRecord], *, complete: bool) -> None:
    data = {
        "repo_id": snapshot.repo_id,
        "commit": snapshot.commit,
        "complete": complete,
        "files": {p: {k: v for k, v in vars(r).items() if v is not None} for p, r in sorted(files.items())},
    }
    temporary = folder / f"{RECORD_FILE}.tmp"
    temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, folder / RECORD_FILE)  # never half a record
