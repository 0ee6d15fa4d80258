"""A deterministic ``Writer``: plain email bodies and extractive summaries, no model.

It is what the tools use when no writing model is loaded, and what tests use because
its output is predictable. It never invents content: an email body is the user's
context put into sentences, a summary is sentences taken from the document.
"""

from __future__ import annotations

import re
from collections import Counter
from email.utils import getaddresses

MAX_SUMMARY_SENTENCES = 5
MAX_SUMMARY_WORDS = 120
# Shorter fragments are headings, page numbers or captions rather than statements.
MIN_SENTENCE_WORDS = 4

_STOPWORD_TEXT = """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves may might must shall et al"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9À-ÖØ-Þ])")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
# "tell them that X" / "let her know X": the context is often an instruction to us.
_INSTRUCTION = re.compile(
    r"^(?:please\s+)?(?:tell|inform|remind)\s+(?:him|her|them|everyone|everybody|the team)\s+(?:that\s+)?"
    r"|^(?:please\s+)?let\s+(?:him|her|them|everyone|everybody|the team)\s+know\s+(?:that\s+)?",
    re.IGNORECASE,
)
_NAME = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*(?:[ '’.\-][^\W\d_]+)*$", re.UNICODE)

_OPENERS = {
    "new": "",
    "reply": "Thank you for your message.",
    "forward": "Please see the message below.",
}


class PlainWriter:
    """Writes email bodies and summaries by rule; implements ``tools.base.Writer``."""

    def write_email(self, *, context: str, subject: str, recipients: tuple[str, ...], kind: str) -> str:
        """A short email: a greeting, the context as sentences, and a sign-off."""
        paragraphs = [_greeting(recipients)]
        text = _as_sentences(_INSTRUCTION.sub("", context.strip(), count=1))
        if text:
            paragraphs.append(text)
        elif _OPENERS.get(kind):
            paragraphs.append(_OPENERS[kind])
        elif subject.strip():
            paragraphs.append(_as_sentences(f"I am writing about {subject.strip()}"))
        paragraphs.append("Best regards")
        return "\n\n".join(paragraphs)

    def summarize(self, text: str, *, title: str) -> str:
        """The document's most representative sentences, in their original order."""
        sentences = split_sentences(text)
        if not sentences:
            return f"{title or 'The document'} has no extractable text (it may be a scanned image)."
        chosen = _top_sentences(sentences)
        return " ".join(chosen)


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``, with PDF line breaks and hyphenation undone."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        flat = " ".join(paragraph.split())
        sentences.extend(s.strip() for s in _SENTENCE_END.split(flat) if s.strip())
    return sentences


def _top_sentences(sentences: list[str]) -> list[str]:
    statements = [s for s in sentences if len(s.split()) >= MIN_SENTENCE_WORDS] or sentences
    frequencies = Counter(w for s in statements for w in _content_words(s))
    peak = max(frequencies.values(), default=1)

    def score(sentence: str) -> float:
        words = _content_words(sentence)
        return sum(frequencies[w] / peak for w in words) / (len(words) or 1) if words else 0.0

    ranked = sorted(range(len(statements)), key=lambda i: (-score(statements[i]), i))
    kept: list[int] = []
    used = 0
    for index in ranked:
        length = len(statements[index].split())
        if len(kept) == MAX_SUMMARY_SENTENCES or (kept and used + length > MAX_SUMMARY_WORDS):
            continue
        kept.append(index)
        used += length
    chosen = [statements[i] for i in sorted(kept)]
    if used > MAX_SUMMARY_WORDS:  # a single sentence longer than the whole budget
        chosen = [" ".join(chosen[0].split()[:MAX_SUMMARY_WORDS]) + " …"]
    return chosen


def _content_words(sentence: str) -> list[str]:
    words = (w.casefold() for w in _WORD.findall(sentence))
    return [w for w in words if w not in STOPWORDS and len(w) > 1]


def _greeting(recipients: tuple[str, ...]) -> str:
    names = [n for n in (_first_name(r) for r in recipients) if n]
    if not names or len(names) != len(recipients):
        return "Hello,"
    if len(names) > 3:
        return "Hello all,"
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Hi {joined},"


def _first_name(recipient: str) -> str:
    """The first name in "Sid Jha" or "Sid Jha <sid@x.org>"; "" for a bare address."""
    text = recipient.strip()
    if "@" in text:
        text = getaddresses([text])[0][0].strip()
    if not text or not _NAME.match(text):
        return ""
    first = text.split()[0]
    return first[:1].upper() + first[1:]


def _as_sentences(text: str) -> str:
    """``text`` with capitalized sentences and closing punctuation on each line."""
    lines = []
    for line in text.strip().splitlines():
        parts = re.split(r"(?<=[.!?])\s+", line.strip())
        line = " ".join(_capitalized(p) for p in parts if p)
        if line and line[-1] not in ".!?:;…)\"'" and not _URL.match(line.split()[-1]):
            line += "."
        lines.append(line)
    return "\n".join(lines).strip()


def _capitalized(sentence: str) -> str:
    if sentence[0].isalpha() and not _URL.match(sentence.split()[0]):
        return sentence[0].upper() + sentence[1:]
    return sentence
