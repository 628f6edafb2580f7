"""The trainer's growth step: a deeper model that starts out computing what the smaller one did."""

from __future__ import annotations

import pytest
import torch
import train_gpt
from transformers import GPT2Config, GPT2LMHeadModel


def tiny(layers: int) -> GPT2LMHeadModel:
    """A random GPT-2 of the trainer's kind, small enough for a unit test."""
    cfg = GPT2Config(vocab_size=97, n_positions=16, n_embd=32, n_layer=layers, n_head=4,
                     resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0)
    return GPT2LMHeadModel(cfg).eval()


def test_grown_model_computes_the_same_logits() -> None:
    torch.manual_seed(0)
    small, big = tiny(2), tiny(5)
    weights = train_gpt.grown_weights(small.state_dict(), 2, 5)
    missing, unexpected = big.load_state_dict(weights, strict=False)
    new_blocks = sorted(set(range(5)) - set(train_gpt.grow_positions(2, 5)))
    assert new_blocks == [1, 3, 4]
    assert not unexpected
    assert {k.split(".")[2] for k in missing if k.startswith("transformer.h.")} == {"1", "3", "4"}
    x = torch.randint(0, 97, (2, 12))
    assert not torch.allclose(small(x).logits, big(x).logits, atol=1e-3)  # new blocks still random
    train_gpt.make_identity_blocks(big, new_blocks)
    torch.testing.assert_close(big(x).logits, small(x).logits, atol=1e-5, rtol=1e-5)


def test_growing_into_fewer_layers_is_one_clear_error() -> None:
    with pytest.raises(SystemExit, match="cannot grow 4 layers into 2"):
        train_gpt.grow_positions(4, 2)
