"""Optional: reword requests with any OpenAI-compatible ``/v1/chat/completions`` server.

A paraphrase is kept only if it passes the same checks as a generated request: every
span the gold plan depends on (names, addresses, numbers, titles' words, messages, date
phrases; ``Example.keep``) still appears in it, case-insensitively; it is one line, not
empty, not the original, not absurdly long. The plan is never changed, so a kept
paraphrase still validates. Nothing is sent unless ``--paraphrase-url`` is given.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from random import Random

import httpx

from tinyagent.core.plan import parse_plan, validate_plan
from tinyagent.tools.registry import REGISTRY
from training.dataset.compose import Example

PARAPHRASED_TAG = "paraphrased"

SYSTEM = (
    "You rewrite requests that people give to a desktop assistant (email, texts, calendar, reminders, notes, "
    "maps, files). Rewrite the request the way a different person might say or type it: change the wording "
    "and word order, keep the meaning. Answer with the rewritten request only, on one line."
)
USER = "Request: {query}\nKeep these exactly as written: {keep}\nRewritten request:"


@dataclass(frozen=True)
class ParaphraseOptions:
    """Where to send requests and how many."""

    url: str
    model: str = "default"
    share: float = 0.1  # share of a split's examples sent for paraphrasing
    mode: str = "add"  # "add": keep the original too; "replace": the paraphrase takes its place
    workers: int = 4
    timeout_s: float = 60.0
    temperature: float = 0.9


def endpoint(url: str) -> str:
    """The chat completions URL for a server URL given with or without ``/v1``."""
    url = url.rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    return url + ("/chat/completions" if url.endswith("/v1") else "/v1/chat/completions")


def accept(example: Example, text: str) -> str | None:
    """The cleaned paraphrase if it passes the checks, else None."""
    text = text.strip().strip('"“”').strip()
    text = re.sub(r"^(rewritten request|request)\s*:\s*", "", text, flags=re.IGNORECASE)
    lowered = text.lower()
    if not text or "\n" in text or len(text) > 2 * len(example.query) + 80:
        return None
    if re.sub(r"\W+", "", lowered) == re.sub(r"\W+", "", example.query.lower()):
        return None
    if any(span.lower() not in lowered for span in example.keep):
        return None
    validate_plan(parse_plan(example.plan), REGISTRY)  # unchanged, so this only guards against misuse
    return text


def request_body(example: Example, options: ParaphraseOptions) -> dict[str, object]:
    """The chat completions request for one example."""
    keep = "; ".join(f'"{span}"' for span in example.keep) or "(nothing)"
    return {
        "model": options.model,
        "temperature": options.temperature,
        "messages": [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": USER.format(query=example.query, keep=keep)},
        ],
    }


def _ask(client: httpx.Client, url: str, example: Example, options: ParaphraseOptions) -> str | None:
    try:
        response = client.post(url, json=request_body(example, options))
        response.raise_for_status()
        content = response.json()["choices"][0]["message"]["content"]
    except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError):
        return None  # a failed request only means fewer paraphrases
    return accept(example, content) if isinstance(content, str) else None


def paraphrase_split(
    examples: Sequence[Example], options: ParaphraseOptions, rng: Random
) -> tuple[list[Example], str]:
    """The split with paraphrases added (or swapped in); and a one-line report."""
    chosen = sorted(rng.sample(range(len(examples)), round(len(examples) * options.share)))
    headers = (
        {"Authorization": f"Bearer {os.environ['PARAPHRASE_API_KEY']}"}
        if os.environ.get("PARAPHRASE_API_KEY")
        else {}
    )
    url = endpoint(options.url)
    with (
        httpx.Client(timeout=options.timeout_s, headers=headers) as client,
        ThreadPoolExecutor(max(1, options.workers)) as pool,
    ):
        texts = list(pool.map(lambda i: _ask(client, url, examples[i], options), chosen))
    out = list(examples)
    kept = 0
    for i, text in zip(chosen, texts, strict=True):
        if text is None:
            continue
        kept += 1
        original = examples[i]
        new = dataclasses.replace(
            original,
            query=text,
            tags=(*original.tags, PARAPHRASED_TAG),
            id=original.id + ("-p" if options.mode == "add" else ""),
        )
        if options.mode == "replace":
            out[i] = new
        else:
            out.append(new)
    return out, f"{kept} of {len(chosen)} paraphrases kept ({options.mode})"
