"""training.planner end to end at toy size: train, write GGUF + tokenizer, go on from them."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sentencepiece as spm
import torch

from tinyagent.core.llama_cpp import LlamaCppLLM
from training.dataset.generate import generate, write
from training.gguf_export import export_llama, gguf_vocab, import_llama, sentencepiece_vocab
from training.planner import TOKENIZER, PlannerConfig, build, deepen, load_planner, main, make_model

pytestmark = pytest.mark.e2e

TOY = PlannerConfig(vocab_size=400, dim=32, layers=1, heads=2, kv_heads=1, ffn=64, minutes=0.03, seed=0)


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A dataset and a planner trained on it for two seconds."""
    data = tmp_path_factory.mktemp("data")
    write(generate(3, {"train": 120, "val": 10}), data)
    out = tmp_path_factory.mktemp("first")
    build(data, out, TOY)
    return data, out


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_training_writes_the_gguf_and_its_tokenizer(first: tuple[Path, Path]) -> None:
    _, out = first
    sp = spm.SentencePieceProcessor(model_file=str(out / TOKENIZER))
    assert gguf_vocab(out / "planner.gguf") == sentencepiece_vocab(sp).pieces
    LlamaCppLLM(out / "planner.gguf", n_ctx=256, n_threads=1).load()


def test_a_gguf_reads_back_into_the_same_weights(first: tuple[Path, Path], tmp_path: Path) -> None:
    _, out = first
    model, sp = load_planner(out)
    again = export_llama(
        model.eval(), sentencepiece_vocab(sp), tmp_path / "again.gguf", name="tinyagent-builtin-planner"
    )
    assert _sha(again) == _sha(out / "planner.gguf")


def test_training_goes_on_from_an_earlier_planner(first: tuple[Path, Path], tmp_path: Path) -> None:
    data, out = first
    built = build(data, tmp_path, PlannerConfig(minutes=0.03, lr=1e-3), init=out)
    # the shape and the tokenizer are the earlier model's, not the config's defaults
    assert (built["config"]["dim"], built["config"]["layers"]) == (TOY.dim, TOY.layers)
    assert (tmp_path / TOKENIZER).read_bytes() == (out / TOKENIZER).read_bytes()
    assert built["training"]["steps"] > 0
    assert _sha(tmp_path / "planner.gguf") != _sha(out / "planner.gguf")  # it did learn
    assert import_llama(tmp_path / "planner.gguf").config.hidden_size == TOY.dim


def test_going_on_needs_the_matching_tokenizer(first: tuple[Path, Path], tmp_path: Path) -> None:
    _, out = first
    (tmp_path / "planner.gguf").write_bytes((out / "planner.gguf").read_bytes())
    with pytest.raises(FileNotFoundError, match=r"tokenizer\.model is missing"):
        load_planner(tmp_path)
    other_data, other = tmp_path / "other-data", tmp_path / "other"
    write(generate(4, {"train": 120, "val": 10}), other_data)
    build(other_data, other, TOY)  # another corpus, another tokenizer
    (tmp_path / TOKENIZER).write_bytes((other / TOKENIZER).read_bytes())
    with pytest.raises(ValueError, match="is not the tokenizer"):
        load_planner(tmp_path)


def test_a_deepened_model_computes_what_the_shallow_one_did(first: tuple[Path, Path]) -> None:
    _, out = first
    _, sp = load_planner(out)
    torch.manual_seed(1)
    shallow = make_model(sp, PlannerConfig(dim=32, layers=3, heads=2, kv_heads=1, ffn=64)).eval()
    for layer in shallow.model.layers:  # a fresh model's output projections are small: make them count
        torch.nn.init.normal_(layer.self_attn.o_proj.weight, std=0.5)
        torch.nn.init.normal_(layer.mlp.down_proj.weight, std=0.5)
    ids = torch.tensor([sp.encode("text Ana that I'm late and email Bo the report")])
    for layers in (3, 5, 8):
        deep = deepen(shallow, layers).eval()
        assert deep.config.num_hidden_layers == len(deep.model.layers) == layers
        with torch.no_grad():
            assert torch.allclose(deep(input_ids=ids).logits, shallow(input_ids=ids).logits, atol=1e-5)
    # 3 -> 5: copies of the layers ending the first two thirds (0 and 1), each right after its
    # original, starting silent
    deep = deepen(shallow, 5)
    sources = [0, 0, 1, 1, 2]
    for target, source in enumerate(sources):
        new, old = deep.model.layers[target], shallow.model.layers[source]
        assert torch.equal(new.self_attn.q_proj.weight, old.self_attn.q_proj.weight)
        silent = target in (1, 3)
        assert bool(new.mlp.down_proj.weight.abs().sum() == 0) is silent


def test_deepening_cannot_remove_layers(first: tuple[Path, Path]) -> None:
    _, out = first
    model, _ = load_planner(out)
    with pytest.raises(ValueError, match="can only grow"):
        deepen(model, 0)


def test_training_goes_on_from_a_deepened_planner(first: tuple[Path, Path], tmp_path: Path) -> None:
    data, out = first
    built = build(data, tmp_path, PlannerConfig(minutes=0.03, lr=1e-3), init=out, layers=TOY.layers + 2)
    assert built["config"]["layers"] == TOY.layers + 2
    assert built["training"]["steps"] > 0
    assert import_llama(tmp_path / "planner.gguf").config.num_hidden_layers == TOY.layers + 2


def test_a_new_planner_has_the_layers_asked_for(first: tuple[Path, Path], tmp_path: Path) -> None:
    data, _ = first
    built = build(data, tmp_path, TOY, layers=2)
    assert built["config"]["layers"] == 2
    assert import_llama(tmp_path / "planner.gguf").config.num_hidden_layers == 2


def test_the_cli_says_what_is_wrong_before_loading_the_data(
    first: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, out = first
    model, sp = load_planner(out)
    deep = tmp_path / "deep"
    deep.mkdir()
    export_llama(deepen(model, 3).eval(), sentencepiece_vocab(sp), deep / "planner.gguf", name="deep")
    (deep / TOKENIZER).write_bytes((out / TOKENIZER).read_bytes())
    for argv, message in (
        (["--init", str(deep), "--layers", "2"], "has 3 layers and can only grow"),
        (["--init", str(tmp_path / "nowhere")], "planner.gguf is missing"),
        (["--layers", "0"], "--layers must be at least 1"),
    ):
        with pytest.raises(SystemExit):
            main(["--data", str(data), "--out", str(tmp_path / "out"), *argv])
        assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
