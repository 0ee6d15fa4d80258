"""Write a transformers Llama (or only a vocabulary) as a GGUF file llama.cpp can load.

Only PyPI ``gguf.GGUFWriter`` is used, so no llama.cpp checkout is needed. Two details
matter for llama.cpp to compute what PyTorch computes: the Q and K projections are
permuted to llama.cpp's rotary layout (without it greedy outputs differ), and the
tokenizer is a SentencePiece ("llama") vocabulary with byte fallback so any text
round-trips.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import gguf
import numpy as np

if TYPE_CHECKING:
    import sentencepiece as spm
    from transformers import LlamaForCausalLM

END_OF_PLAN = "<END_OF_PLAN>"


@dataclass(frozen=True)
class Vocab:
    """A SentencePiece-style vocabulary as GGUF stores it."""

    pieces: tuple[str, ...]
    scores: tuple[float, ...]
    types: tuple[int, ...]  # gguf.TokenType values
    unk_id: int = 0
    bos_id: int = 1
    eos_id: int = 2


def sentencepiece_vocab(sp: spm.SentencePieceProcessor) -> Vocab:
    """The vocabulary of a trained SentencePiece model, with each piece's GGUF type."""
    types = []
    for i in range(sp.get_piece_size()):
        if sp.is_unknown(i):
            types.append(gguf.TokenType.UNKNOWN)
        elif sp.is_control(i):
            types.append(gguf.TokenType.CONTROL)
        elif sp.is_byte(i):
            types.append(gguf.TokenType.BYTE)
        elif sp.is_unused(i):
            types.append(gguf.TokenType.UNUSED)
        elif sp.id_to_piece(i) == END_OF_PLAN:
            # USER_DEFINED, not CONTROL: llama.cpp then prints it in the generated text.
            types.append(gguf.TokenType.USER_DEFINED)
        else:
            types.append(gguf.TokenType.NORMAL)
    return Vocab(
        pieces=tuple(sp.id_to_piece(i) for i in range(sp.get_piece_size())),
        scores=tuple(sp.get_score(i) for i in range(sp.get_piece_size())),
        types=tuple(int(t) for t in types),
        unk_id=sp.unk_id(),
        bos_id=sp.bos_id(),
        eos_id=sp.eos_id(),
    )


def byte_vocab() -> Vocab:
    """<unk>, <s>, </s>, the 256 byte tokens (id 3 + byte) and <END_OF_PLAN>."""
    pieces = ("<unk>", "<s>", "</s>", *(f"<0x{b:02X}>" for b in range(256)), END_OF_PLAN)
    types = (
        gguf.TokenType.UNKNOWN,
        gguf.TokenType.CONTROL,
        gguf.TokenType.CONTROL,
        *([gguf.TokenType.BYTE] * 256),
        gguf.TokenType.USER_DEFINED,
    )
    return Vocab(pieces, (0.0,) * len(pieces), tuple(int(t) for t in types))


def _write_vocab(writer: gguf.GGUFWriter, vocab: Vocab) -> None:
    writer.add_tokenizer_model("llama")
    writer.add_token_list(list(vocab.pieces))
    writer.add_token_scores(list(vocab.scores))
    writer.add_token_types(list(vocab.types))
    writer.add_unk_token_id(vocab.unk_id)
    writer.add_bos_token_id(vocab.bos_id)
    writer.add_eos_token_id(vocab.eos_id)
    writer.add_add_bos_token(True)
    writer.add_add_eos_token(False)
    writer.add_add_space_prefix(True)  # SentencePiece's dummy prefix


def _write_shape(
    writer: gguf.GGUFWriter,
    *,
    n_ctx: int,
    dim: int,
    layers: int,
    ffn: int,
    heads: int,
    kv_heads: int,
    eps: float,
    theta: float,
) -> None:
    writer.add_context_length(n_ctx)
    writer.add_embedding_length(dim)
    writer.add_block_count(layers)
    writer.add_feed_forward_length(ffn)
    writer.add_head_count(heads)
    writer.add_head_count_kv(kv_heads)
    writer.add_rope_dimension_count(dim // heads)
    writer.add_rope_freq_base(theta)
    writer.add_layer_norm_rms_eps(eps)


def _finish(writer: gguf.GGUFWriter) -> None:
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def write_vocab_only(vocab: Vocab, path: Path) -> Path:
    """A GGUF with a vocabulary and no weights: loadable by llama.cpp with ``vocab_only``."""
    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("vocab-only")
    _write_shape(writer, n_ctx=64, dim=32, layers=1, ffn=64, heads=1, kv_heads=1, eps=1e-5, theta=1e4)
    _write_vocab(writer, vocab)
    _finish(writer)
    return path


def rotary_permute(weight: np.ndarray, n_head: int) -> np.ndarray:
    """HF's rotate-half Q/K rows -> llama.cpp's interleaved-pairs layout.

    weight: (n_head * head_dim, dim); within each head, rows [0, h/2) and [h/2, h)
    become interleaved (0, h/2, 1, h/2+1, ...).
    """
    rows = weight.shape[0]
    return (
        weight.reshape(n_head, 2, rows // n_head // 2, *weight.shape[1:]).swapaxes(1, 2).reshape(weight.shape)
    )


# GGUF tensor names and the transformers names they hold. Per layer, the Q and K rows are
# in llama.cpp's rotary order in the GGUF ("q"/"k": permuted with that many heads).
_GLOBAL_TENSORS = (
    ("token_embd.weight", "model.embed_tokens.weight"),
    ("output_norm.weight", "model.norm.weight"),
    ("output.weight", "lm_head.weight"),
)
_LAYER_TENSORS = (
    ("attn_norm.weight", "input_layernorm.weight", None),
    ("attn_q.weight", "self_attn.q_proj.weight", "q"),
    ("attn_k.weight", "self_attn.k_proj.weight", "k"),
    ("attn_v.weight", "self_attn.v_proj.weight", None),
    ("attn_output.weight", "self_attn.o_proj.weight", None),
    ("ffn_norm.weight", "post_attention_layernorm.weight", None),
    ("ffn_gate.weight", "mlp.gate_proj.weight", None),
    ("ffn_up.weight", "mlp.up_proj.weight", None),
    ("ffn_down.weight", "mlp.down_proj.weight", None),
)


def _tensor_names(layers: int, heads: int, kv_heads: int) -> Iterator[tuple[str, str, int | None]]:
    """(GGUF name, transformers name, heads to rotary-permute by or None) of every tensor."""
    for gguf_name, hf_name in _GLOBAL_TENSORS:
        yield gguf_name, hf_name, None
    for i in range(layers):
        for gguf_name, hf_name, rotary in _LAYER_TENSORS:
            permute = {"q": heads, "k": kv_heads}.get(rotary or "")
            yield f"blk.{i}.{gguf_name}", f"model.layers.{i}.{hf_name}", permute


def _tensors(model: LlamaForCausalLM) -> Iterator[tuple[str, np.ndarray]]:
    cfg = model.config
    kv_heads = cfg.num_key_value_heads or cfg.num_attention_heads
    state = {k: v.detach().float().cpu().numpy() for k, v in model.state_dict().items()}
    state.setdefault("lm_head.weight", state["model.embed_tokens.weight"])  # tied embeddings
    for gguf_name, hf_name, heads in _tensor_names(cfg.num_hidden_layers, cfg.num_attention_heads, kv_heads):
        yield gguf_name, state[hf_name] if heads is None else rotary_permute(state[hf_name], heads)


def export_llama(model: LlamaForCausalLM, vocab: Vocab, path: Path, *, name: str = "tiny-planner") -> Path:
    """Write ``model`` (fp32) with ``vocab`` to ``path`` as GGUF; return the path."""
    cfg = model.config
    rope = getattr(cfg, "rope_parameters", None) or {}
    theta = float(rope.get("rope_theta", getattr(cfg, "rope_theta", 10000.0)))
    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name(name)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    _write_shape(
        writer,
        n_ctx=cfg.max_position_embeddings,
        dim=cfg.hidden_size,
        layers=cfg.num_hidden_layers,
        ffn=cfg.intermediate_size,
        heads=cfg.num_attention_heads,
        kv_heads=cfg.num_key_value_heads or cfg.num_attention_heads,
        eps=cfg.rms_norm_eps,
        theta=theta,
    )
    writer.add_vocab_size(len(vocab.pieces))
    _write_vocab(writer, vocab)
    for tensor_name, array in _tensors(model):
        writer.add_tensor(tensor_name, np.ascontiguousarray(array, dtype=np.float32))
    _finish(writer)
    return path


def rotary_unpermute(weight: np.ndarray, n_head: int) -> np.ndarray:
    """The inverse of :func:`rotary_permute`: llama.cpp's layout back to HF's rotate-half."""
    rows = weight.shape[0]
    return (
        weight.reshape(n_head, rows // n_head // 2, 2, *weight.shape[1:]).swapaxes(1, 2).reshape(weight.shape)
    )


def gguf_vocab(path: Path) -> tuple[str, ...]:
    """The token pieces stored in a GGUF file."""
    field = gguf.GGUFReader(str(path)).fields["tokenizer.ggml.tokens"]
    return tuple(bytes(field.parts[i]).decode("utf-8") for i in field.data)


def _field(reader: gguf.GGUFReader, key: str) -> int | float:
    field = reader.fields[key]
    return field.parts[field.data[0]].tolist()[0]  # type: ignore[no-any-return]


def import_llama(path: Path) -> LlamaForCausalLM:
    """Read a GGUF written by :func:`export_llama` back into a transformers Llama (fp32).

    Used to go on training a shipped model; the tokenizer is not part of the result.
    """
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    reader = gguf.GGUFReader(str(path))
    heads = int(_field(reader, "llama.attention.head_count"))
    kv_heads = int(_field(reader, "llama.attention.head_count_kv"))
    tensors = {t.name: np.array(t.data, dtype=np.float32) for t in reader.tensors}
    config = LlamaConfig(
        vocab_size=int(tensors["token_embd.weight"].shape[0]),
        hidden_size=int(_field(reader, "llama.embedding_length")),
        intermediate_size=int(_field(reader, "llama.feed_forward_length")),
        num_hidden_layers=int(_field(reader, "llama.block_count")),
        num_attention_heads=heads,
        num_key_value_heads=kv_heads,
        max_position_embeddings=int(_field(reader, "llama.context_length")),
        rms_norm_eps=float(_field(reader, "llama.attention.layer_norm_rms_epsilon")),
        rope_theta=float(_field(reader, "llama.rope.freq_base")),
        bos_token_id=int(_field(reader, "tokenizer.ggml.bos_token_id")),
        eos_token_id=int(_field(reader, "tokenizer.ggml.eos_token_id")),
        pad_token_id=None,
        tie_word_embeddings=False,
    )
    model = LlamaForCausalLM(config)
    state = {
        hf_name: tensors[gguf_name] if by is None else rotary_unpermute(tensors[gguf_name], by)
        for gguf_name, hf_name, by in _tensor_names(config.num_hidden_layers, heads, kv_heads)
    }
    weights = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in state.items()}
    model.load_state_dict(weights, strict=True)
    return model
