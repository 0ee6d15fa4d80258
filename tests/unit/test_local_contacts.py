"""The local address book: vCard import (idempotent, unicode) and lookups."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tinyagent.tools.errors import AmbiguousMatch, ToolError
from tinyagent.tools.local.backend import LocalBackend
from tinyagent.tools.local.contacts import DB_NAME, EMAIL, PHONE, ContactStore, import_vcards


def test_import_adds_every_card(data_dir: Path, people_vcf: Path) -> None:
    report = import_vcards(data_dir, people_vcf)
    assert (report.added, report.updated, report.unchanged, report.skipped) == (5, 0, 0, 0)
    assert (data_dir / DB_NAME).is_file()
    names = {c.name for c in ContactStore(data_dir).candidates(EMAIL)}
    assert names == {"Sid Jha", "José Álvarez", "John Smith", "Joan Lee", "王小明"}


def test_reimport_is_idempotent(data_dir: Path, people_vcf: Path) -> None:
    import_vcards(data_dir, people_vcf)
    again = import_vcards(data_dir, people_vcf)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    with sqlite3.connect(data_dir / DB_NAME) as db:
        assert db.execute("SELECT COUNT(*) FROM contacts").fetchone()[0] == 5


def test_changed_card_updates_by_uid_or_by_name_and_email(
    data_dir: Path, people_vcf: Path, tmp_path: Path
) -> None:
    import_vcards(data_dir, people_vcf)
    changed = tmp_path / "changed.vcf"
    changed.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nUID:sid-1\nFN:Siddharth Jha\nEMAIL:sid@new.example\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:John Smith\nEMAIL:john@example.org\nTEL:+1 555 0199\nEND:VCARD\n",
        encoding="utf-8",
    )
    report = import_vcards(data_dir, changed)
    assert (report.added, report.updated) == (0, 2)
    emails = {c.name: c.value for c in ContactStore(data_dir).candidates(EMAIL)}
    assert emails["Siddharth Jha"] == "sid@new.example"
    assert "Sid Jha" not in emails
    phones = ContactStore(data_dir).candidates(PHONE)
    assert [c.value for c in phones if c.name == "John Smith"] == ["+1 555 0199"]


def test_unusable_cards_are_skipped_with_reasons(data_dir: Path, tmp_path: Path) -> None:
    vcf = tmp_path / "mixed.vcf"
    vcf.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Nobody Reachable\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nEMAIL:anon@example.org\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nN:Okafor;Chidi;;;\nEMAIL:chidi@example.org\nEND:VCARD\n",
        encoding="utf-8",
    )
    report = import_vcards(data_dir, vcf)
    assert (report.added, report.skipped) == (1, 2)
    assert "card 1: Nobody Reachable has no email address or phone number" in report.reasons
    assert any(r.startswith("card 2:") and "no name" in r for r in report.reasons)
    assert [c.name for c in ContactStore(data_dir).candidates(EMAIL)] == ["Chidi Okafor"]


def test_missing_or_non_vcard_file_is_a_clear_error(data_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(ToolError, match="There is no file at"):
        import_vcards(data_dir, tmp_path / "nope.vcf")
    other = tmp_path / "list.txt"
    other.write_text("Sid, sid@example.org\n", encoding="utf-8")
    with pytest.raises(ToolError, match="holds no vCards"):
        import_vcards(data_dir, other)


def test_email_lookup_handles_accents_preference_and_cjk(backend: LocalBackend, people_vcf: Path) -> None:
    import_vcards(backend.config.data_dir, people_vcf)
    assert backend.get_email_address("Jose") == "jose@example.org"
    assert backend.get_email_address("Sid") == "sid@home.example"  # marked PREF
    assert backend.get_email_address("王小明") == "wang@example.cn"
    assert backend.get_phone_number("josé álvarez") == "+34 600 000 001"


def test_similar_names_ask_instead_of_guessing(backend: LocalBackend, people_vcf: Path) -> None:
    import_vcards(backend.config.data_dir, people_vcf)
    with pytest.raises(AmbiguousMatch) as caught:
        backend.get_email_address("Jon")
    assert {c.label for c in caught.value.choices} == {"John Smith", "Joan Lee"}


def test_unknown_person_and_empty_address_book_say_what_to_do(
    backend: LocalBackend, people_vcf: Path
) -> None:
    with pytest.raises(ToolError, match="tinyagent contacts import"):
        backend.get_phone_number("Sid")
    import_vcards(backend.config.data_dir, people_vcf)
    with pytest.raises(ToolError, match=r"No contact matches 'Kofi'\. Add them in Contacts"):
        backend.get_email_address("Kofi")
    with pytest.raises(ToolError, match="No contact matches 'Joan'"):
        backend.get_phone_number("Joan")  # Joan has an email address but no phone number


def test_vcard_21_bare_parameters_mark_the_preferred_value(data_dir: Path, tmp_path: Path) -> None:
    vcf = tmp_path / "old.vcf"
    vcf.write_bytes(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Müller;Jürgen\r\nEMAIL;WORK;INTERNET:jw@example.de\r\n"
        "EMAIL;PREF;INTERNET:j@example.de\r\nTEL;CELL;VOICE:+49 170 1\r\nEND:VCARD\r\n".encode()
    )
    assert import_vcards(data_dir, vcf).added == 1
    emails = ContactStore(data_dir).candidates(EMAIL)
    assert [(c.name, c.value, c.detail, c.preferred) for c in emails] == [
        ("Jürgen Müller", "jw@example.de", "work", False),
        ("Jürgen Müller", "j@example.de", "", True),
    ]
    assert ContactStore(data_dir).candidates(PHONE)[0].detail == "mobile"
