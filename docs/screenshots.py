"""Screenshots of the real app, planning with the built-in model, for the README.

    xvfb-run -s "-screen 0 1280x860x24" .venv/bin/python docs/screenshots.py [--out docs/screenshots]

It starts the app in a fresh, temporary TinyAgent home on the local backend (a few demo
contacts, nothing of yours is read or written), types a request, waits for the
confirmation dialog, approves it, and saves:

    welcome.png       the first launch: what the assistant does, example requests
    chat.png          the conversation with its task cards and the answer
    confirm.png       the confirmation dialog over the window
    chat-dark.png     the dark theme
    preferences.png   the settings dialog
    models.png        the models window
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

REQUEST = "email Priya that the budget review moved to Friday and remind me to book the room tomorrow at 10"
SECOND = "text Nick and Maria that I'm running 10 minutes late"
PEOPLE = """BEGIN:VCARD
VERSION:3.0
FN:Priya Raman
EMAIL:priya.raman@example.com
TEL:+1 555 0142
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Nick Weiß
EMAIL:nick@example.com
TEL:+49 30 555 0199
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:María García
EMAIL:maria.garcia@example.es
TEL:+34 555 0100
END:VCARD
"""


def prepare_home() -> Path:
    """A throwaway TinyAgent home with local-backend settings and demo contacts."""
    home = Path(tempfile.mkdtemp(prefix="tinyagent-screenshots-"))
    os.environ["TINYAGENT_HOME"] = str(home)
    from tinyagent.core.settings import Settings, save_settings, user_paths
    from tinyagent.tools.local.contacts import import_vcards

    save_settings(Settings(backend="local", theme="light"))
    data = user_paths().data_dir / "data"
    data.mkdir(parents=True, exist_ok=True)
    vcf = home / "people.vcf"
    vcf.write_text(PEOPLE, encoding="utf-8")
    import_vcards(data, vcf)
    return home


async def wait_for(signal: object, timeout: float = 30.0) -> tuple[object, ...]:
    """The next emission of a Qt signal, awaited on the qasync loop."""
    future: asyncio.Future[tuple[object, ...]] = asyncio.get_running_loop().create_future()

    def fire(*args: object) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(fire)  # type: ignore[attr-defined]
    try:
        return await asyncio.wait_for(future, timeout)
    finally:
        signal.disconnect(fire)  # type: ignore[attr-defined]


async def settle(seconds: float = 0.4) -> None:
    """Let Qt lay out and paint."""
    await asyncio.sleep(seconds)


async def take(desktop: object, out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from tinyagent.core.settings import Settings

    app, bridge, window = desktop.app, desktop.bridge, desktop.window  # type: ignore[attr-defined]
    screen = app.primaryScreen()

    def shoot(name: str, widget: object | None = None) -> None:
        QApplication.processEvents()
        pixmap = widget.grab() if widget is not None else screen.grabWindow(0)  # type: ignore[attr-defined]
        pixmap.save(str(out / name))
        print(f"saved {out / name}")

    window.move(0, 0)
    await bridge.start()
    await settle()
    shoot("welcome.png", window)  # what a first launch shows

    async def ask(text: str, answer: str) -> None:
        window.input.setText(text)
        asked = asyncio.ensure_future(wait_for(bridge.confirmation_requested))
        done = asyncio.ensure_future(wait_for(bridge.answer_ready))
        window.send()
        finished, _ = await asyncio.wait({asked, done}, timeout=60, return_when=asyncio.FIRST_COMPLETED)
        if asked in finished:
            request_id, _ = asked.result()
            dialog = window.dialogs[request_id]
            dialog.move(window.x() + 260, window.y() + 120)
            await settle()
            if answer:
                shoot(answer)
            dialog.send_button.click()
            await asyncio.wait_for(done, 60)
        else:
            asked.cancel()
        await settle()

    await ask(REQUEST, "confirm.png")
    shoot("chat.png", window)
    window.apply_settings(bridge.settings.replace(theme="dark"))
    await wait_for(bridge.engine_ready)
    window.new_conversation()
    await ask(SECOND, "")
    shoot("chat-dark.png", window)
    window.apply_settings(bridge.settings.replace(theme="light"))
    await wait_for(bridge.engine_ready)
    dialog = window.open_preferences()
    dialog.resize(720, 560)
    await settle()
    shoot("preferences.png", dialog)
    dialog.reject()
    models = window.open_models()
    models.resize(980, 420)
    await settle()
    shoot("models.png", models)
    models.close()
    assert isinstance(bridge.settings, Settings)


def main() -> int:
    """Take the screenshots; exit status 1 when something did not appear."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    prepare_home()
    from PySide6.QtWidgets import QApplication

    from tinyagent.gui.app import build_app, make_event_loop

    app = QApplication(sys.argv[:1])
    desktop = build_app(app)
    loop = make_event_loop(app)
    desktop.window.resize(1100, 760)
    desktop.window.show()
    with loop:
        loop.run_until_complete(take(desktop, args.out))
    desktop.window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
