"""The ``tinyagent`` command: the desktop app without arguments, the command line with them.

Qt is imported only when the app opens, so ``tinyagent run …`` on a server never loads it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Open the app (``tinyagent``, ``tinyagent app``), its command bar (``tinyagent bar``), or
    run a CLI command (``tinyagent run …``, ``tinyagent --help``)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("app", "bar"):
        from tinyagent.gui.app import main as app_main

        return app_main(args)
    from tinyagent.core.cli import main as cli_main

    return cli_main(args)
