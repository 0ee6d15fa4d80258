"""The rule-based writer: decent email bodies and extractive summaries."""

from __future__ import annotations

from tinyagent.tools.base import Writer
from tinyagent.tools.writing import MAX_SUMMARY_SENTENCES, MAX_SUMMARY_WORDS, PlainWriter, split_sentences

WRITER = PlainWriter()


def test_plain_writer_is_a_writer() -> None:
    writer: Writer = WRITER
    assert writer.summarize("One sentence here, with words.", title="t")


def test_email_greets_named_recipients_by_first_name_and_signs_off() -> None:
    body = WRITER.write_email(
        context="tell them that the review moved to 3pm. bring the slides",
        subject="Review",
        recipients=("Sid Jha <sid@example.org>", "Lutfi"),
        kind="new",
    )
    assert body.splitlines()[0] == "Hi Sid and Lutfi,"
    assert "The review moved to 3pm. Bring the slides." in body
    assert body.rstrip().endswith("Best regards")


def test_email_to_bare_addresses_says_hello() -> None:
    body = WRITER.write_email(context="see you soon", subject="", recipients=("sid@example.org",), kind="new")
    assert body.startswith("Hello,\n\nSee you soon.")


def test_links_are_not_capitalized_or_broken_by_a_full_stop() -> None:
    link = "https://zoom.us/j/123?pwd=abc"
    body = WRITER.write_email(context=link, subject="Call", recipients=(), kind="new")
    assert f"\n{link}\n" in body


def test_empty_context_falls_back_to_the_subject() -> None:
    body = WRITER.write_email(context="", subject="the Q3 budget", recipients=(), kind="new")
    assert "I am writing about the Q3 budget." in body


def test_empty_forward_and_reply_still_say_something() -> None:
    assert "message below" in WRITER.write_email(context="", subject="", recipients=(), kind="forward")
    assert "Thank you" in WRITER.write_email(context=" ", subject="", recipients=(), kind="reply")


def test_summary_keeps_the_central_sentences_in_order_within_limits() -> None:
    text = (
        "Solar panels convert sunlight into electricity for homes. "
        "The weather was pleasant on the day of the visit. "
        "Solar electricity from panels lowers the cost of energy for homes. "
        "Installers mount solar panels on roofs facing the sun. "
        "Lunch was served at noon in the cafeteria downstairs. "
        "Battery storage keeps solar electricity for the night at homes. "
        "Subsidies make solar panels cheaper for homes in many countries. "
        "Someone parked a bicycle near the entrance. "
        "Solar panels need little maintenance over their life."
    )
    summary = WRITER.summarize(text, title="Solar")
    chosen = split_sentences(summary)
    assert len(chosen) <= MAX_SUMMARY_SENTENCES
    assert len(summary.split()) <= MAX_SUMMARY_WORDS
    assert "Lunch was served" not in summary and "bicycle" not in summary
    originals = split_sentences(text)
    assert [originals.index(s) for s in chosen] == sorted(originals.index(s) for s in chosen)


def test_summary_of_one_huge_sentence_is_cut_to_the_word_budget() -> None:
    text = " ".join(f"word{i % 7}x" for i in range(400)) + "."
    summary = WRITER.summarize(text, title="Long")
    assert 0 < len(summary.split()) <= MAX_SUMMARY_WORDS + 1


def test_summary_of_no_text_says_so() -> None:
    assert WRITER.summarize("  \n ", title="Scan.pdf") == (
        "Scan.pdf has no extractable text (it may be a scanned image)."
    )


def test_sentence_split_undoes_pdf_line_breaks_and_hyphenation() -> None:
    assert split_sentences("The docu-\nment is long\nand wide. Next one.\n\nHeading") == [
        "The document is long and wide.",
        "Next one.",
        "Heading",
    ]
