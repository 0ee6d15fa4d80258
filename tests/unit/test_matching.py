"""Contact matching: forgiving about accents and typos, never guessing between people."""

from __future__ import annotations

import pytest

from tinyagent.tools.errors import AmbiguousMatch, ToolArgumentError, ToolError
from tinyagent.tools.matching import Candidate, normalize, pick

PEOPLE = (
    Candidate("José Álvarez", "jose@example.org", "work"),
    Candidate("Sid Jha", "sid@work.example", "work"),
    Candidate("Sid Jha", "sid@home.example", "home", preferred=True),
    Candidate("Lutfi Eren", "lutfi@example.org"),
    Candidate("John Smith", "john@example.org"),
    Candidate("Joan Lee", "joan@example.org"),
    Candidate("Anna Sid", "anna@example.org"),
    Candidate("王小明", "wang@example.cn"),
    Candidate("Maria Garcia", "maria@work.example", "work"),
    Candidate("Maria Garcia", "maria@home.example", "home"),
)


def email(query: str) -> str:
    return pick(query, PEOPLE, what="email address")


def test_normalize_drops_case_accents_and_extra_spaces() -> None:
    assert normalize("  JOSÉ   Álvarez ") == "jose alvarez"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("José Álvarez", "jose@example.org"),
        ("jose alvarez", "jose@example.org"),
        ("Jose", "jose@example.org"),
        ("Lutfi", "lutfi@example.org"),
        ("Lutfy", "lutfi@example.org"),  # a one-letter typo from speech recognition
        ("Eren", "lutfi@example.org"),  # a last name alone
        ("王小明", "wang@example.cn"),
        ("小明", "wang@example.cn"),
    ],
)
def test_one_plausible_person_wins(query: str, expected: str) -> None:
    assert email(query) == expected


def test_first_name_beats_a_last_name_that_is_the_same_word() -> None:
    # "Sid" is Sid Jha's first name and Anna Sid's last name: the first name wins,
    # and of Sid's two addresses the preferred one.
    assert email("Sid") == "sid@home.example"


def test_several_similar_people_are_a_question_not_a_guess() -> None:
    with pytest.raises(AmbiguousMatch) as caught:
        email("Jon")
    assert {c.value for c in caught.value.choices} == {"john@example.org", "joan@example.org"}
    assert "Jon" in caught.value.question
    assert all(c.label in {"John Smith", "Joan Lee"} for c in caught.value.choices)


def test_two_people_with_the_same_first_name_are_a_question() -> None:
    people = (Candidate("Sam Park", "sam.p@example.org"), Candidate("Sam Ortiz", "sam.o@example.org"))
    with pytest.raises(AmbiguousMatch) as caught:
        pick("sam", people, what="email address")
    assert [c.label for c in caught.value.choices] == ["Sam Park", "Sam Ortiz"]


def test_several_values_without_a_preferred_one_are_a_question() -> None:
    with pytest.raises(AmbiguousMatch) as caught:
        email("Maria")
    assert [c.value for c in caught.value.choices] == ["maria@work.example", "maria@home.example"]
    assert caught.value.choices[0].detail == "work: maria@work.example"
    assert "email addresses" in caught.value.question


def test_duplicate_values_of_one_person_are_not_a_question() -> None:
    people = (Candidate("Kim Ng", "+1 555 0101", "mobile"), Candidate("kim ng", "+1 555 0101", "mobile"))
    assert pick("Kim", people, what="phone number") == "+1 555 0101"


def test_nobody_plausible_says_what_to_do() -> None:
    with pytest.raises(ToolError, match=r"No contact matches 'Kofi'\. Add them in Contacts or give the "
                       r"email address directly\."):
        email("Kofi")


def test_an_address_or_number_given_as_the_name_is_returned_as_is() -> None:
    assert email("someone@else.example") == "someone@else.example"
    assert pick("+1 (555) 010-9999", PEOPLE, what="phone number") == "+1 (555) 010-9999"
    assert email("JOSE@example.org") == "jose@example.org"


def test_empty_name_is_an_argument_error() -> None:
    with pytest.raises(ToolArgumentError):
        email("   ")


def test_empty_contacts_find_nobody() -> None:
    with pytest.raises(ToolError, match="No contact matches"):
        pick("Sid", (), what="phone number")
