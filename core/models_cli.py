"""``tinyagent models``: list the catalog, download, remove and verify models.

Results go to standard output, the progress bar and errors to standard error. Exit codes
as for the rest of the CLI: 0 done, 1 failed (offline, corrupt, cancelled), 2 bad usage.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO

from tinyagent.core.downloads import DownloadError, DownloadOptions, format_size
from tinyagent.core.models import (
    BUILD_COMMAND,
    ModelState,
    Status,
    download_model,
    get_model,
    list_models,
    model_state,
    remove_model,
    verify_model,
)
from tinyagent.core.settings import UserPaths, user_paths

EXIT_OK, EXIT_FAILED = 0, 1


def add_models_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``models`` and its actions to the ``tinyagent`` command's subcommands."""
    models = commands.add_parser("models", help="list, download, remove and verify models")
    actions = models.add_subparsers(dest="models_command", metavar="ACTION")
    listing = actions.add_parser("list", help="every model, its size and status (the default)")
    listing.add_argument("-v", "--verbose", action="store_true", help="also say what each is for")
    download = actions.add_parser("download", help="download a model (resumes an interrupted download)")
    download.add_argument("name")
    download.add_argument(
        "--endpoint", metavar="URL", help="the hub to download from (default: $HF_ENDPOINT or huggingface.co)"
    )
    remove = actions.add_parser("remove", help="delete a downloaded model")
    remove.add_argument("name")
    verify = actions.add_parser("verify", help="check model files against their SHA-256 checksums")
    verify.add_argument("names", nargs="*", metavar="NAME", help="default: every installed model")


def run_models_command(args: argparse.Namespace, paths: UserPaths | None = None) -> int:
    """Carry out ``tinyagent models ...``; the exit code."""
    paths = paths or user_paths()
    action = args.models_command or "list"
    if action == "list":
        return _list(paths, verbose=getattr(args, "verbose", False))
    if action == "download":
        return _download(args.name, paths, DownloadOptions(endpoint=args.endpoint))
    if action == "remove":
        return _remove(args.name, paths)
    return _verify(args.names, paths)


# ---- list -------------------------------------------------------------------------------


def _size_column(state: ModelState) -> str:
    if state.status is Status.NOT_BUILT:
        return "-"
    if state.status is Status.NOT_DOWNLOADED:
        return "~" + format_size(state.size)
    if state.status is Status.PARTIAL:
        return f"{format_size(state.size)} of ~{format_size(state.spec.approx_size)}"
    return format_size(state.size)


def _list(paths: UserPaths, *, verbose: bool, out: TextIO = sys.stdout) -> int:
    states = list_models(paths)
    rows = [("NAME", "KIND", "SIZE", "STATUS", "PATH")]
    rows += [(s.spec.name, s.spec.kind, _size_column(s), s.status.value, str(s.path)) for s in states]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row, state in zip(rows, (None, *states)):
        out.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[4] + "\n")
        if verbose and state is not None:
            source = state.spec.hub.repo_id if state.spec.hub else "built in"
            out.write(f"    {state.spec.purpose}\n    {source}; license: {state.spec.license}\n")
    if any(s.status is Status.NOT_BUILT for s in states):
        out.write(f"\nThe built-in models are not built: run `{BUILD_COMMAND}`.\n")
    if any(s.status is Status.PARTIAL for s in states):
        out.write("A partial download continues where it stopped: `tinyagent models download NAME`.\n")
    return EXIT_OK


# ---- download ---------------------------------------------------------------------------


class ProgressBar:
    """One line of progress: bar, bytes, percent, speed and time left.

    On a terminal the line is redrawn at most ten times a second; elsewhere (a pipe, a
    log) a line is printed at every tenth of the way.
    """

    def __init__(self, out: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self._out = out
        self._tty = out.isatty()
        self._clock = clock
        self._samples: deque[tuple[float, int]] = deque()
        self._drawn_at = -1.0
        self._decile = -1
        self._mid_line = False  # a terminal line was drawn and not ended
        self._width = 0

    def __call__(self, done: int, total: int) -> None:
        now = self._clock()
        self._samples.append((now, done))
        while len(self._samples) > 2 and now - self._samples[0][0] > 5.0:  # speed over the last 5 s
            self._samples.popleft()
        finished = done >= total
        if self._tty:
            if finished or now - self._drawn_at >= 0.1:
                self._drawn_at = now
                line = self.line(done, total)
                self._width = max(self._width, len(line))  # spaces cover a longer line drawn before
                self._out.write("\r" + line.ljust(self._width) + ("\n" if finished else ""))
                self._out.flush()
                self._mid_line = not finished
        elif (decile := 10 * done // max(total, 1)) > self._decile:
            self._decile = decile
            self._out.write(self.line(done, total) + "\n")
            self._out.flush()

    def close(self) -> None:
        """End a line left half-drawn (the download stopped), so messages start on their own."""
        if self._mid_line:
            self._out.write("\n")
            self._out.flush()
            self._mid_line = False

    def speed(self) -> float:
        """Bytes per second over the last few seconds (0 until there are two samples)."""
        (t0, d0), (t1, d1) = self._samples[0], self._samples[-1]
        return (d1 - d0) / (t1 - t0) if t1 > t0 else 0.0

    def line(self, done: int, total: int) -> str:
        """The progress line for ``done`` of ``total`` bytes."""
        fraction = done / total if total else 1.0
        filled = int(24 * fraction)
        speed = self.speed()
        parts = [
            f"[{'#' * filled}{'-' * (24 - filled)}]",
            f"{format_size(done)} / {format_size(total)}",
            f"{fraction:4.0%}",
            f"{format_size(speed)}/s",
        ]
        if speed > 0 and done < total:
            left = int((total - done) / speed)
            parts.append(f"{left // 3600}:{left // 60 % 60:02d}:{left % 60:02d} left")
        return "  ".join(parts)


@contextmanager
def _ctrl_c_cancels(cancel: threading.Event) -> Iterator[None]:
    """The first Ctrl-C stops the download cleanly between chunks; a second one interrupts."""

    def stop(_signum: int, _frame: object) -> None:
        cancel.set()
        signal.signal(signal.SIGINT, previous)

    try:
        previous = signal.signal(signal.SIGINT, stop)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _download(name: str, paths: UserPaths, options: DownloadOptions) -> int:
    spec = get_model(name)
    state = model_state(spec.name, paths)
    if state.status is Status.DOWNLOADED:
        print(f"{spec.name} is already downloaded: {state.file or state.path}")
        return EXIT_OK
    if spec.hub is not None:
        again = " (continuing)" if state.status is Status.PARTIAL else ""
        print(f"Downloading {spec.name}{again} from {spec.hub.repo_id} into {state.path}", flush=True)
    cancel, bar = threading.Event(), ProgressBar(sys.stderr)
    try:
        with _ctrl_c_cancels(cancel):
            state = download_model(spec.name, paths=paths, progress=bar, cancel=cancel, options=options)
    except DownloadError as error:
        bar.close()
        print(f"tinyagent: {error}", file=sys.stderr)
        return EXIT_FAILED
    print(f"Downloaded {spec.name} ({format_size(state.size)}): {state.file or state.path}")
    if spec.kind == "planner":
        print(f'Use it: tinyagent run --model {spec.name} "...", or "gguf_path": "{spec.name}" in settings.')
    return EXIT_OK


# ---- remove, verify ---------------------------------------------------------------------


def _remove(name: str, paths: UserPaths) -> int:
    spec = get_model(name)
    try:
        freed = remove_model(spec.name, paths)
    except DownloadError as error:
        print(f"tinyagent: {error}", file=sys.stderr)
        return EXIT_FAILED
    if freed == 0:
        print(f"{spec.name} is not downloaded; nothing to remove.")
    else:
        print(f"Removed {spec.name} ({format_size(freed)} freed).")
    return EXIT_OK


def _verify(names: Sequence[str], paths: UserPaths) -> int:
    if names:
        chosen = [get_model(name).name for name in names]
    else:
        installed = [s for s in list_models(paths) if s.spec.builtin or s.status is not Status.NOT_DOWNLOADED]
        chosen = [s.spec.name for s in installed]
    failed = False
    for name in chosen:
        result = verify_model(name, paths)
        status = result.state.status
        if status is Status.NOT_BUILT:
            print(f"{name}: not built: run `{BUILD_COMMAND}`")
        elif status is Status.NOT_DOWNLOADED:
            print(f"{name}: not downloaded")
        elif result.ok:
            count = len(result.checks)
            partly = " so far (the download is not finished)" if status is Status.PARTIAL else ""
            print(f"{name}: ok ({count} file{'s' if count != 1 else ''}{partly})")
        else:
            failed = True
            print(f"{name}: DAMAGED")
            for check in result.checks:
                if check.problem is not None:
                    print(f"  {check.path}: {check.problem}")
            if result.state.spec.hub is not None:
                print(f"  Get it again: tinyagent models remove {name} && tinyagent models download {name}")
            else:
                print(f"  Rebuild it: {BUILD_COMMAND}")
    return EXIT_FAILED if failed else EXIT_OK
