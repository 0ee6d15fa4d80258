"""What a model is on the Hugging Face Hub: its files at one commit, with sizes and checksums.

Metadata comes from ``huggingface_hub``: ``get_hf_file_metadata`` (a HEAD request) for a
one-file model, whose ETag is the file's SHA-256 when it is stored with LFS, and
``HfApi.model_info(files_metadata=True)`` for a folder, which lists every file with its LFS
SHA-256 or git blob id. The bytes are fetched by ``core.downloads``. Its exceptions become
``DownloadError``s that say what to do.

The server is ``DownloadOptions.endpoint``, else ``$HF_ENDPOINT``, else huggingface.co.
Nothing but these requests goes to it: huggingface_hub's telemetry (which adds the torch
version to the user agent and fetches an "agent harness" registry from the hub) is off.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import PurePosixPath

from tinyagent.core.downloads import (
    DownloadError,
    DownloadOptions,
    NotOnHub,
    Offline,
    RemoteFile,
    Snapshot,
    access_denied,
    offline,
    status_error,
)

DEFAULT_ENDPOINT = "https://huggingface.co"

_Found = tuple[str, int | None, str | None, str | None]  # path, size, LFS SHA-256, git blob id


@dataclass(frozen=True)
class HubSource:
    """Where a downloadable model lives on the hub: one file, or a filtered snapshot."""

    repo_id: str
    filename: str | None = None  # one file; otherwise every file matching allow_patterns
    allow_patterns: tuple[str, ...] = ()
    ignore_patterns: tuple[str, ...] = ()
    revision: str = "main"

    def __post_init__(self) -> None:
        if (self.filename is None) == (not self.allow_patterns):
            raise ValueError(f"{self.repo_id}: give either a filename or allow_patterns, not both or neither")


def endpoint_of(options: DownloadOptions) -> str:
    """The hub's base URL, read when called (so ``HF_ENDPOINT`` set late is seen)."""
    return (options.endpoint or os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")


# ---- metadata: what to download ---------------------------------------------------------


def list_remote_files(source: HubSource, *, name: str, options: DownloadOptions) -> Snapshot:
    """The files of ``source`` at its revision, with sizes and checksums, pinned to its commit.

    Raises a ``DownloadError`` saying what to do (offline, not found, gated, ...).
    """
    from huggingface_hub import constants, hf_hub_url

    constants.HF_HUB_DISABLE_TELEMETRY = True  # read at call time, so this holds whoever imported it first
    endpoint = endpoint_of(options)
    with _hub_errors(source, name, endpoint):
        found, commit = _head(source, endpoint, options) if source.filename else ([], "")
        if not found or not (found[0][2] or found[0][3]):  # a folder, or an ETag that is no checksum
            found, commit = _listing(source, endpoint, options)
    files = []
    for path, size, sha256, git_sha1 in found:
        if size is None or not (sha256 or git_sha1) or not _inside(path):
            raise DownloadError(
                f"The hub at {endpoint} described {path!r} in {source.repo_id} without a size or "
                "checksum, or outside the repository, so it cannot be verified; nothing was downloaded. "
                "Check HF_ENDPOINT."
            )
        pinned = hf_hub_url(source.repo_id, path, revision=commit, endpoint=endpoint)
        files.append(RemoteFile(path, pinned, size, sha256, git_sha1))
    if not files:
        raise NotOnHub(f"{source.repo_id} has no files matching {', '.join(source.allow_patterns)}.")
    return Snapshot(source.repo_id, commit, tuple(files))


def _head(source: HubSource, endpoint: str, options: DownloadOptions) -> tuple[list[_Found], str]:
    """One file's size and checksum from a HEAD request: an LFS file's ETag is its SHA-256."""
    from huggingface_hub import get_hf_file_metadata, hf_hub_url

    assert source.filename is not None
    url = hf_hub_url(source.repo_id, source.filename, revision=source.revision, endpoint=endpoint)
    meta = get_hf_file_metadata(url, token=options.token, endpoint=endpoint)
    etag = (meta.etag or "").removeprefix("W/").strip('"')
    found = [(source.filename, meta.size, _sha256_or_none(etag), _sha1_or_none(etag))]
    return found, meta.commit_hash or source.revision


def _listing(source: HubSource, endpoint: str, options: DownloadOptions) -> tuple[list[_Found], str]:
    """The repository's matching files, each with its LFS SHA-256 or git blob id."""
    from huggingface_hub import HfApi

    info = HfApi(endpoint=endpoint, token=options.token).model_info(
        source.repo_id, revision=source.revision, files_metadata=True
    )
    found = [
        (s.rfilename, s.size, s.lfs.sha256 if s.lfs else None, None if s.lfs else s.blob_id)
        for s in info.siblings or ()
        if _selected(s.rfilename, source)
    ]
    if source.filename is not None and not found:
        raise NotOnHub(f"{source.repo_id} has no file {source.filename} (revision {source.revision}).")
    return _without_redundant_weights(found), info.sha or source.revision


def _inside(path: str) -> bool:
    """A relative path that stays inside the model folder (the hub's listing is not trusted)."""
    parts = PurePosixPath(path).parts
    odd = path.startswith("/") or "\\" in path or ":" in path  # absolute, or a Windows drive
    return bool(parts) and not odd and ".." not in parts


def _sha256_or_none(etag: str) -> str | None:
    return etag.lower() if len(etag) == 64 and _is_hex(etag) else None


def _sha1_or_none(etag: str) -> str | None:
    return etag.lower() if len(etag) == 40 and _is_hex(etag) else None


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in text)


def _selected(path: str, source: HubSource) -> bool:
    if source.filename is not None:
        return path == source.filename
    allowed = any(fnmatch(path, p) for p in source.allow_patterns)
    return allowed and not any(fnmatch(path, p) for p in source.ignore_patterns)


def _without_redundant_weights(
    found: list[_Found],
) -> list[_Found]:
    """Safetensors weights make PyTorch pickles of the same weights redundant (as in transformers)."""
    if not any(path.endswith(".safetensors") for path, *_ in found):
        return found
    return [f for f in found if not fnmatch(f[0].rsplit("/", 1)[-1], "pytorch_model*.bin")]


@contextmanager
def _hub_errors(source: HubSource, name: str, endpoint: str) -> Iterator[None]:
    """huggingface_hub's exceptions as ``DownloadError``s in plain words."""
    from huggingface_hub import errors as hf

    # The HTTP client's error base class (httpx in huggingface_hub 1.x, httpx2 in 2.x).
    transport_error: type[Exception] = hf.HTTPError  # type: ignore[attr-defined]
    what = source.repo_id if source.filename is None else f"{source.filename} in {source.repo_id}"
    try:
        yield
    except hf.OfflineModeIsEnabled as exc:
        raise Offline(
            f"HF_HUB_OFFLINE is set, so {name} cannot be downloaded. Unset it and try again."
        ) from exc
    except hf.GatedRepoError as exc:
        raise access_denied(source.repo_id, endpoint) from exc
    except hf.RepositoryNotFoundError as exc:
        raise NotOnHub(
            f"{endpoint} has no repository {source.repo_id} (or it is private: if you have access, "
            "set HF_TOKEN to a Hugging Face token)."
        ) from exc
    except hf.RevisionNotFoundError as exc:
        raise NotOnHub(f"{source.repo_id} has no revision {source.revision!r}.") from exc
    except hf.RemoteEntryNotFoundError as exc:
        raise NotOnHub(
            f"{source.repo_id} has no file {source.filename} (revision {source.revision})."
        ) from exc
    except hf.HfHubHTTPError as exc:
        status = exc.response.status_code if exc.response is not None else 0
        raise status_error(status, what, source.repo_id, endpoint) from exc
    except transport_error as exc:  # no answer at all: DNS, refused, timed out
        raise offline(name, endpoint, exc) from exc
