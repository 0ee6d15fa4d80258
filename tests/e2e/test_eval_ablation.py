"""``tinyagent eval --ablation`` as a user runs it, with the committed built-in models."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tinyagent.core.llama_cpp import LlamaCppLLM
from tinyagent.core.llm import GenerationOptions, Prompt
from tinyagent.core.models import builtin_root

pytestmark = pytest.mark.e2e

CASES = [
    {
        "id": "reminder",
        "now": "2024-06-03 09:00:00",
        "query": "remind me to call mom tomorrow at 6pm",
        "plan": '1. create_reminder("Call mom", "2024-06-04 18:00:00", "", "", 0, False)\n2. join()',
        "tags": ["reminder"],
    },
    {
        "id": "map",
        "now": "2024-06-03 09:00:00",
        "query": "show me the Rijksmuseum on the map",
        "plan": '1. maps_open_location("Rijksmuseum")\n2. join()',
    },
    {
        "id": "sms",
        "now": "2024-06-03 09:00:00",
        "query": "text Sid that I'm running late",
        "plan": '1. get_phone_number("Sid")\n2. send_sms(["$1"], "I\'m running late")\n3. join()',
    },
]
ROWS = ("(a) all tools", "(b) basic RAG: tools of top-{k} examples", "(c) ToolRAG classifier")


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in CASES), encoding="utf-8")
    return path


def eval_ablation(home: Path, cases: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TINYAGENT_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "tinyagent.core.cli", "eval", str(cases), "--ablation", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_the_table_has_a_row_of_numbers_per_selector(tmp_path: Path, cases: Path) -> None:
    done = eval_ablation(tmp_path / "home", cases)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "3 cases, prompt format 'builtin'" in lines[0]
    assert "counted with the model's tokenizer" in done.stdout
    rows = {cells[0]: cells[1:] for line in lines if (cells := _cells(line)) and cells[0].startswith("(")}
    assert list(rows) == [r.format(k=3) for r in ROWS]
    number = re.compile(r"^\d+(\.\d+)?( ms|%)?$")
    for name, cells in rows.items():
        assert len(cells) == 6 and all(number.match(c) for c in cells), (name, cells)
    recall, tools = rows["(a) all tools"][:2]
    assert (recall, tools) == ("100.0%", "16.00")
    # The built-in prompt lists no tools: every row's prompt is the same length.
    assert len({cells[2] for cells in rows.values()}) == 1


def test_json_gives_the_rows_as_data(tmp_path: Path, cases: Path) -> None:
    done = eval_ablation(tmp_path / "home", cases, "--json", "--rag-k", "1")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)["ablation"]
    assert data["prompt_format"] == "builtin"
    assert [r["selector"] for r in data["rows"]] == [r.format(k=1) for r in ROWS]
    for row in data["rows"]:
        summary = row["summary"]
        assert summary["cases"] == 3
        assert summary["prompt_tokens"] > 0
        assert 0 <= summary["selection_recall"] <= 1 and 0 <= summary["success"] <= 1
        assert set(row["by_tag"]) == {"reminder"}
    assert data["rows"][0]["summary"]["tools_offered"] == 16


async def test_prompt_tokens_are_the_tokens_llama_cpp_processes() -> None:
    llm = LlamaCppLLM(builtin_root() / "planner" / "planner.gguf", n_ctx=1024)
    prompt = Prompt(system="", user="Question: show me the Rijksmuseum on the map\nPlan:\n")
    try:
        async for _ in llm.stream(prompt, GenerationOptions(max_tokens=2)):
            pass
        assert llm.last_stats is not None
        assert llm.count_tokens(prompt.text) == llm.last_stats.prompt_tokens > 5
    finally:
        await llm.aclose()


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
