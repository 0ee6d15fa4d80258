"""A fake Hugging Face Hub on 127.0.0.1: the part of its HTTP API that model downloads use.

- ``GET /api/models/{repo}/revision/{rev}?blobs=true``: the repo's commit and files, with
  sizes, git blob ids and LFS SHA-256s (what ``HfApi.model_info(files_metadata=True)`` reads);
- ``HEAD|GET /{repo}/resolve/{rev}/{path}``: as the real hub, an LFS file answers 302 to a
  CDN URL with ``X-Linked-Etag`` (its SHA-256), ``X-Linked-Size`` and ``X-Repo-Commit``; a
  small file answers 200 with its git blob id as ``ETag``;
- ``GET /cdn/{sha256}``: the LFS bytes, with Range requests (206 + Content-Range), served on
  another port: another origin, as the real CDN is, so huggingface_hub reads the metadata
  from the redirect itself and httpx does not forward the token.

Errors carry the ``X-Error-Code`` headers huggingface_hub reads: an unknown repo answers 401
``RepoNotFound`` (as huggingface.co does for anonymous requests), a gated one 401
``GatedRepo`` unless the request carries ``hub.token``, an unknown revision or file 404.
Faults to inject: ``drop_after`` (close the connection mid-file, once), ``corrupt`` (serve
other bytes than the checksum says), ``ignore_range`` (always send the whole file),
``pause_s`` (a slow connection), ``opaque_etags`` (ETags that are no checksum).
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

LFS_FROM = 1024  # files this size and larger are stored with LFS, as the hub's default rules roughly do


def random_bytes(size: int, seed: int = 0) -> bytes:
    """Deterministic incompressible content."""
    return random.Random(seed).randbytes(size)


def git_blob_id(data: bytes) -> str:
    """The git object id of a blob: what the hub reports for files kept in git."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class FakeRepo:
    files: dict[str, bytes]
    gated: bool = False
    commit: str = "0123456789abcdef0123456789abcdef01234567"

    def is_lfs(self, path: str) -> bool:
        return len(self.files[path]) >= LFS_FROM


@dataclass(frozen=True)
class Seen:
    """A request the hub answered."""

    method: str
    path: str
    range: str | None
    authorization: str | None


@dataclass
class FakeHub:
    repos: dict[str, FakeRepo] = field(default_factory=dict)
    drop_after: dict[str, int] = field(default_factory=dict)  # repo file path -> bytes sent before dropping
    corrupt: set[str] = field(default_factory=set)  # repo file paths
    ignore_range: bool = False
    pause_s: float = 0.0  # between 64 kB pieces of a file: a slow connection
    opaque_etags: bool = False  # ETags that are no checksum (as some mirrors send)
    token: str = "hf_fake_token"
    requests: list[Seen] = field(default_factory=list)
    served: list[tuple[str, int]] = field(default_factory=list)  # (repo file path, first byte) per body sent
    url: str = ""
    cdn_url: str = ""

    def add(self, repo_id: str, files: Mapping[str, bytes], *, gated: bool = False) -> FakeRepo:
        repo = FakeRepo(dict(files), gated=gated)
        self.repos[repo_id] = repo
        return repo

    def lfs_by_sha(self, digest: str) -> tuple[str, bytes] | None:
        for repo in self.repos.values():
            for path, data in repo.files.items():
                if repo.is_lfs(path) and sha256(data) == digest:
                    return path, data
        return None


def _handler(hub: FakeHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output clean
            pass

        def do_HEAD(self) -> None:
            self._route(body=False)

        def do_GET(self) -> None:
            self._route(body=True)

        # ---- routing ----

        def _route(self, body: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            hub.requests.append(
                Seen(self.command, path, self.headers.get("Range"), self.headers.get("Authorization"))
            )
            if path.startswith("/api/models/"):
                self._api(path.removeprefix("/api/models/"))
            elif path.startswith("/cdn/"):
                found = hub.lfs_by_sha(path.removeprefix("/cdn/"))
                if found is None:
                    self._error(404, "EntryNotFound")
                else:
                    self._content(found[0], found[1], body)
            elif "/resolve/" in path:
                repo_id, rest = path.strip("/").split("/resolve/", 1)
                revision, _, file = rest.partition("/")
                self._resolve(repo_id, revision, file, body)
            else:
                self._error(404, "")

        def _repo(self, repo_id: str, revision: str) -> FakeRepo | None:
            repo = hub.repos.get(repo_id)
            if repo is None:
                self._error(401, "RepoNotFound", "Repository not found")
                return None
            if repo.gated and self.headers.get("Authorization") != f"Bearer {hub.token}":
                self._error(401, "GatedRepo", "Access to this model is restricted")
                return None
            if revision not in ("main", repo.commit):
                self._error(404, "RevisionNotFound", "Invalid rev id")
                return None
            return repo

        def _api(self, rest: str) -> None:
            repo_id, _, revision = rest.partition("/revision/")
            repo = self._repo(repo_id, revision or "main")
            if repo is None:
                return
            siblings = []
            for name, data in repo.files.items():
                sibling: dict[str, Any] = {"rfilename": name, "size": len(data), "blobId": git_blob_id(data)}
                if repo.is_lfs(name):
                    pointer = f"version https://git-lfs.github.com/spec/v1\noid sha256:{sha256(data)}\n"
                    sibling["blobId"] = git_blob_id(pointer.encode())
                    sibling["lfs"] = {"size": len(data), "sha256": sha256(data), "pointerSize": len(pointer)}
                siblings.append(sibling)
            info = {
                "id": repo_id,
                "modelId": repo_id,
                "sha": repo.commit,
                "private": False,
                "siblings": siblings,
            }
            self._send(200, json.dumps(info).encode(), {"Content-Type": "application/json"})

        def _resolve(self, repo_id: str, revision: str, file: str, body: bool) -> None:
            repo = self._repo(repo_id, revision)
            if repo is None:
                return
            if file not in repo.files:
                self._error(404, "EntryNotFound", "Entry not found")
                return
            data = repo.files[file]
            headers = {"X-Repo-Commit": repo.commit}
            if hub.opaque_etags:  # a mirror serving every file itself
                self._content(file, data, body, headers | {"ETag": '"mirror-1234"'})
                return
            if repo.is_lfs(file):
                headers |= {
                    "Location": f"{hub.cdn_url}/cdn/{sha256(data)}",
                    "X-Linked-Etag": f'"{sha256(data)}"',
                    "X-Linked-Size": str(len(data)),
                    "ETag": f'"{git_blob_id(file.encode())}"',
                }
                self._send(302, b"", headers)
                return
            self._content(file, data, body, headers | {"ETag": f'"{git_blob_id(data)}"'})

        # ---- answers ----

        def _content(self, file: str, data: bytes, body: bool, extra: dict[str, str] | None = None) -> None:
            if file in hub.corrupt:
                data = bytes([data[0] ^ 0xFF]) + data[1:]
            start = 0
            asked = self.headers.get("Range")
            if asked and not hub.ignore_range:
                start = int(asked.removeprefix("bytes=").split("-", 1)[0])
            headers = dict(extra or {}) | {
                "Accept-Ranges": "bytes",
                "Content-Type": "application/octet-stream",
            }
            if start:
                headers["Content-Range"] = f"bytes {start}-{len(data) - 1}/{len(data)}"
            headers["Content-Length"] = str(len(data) - start)
            self.send_response(206 if start else 200)
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            if not body:
                return
            hub.served.append((file, start))
            payload = data[start:]
            cut = hub.drop_after.pop(file, None)
            if cut is not None:  # send part of the file, then hang up mid-body
                self.wfile.write(payload[:cut])
                self.wfile.flush()
                self.close_connection = True
                return
            if not hub.pause_s:
                self.wfile.write(payload)
                return
            for at in range(0, len(payload), 1 << 16):
                self.wfile.write(payload[at : at + (1 << 16)])
                self.wfile.flush()
                time.sleep(hub.pause_s)

        def _error(self, status: int, code: str, message: str = "") -> None:
            headers = {"X-Error-Code": code} if code else {}
            if message:
                headers["X-Error-Message"] = message
            self._send(status, json.dumps({"error": message or code}).encode(), headers)

        def _send(self, status: int, data: bytes, headers: Mapping[str, str]) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

    return Handler


@contextmanager
def serving(hub: FakeHub) -> Iterator[FakeHub]:
    """Run ``hub`` (and its CDN) on free ports of 127.0.0.1 for the duration of the block."""
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), _handler(hub)) for _ in range(2)]
    hub.url, hub.cdn_url = (f"http://127.0.0.1:{server.server_address[1]}" for server in servers)
    threads = [threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True) for server in servers]
    for server, thread in zip(servers, threads):
        server.daemon_threads = True
        thread.start()
    try:
        yield hub
    finally:
        for server, thread in zip(servers, threads):
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
