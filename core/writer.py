"""The writing sub-agent: email bodies and summaries from a model that writes prose.

Tools call it from their worker threads (``tools.base.Writer``). Whenever the model
fails or answers with nothing, the deterministic ``PlainWriter`` writes instead: a
body or summary is never empty.
"""

from __future__ import annotations

import logging

from tinyagent.core.errors import TinyAgentError
from tinyagent.core.llm import LLM, GenerationOptions, Prompt
from tinyagent.core.prompt import prompt_text
from tinyagent.tools.base import Writer
from tinyagent.tools.writing import PlainWriter

log = logging.getLogger(__name__)

# Small local models have small contexts: keep the document's beginning, which
# usually holds the title, the abstract and the key facts.
MAX_DOCUMENT_CHARS = 6000


class ModelWriter:
    """A ``Writer`` backed by a model; falls back to ``PlainWriter``."""

    def __init__(self, llm: LLM, *, custom_instructions: str = "", max_tokens: int = 400) -> None:
        self._llm = llm
        self._fallback = PlainWriter()
        self._options = GenerationOptions(max_tokens=max_tokens, temperature=0.2)
        self._preferences = (
            f"\nKeep in mind what the user prefers: {custom_instructions.strip()}"
            if custom_instructions.strip()
            else ""
        )

    def write_email(self, *, context: str, subject: str, recipients: tuple[str, ...], kind: str) -> str:
        """An email body written by the model from ``context``."""
        user = (
            f"Kind: {kind} email\nTo: {', '.join(recipients) or 'not given'}\nSubject: {subject}\n"
            f"Material:\n{context.strip() or '(none)'}\n\nEmail body:\n"
        )
        text = self._ask(prompt_text("write_email.txt"), user)
        return text or self._fallback.write_email(
            context=context, subject=subject, recipients=recipients, kind=kind
        )

    def summarize(self, text: str, *, title: str) -> str:
        """A summary of ``text`` written by the model."""
        user = f"Document: {title}\n\n{text[:MAX_DOCUMENT_CHARS]}\n\nSummary:\n"
        return self._ask(prompt_text("summarize.txt"), user) or self._fallback.summarize(text, title=title)

    def _ask(self, system: str, user: str) -> str:
        prompt = Prompt(system=system + self._preferences, user=user, chat=True)
        try:
            return self._llm.complete(prompt, self._options).strip()
        except TinyAgentError as error:
            log.warning("the writing model failed (%s); writing by rule instead", error)
            return ""


def make_writer(llm: LLM | None, mode: str, custom_instructions: str = "") -> Writer:
    """``plain``: always by rule; ``model``/``auto``: the model when it writes prose."""
    if mode != "plain" and llm is not None and (llm.writes_prose or mode == "model"):
        return ModelWriter(llm, custom_instructions=custom_instructions)
    return PlainWriter()
