"""The Preferences dialog: tabs showing a ``PreferencesForm``; Apply and OK save it.

The widgets only show and read the form; ``preferences_form`` checks it and maps it to
``Settings`` and keyring secrets.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tinyagent.core.errors import ConfigurationError, SettingsError
from tinyagent.core.models import CATALOG, list_models
from tinyagent.core.secrets import ENV_VARS, keyring_available
from tinyagent.core.settings import (
    ALL_APPS,
    Settings,
    SmtpSecurity,
    Theme,
    UserPaths,
    save_settings,
    user_paths,
)
from tinyagent.gui.preferences_form import (
    FormError,
    Page,
    PlannerChoice,
    PlannerForm,
    PreferencesForm,
    SmtpForm,
    form_from_settings,
    read_secrets,
    secret_changes,
    settings_from_form,
    store_secrets,
)

WHISPER_SIZES = tuple(spec.name.removeprefix("whisper-") for spec in CATALOG if spec.kind == "speech")
BACKENDS: tuple[tuple[str, str | None], ...] = (
    ("Automatic", None),
    ("macOS apps", "macos"),
    ("Local files", "local"),
)
THEMES: tuple[tuple[str, Theme], ...] = (("System", "system"), ("Light", "light"), ("Dark", "dark"))
SECURITIES: tuple[tuple[str, SmtpSecurity], ...] = (
    ("STARTTLS (usually port 587)", "starttls"),
    ("SSL/TLS (usually port 465)", "ssl"),
    ("None: unencrypted", "none"),
)
_SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(_SELECTABLE)
    return label


def _combo(items: Sequence[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    return combo


def _select(combo: QComboBox, data: object, text: str | None = None) -> None:
    """Select the item holding ``data``, adding it (as ``text``) when it is not listed."""
    index = combo.findData(data)
    if index < 0:
        combo.addItem(text or str(data), data)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def _secret_edit(enabled: bool) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setEnabled(enabled)
    if not enabled:
        edit.setPlaceholderText("no keyring: see the note")
    return edit


def _with_button(field: QWidget, button: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 1)
    layout.addWidget(button)
    return row


def _indented(*widgets: QWidget) -> QWidget:
    """``widgets`` under a radio button, indented to show that they belong to it."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(24, 0, 0, 4)
    for widget in widgets:
        layout.addWidget(widget)
    return box


class AppsPage(QWidget):
    """One checkbox per app group."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(_selectable("TinyAgent uses only the apps checked here."))
        grid = QGridLayout()
        self.boxes = {app: QCheckBox(app) for app in ALL_APPS}
        for index, box in enumerate(self.boxes.values()):
            grid.addWidget(box, index // 3, index % 3)
        layout.addLayout(grid)
        layout.addStretch(1)

    def load(self, form: PreferencesForm) -> None:
        for app, box in self.boxes.items():
            box.setChecked(app in form.enabled_apps)

    def read(self, form: PreferencesForm) -> PreferencesForm:
        return dataclasses.replace(
            form, enabled_apps=tuple(a for a, b in self.boxes.items() if b.isChecked())
        )


class PlannerPage(QWidget):
    """Which model plans: built in, a downloaded GGUF, any GGUF file, or a server."""

    def __init__(self, installed: Sequence[str], secrets_enabled: bool) -> None:
        super().__init__()
        self.choices: dict[PlannerChoice, QRadioButton] = {
            "builtin": QRadioButton("&Built-in model (works offline, no download)"),
            "catalog": QRadioButton("&Downloaded TinyAgent model:"),
            "file": QRadioButton("GGUF &file:"),
            "http": QRadioButton("OpenAI-compatible ser&ver:"),
        }
        self.group = QButtonGroup(self)
        for button in self.choices.values():
            self.group.addButton(button)
        self.catalog = _combo([(name, name) for name in installed])
        self.gguf_file = QLineEdit()
        self.gguf_file.setPlaceholderText("/path/to/model.gguf")
        self.choose_file = QPushButton("C&hoose…")
        self.choose_file.clicked.connect(self._choose_file)
        self.file_row = _with_button(self.gguf_file, self.choose_file)
        self.llm_url = QLineEdit()
        self.llm_url.setPlaceholderText("http://127.0.0.1:8080/v1")
        self.llm_model = QLineEdit()
        self.llm_model.setPlaceholderText("optional: the server's first model")
        self.api_key = _secret_edit(secrets_enabled)
        self.api_key.setToolTip(f"Kept in the OS keyring; {ENV_VARS['llm_api_key']} overrides it.")
        server = QFormLayout()
        server.addRow("U&RL:", self.llm_url)
        server.addRow("Model &name:", self.llm_model)
        server.addRow("API &key:", self.api_key)
        self.server = QWidget()
        self.server.setLayout(server)
        layout = QVBoxLayout(self)
        layout.addWidget(self.choices["builtin"])
        layout.addWidget(self.choices["catalog"])
        if installed:
            layout.addWidget(_indented(self.catalog))
        else:  # offered again if the settings name one (see load)
            self.choices["catalog"].setEnabled(False)
            note = "None downloaded yet: get one in the Models window."
            layout.addWidget(_indented(self.catalog, _selectable(note)))
        layout.addWidget(self.choices["file"])
        layout.addWidget(_indented(self.file_row))
        layout.addWidget(self.choices["http"])
        layout.addWidget(_indented(self.server))
        layout.addStretch(1)
        self.group.buttonToggled.connect(self._enable)

    def _enable(self, *_: object) -> None:
        self.catalog.setEnabled(self.choices["catalog"].isChecked())
        self.file_row.setEnabled(self.choices["file"].isChecked())
        self.server.setEnabled(self.choices["http"].isChecked())

    def _choose_file(self) -> None:
        start = self.gguf_file.text() or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Choose a GGUF model", start, "GGUF models (*.gguf)")
        if path:
            self.gguf_file.setText(path)

    def load(self, form: PreferencesForm) -> None:
        planner = form.planner
        self.choices[planner.choice].setChecked(True)
        if planner.catalog_model:
            _select(self.catalog, planner.catalog_model, f"{planner.catalog_model} (not downloaded)")
            self.choices["catalog"].setEnabled(True)
        self.gguf_file.setText(planner.gguf_file)
        self.llm_url.setText(planner.llm_url)
        self.llm_model.setText(planner.llm_model)
        self.api_key.setText(form.secrets.llm_api_key)
        self._enable()

    def read(self, form: PreferencesForm) -> PreferencesForm:
        choice = next(c for c, button in self.choices.items() if button.isChecked())
        planner = PlannerForm(
            choice=choice,
            catalog_model=str(self.catalog.currentData() or ""),
            gguf_file=self.gguf_file.text(),
            llm_url=self.llm_url.text(),
            llm_model=self.llm_model.text(),
        )
        secrets = dataclasses.replace(form.secrets, llm_api_key=self.api_key.text())
        return dataclasses.replace(form, planner=planner, secrets=secrets)


class GeneralPage(QWidget):
    """Tool selection, instructions, speech, backend, folders and theme."""

    def __init__(self, default_data_dir: Path) -> None:
        super().__init__()
        self.toolrag = QCheckBox("Use &ToolRAG: give the planner only the tools a request needs")
        self.instructions = QPlainTextEdit()
        self.instructions.setPlaceholderText("e.g. My name is Ana; write emails in a friendly tone.")
        self.instructions.setTabChangesFocus(True)
        self.instructions.setMaximumHeight(140)
        self.whisper = _combo([(size, size) for size in WHISPER_SIZES])
        self.backend = _combo(BACKENDS)
        self.data_dir = QLineEdit()
        self.data_dir.setPlaceholderText(f"default: {default_data_dir}")
        self.choose_data_dir = QPushButton("C&hoose…")
        self.choose_data_dir.clicked.connect(self._choose_data_dir)
        self.folders = QListWidget()
        self.add_folder, self.remove_folder = QPushButton("A&dd…"), QPushButton("Re&move")
        self.add_folder.clicked.connect(self._add_folder)
        self.remove_folder.clicked.connect(self._remove_folder)
        folder_buttons = QVBoxLayout()
        folder_buttons.addWidget(self.add_folder)
        folder_buttons.addWidget(self.remove_folder)
        folder_buttons.addStretch(1)
        folders = QHBoxLayout()
        folders.addWidget(self.folders, 1)
        folders.addLayout(folder_buttons)
        self.theme = _combo(THEMES)
        layout = QFormLayout(self)
        layout.addRow(self.toolrag)
        layout.addRow("Custom &instructions:", self.instructions)
        layout.addRow("&Whisper model:", self.whisper)
        layout.addRow("Bac&kend:", self.backend)
        layout.addRow("Data fo&lder:", _with_button(self.data_dir, self.choose_data_dir))
        folders_label = QLabel("&File folders to search:")
        folders_label.setBuddy(self.folders)  # a row holding a layout gets no buddy by itself
        layout.addRow(folders_label, folders)
        layout.addRow("Th&eme:", self.theme)

    def _choose_data_dir(self) -> None:
        start = self.data_dir.text() or str(Path.home())
        path = QFileDialog.getExistingDirectory(self, "Choose the data folder", start)
        if path:
            self.data_dir.setText(path)

    def _add_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Add a folder to search", str(Path.home()))
        if path and not self.folders.findItems(path, Qt.MatchFlag.MatchExactly):
            self.folders.addItem(path)

    def _remove_folder(self) -> None:
        for item in self.folders.selectedItems():
            self.folders.takeItem(self.folders.row(item))

    def load(self, form: PreferencesForm) -> None:
        self.toolrag.setChecked(form.toolrag)
        self.instructions.setPlainText(form.custom_instructions)
        _select(self.whisper, form.whisper_model)
        _select(self.backend, form.backend)
        self.data_dir.setText(form.data_dir)
        self.folders.clear()
        self.folders.addItems(list(form.file_folders))
        _select(self.theme, form.theme)

    def read(self, form: PreferencesForm) -> PreferencesForm:
        return dataclasses.replace(
            form,
            toolrag=self.toolrag.isChecked(),
            custom_instructions=self.instructions.toPlainText(),
            whisper_model=str(self.whisper.currentData()),
            backend=self.backend.currentData(),
            data_dir=self.data_dir.text(),
            file_folders=tuple(self.folders.item(i).text() for i in range(self.folders.count())),
            theme=self.theme.currentData(),
        )


class AccountsPage(QWidget):
    """The Zoom token and the outgoing mail server (secrets go to the keyring)."""

    def __init__(self, secrets_enabled: bool, problem: str | None) -> None:
        super().__init__()
        self.zoom_token = _secret_edit(secrets_enabled)
        self.host, self.username, self.sender_address = QLineEdit(), QLineEdit(), QLineEdit()
        self.host.setPlaceholderText("smtp.example.com")
        self.sender_address.setPlaceholderText("you@example.com")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.security = _combo(SECURITIES)
        self.password = _secret_edit(secrets_enabled)
        zoom = QFormLayout()
        zoom.addRow("&Zoom token:", self.zoom_token)
        smtp = QFormLayout()
        smtp.addRow("&Host:", self.host)
        smtp.addRow("Po&rt:", self.port)
        smtp.addRow("Securi&ty:", self.security)
        smtp.addRow("User&name:", self.username)
        smtp.addRow("Sen&der address:", self.sender_address)
        smtp.addRow("Pass&word:", self.password)
        smtp_box = QGroupBox("Outgoing mail (SMTP): leave host, username and sender empty to turn it off")
        smtp_box.setLayout(smtp)
        layout = QVBoxLayout(self)
        layout.addLayout(zoom)
        layout.addWidget(smtp_box)
        if not secrets_enabled:
            names = ", ".join(ENV_VARS.values())
            problem = (
                "No OS keyring is available, so the token and passwords cannot be saved here; TinyAgent "
                f"reads them from the environment variables {names} instead."
            )
        if problem:
            layout.addWidget(_selectable(problem))
        layout.addStretch(1)

    def load(self, form: PreferencesForm) -> None:
        self.zoom_token.setText(form.secrets.zoom_token)
        self.host.setText(form.smtp.host)
        self.port.setValue(form.smtp.port)
        _select(self.security, form.smtp.security)
        self.username.setText(form.smtp.username)
        self.sender_address.setText(form.smtp.sender)
        self.password.setText(form.secrets.smtp_password)

    def read(self, form: PreferencesForm) -> PreferencesForm:
        smtp = SmtpForm(
            self.host.text(),
            self.port.value(),
            self.security.currentData(),
            self.username.text(),
            self.sender_address.text(),
        )
        secrets = dataclasses.replace(
            form.secrets, zoom_token=self.zoom_token.text(), smtp_password=self.password.text()
        )
        return dataclasses.replace(form, smtp=smtp, secrets=secrets)


# ---- the dialog --------------------------------------------------------------------------


class PreferencesDialog(QDialog):
    """Edits the settings and secrets; Apply and OK save them and emit ``settings_applied``."""

    settings_applied = Signal(object)  # the new Settings, saved

    def __init__(
        self, settings: Settings, paths: UserPaths | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self._settings = settings
        self._paths = paths or user_paths()
        self._secrets, problem = read_secrets()
        installed = [
            s.spec.name
            for s in list_models(self._paths)
            if s.spec.kind == "planner" and s.status.ready and not s.spec.builtin
        ]
        secrets_enabled = keyring_available()
        self.pages: dict[Page, AppsPage | PlannerPage | GeneralPage | AccountsPage] = {
            "apps": AppsPage(),
            "planner": PlannerPage(installed, secrets_enabled),
            "general": GeneralPage(self._paths.data_dir / "data"),
            "accounts": AccountsPage(secrets_enabled, problem),
        }
        self.tabs = QTabWidget()
        for title, page in zip(("App&s", "&Planner", "&General", "Acco&unts"), self.pages.values()):
            self.tabs.addTab(page, title)
        self.error = _selectable("")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.clicked.connect(self._clicked)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        form = form_from_settings(settings, self._secrets)
        for page in self.pages.values():
            page.load(form)
        self.resize(640, 560)

    @property
    def settings(self) -> Settings:
        """The settings as last saved (or as given, before any Apply)."""
        return self._settings

    def form(self) -> PreferencesForm:
        """What the widgets hold now."""
        form = PreferencesForm()
        for page in self.pages.values():
            form = page.read(form)
        return form

    def apply(self) -> bool:
        """Check and save the form; False (and the problem shown) when it could not be saved."""
        form = self.form()
        try:
            settings = settings_from_form(form, self._settings)
            store_secrets(secret_changes(self._secrets, form.secrets))
            self._secrets = form.secrets
            save_settings(settings, self._paths.settings_file)
        except FormError as error:
            self._show_error(str(error), error.page)
            return False
        except (ConfigurationError, SettingsError) as error:
            self._show_error(str(error), "accounts" if isinstance(error, ConfigurationError) else None)
            return False
        self._settings = settings
        self._show_error("", None)
        self.settings_applied.emit(settings)
        return True

    def accept(self) -> None:
        if self.apply():
            super().accept()

    def _clicked(self, button: QAbstractButton) -> None:
        if self.buttons.buttonRole(button) == QDialogButtonBox.ButtonRole.ApplyRole:
            self.apply()

    def _show_error(self, text: str, page: Page | None) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        if page is not None:
            self.tabs.setCurrentWidget(self.pages[page])
