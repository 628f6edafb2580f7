"""The small GPT's facts: shipped offline, probabilities, temperature, unembedding, sampling."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from livenumbers import cli, gpt
from livenumbers.errors import FactsError, ModelFileError
from livenumbers.liblog import library_log_path

S = gpt.DEFAULT_GPT
PROMPT = "Once upon a time there was a"
ROOT = Path(__file__).resolve().parent.parent

NO_NETWORK = """
import socket
def refuse(*args, **kwargs):
    raise OSError("network disabled by the test")
socket.socket.connect = refuse
socket.create_connection = refuse
"""


def _run(code: str) -> str:
    env = dict(os.environ, LIVENUMBERS_NO_CACHE="1", PYTHONPATH=str(ROOT))
    env.pop("HF_HUB_OFFLINE", None)  # the shipped model must not need the flag
    out = subprocess.run([sys.executable, "-c", NO_NETWORK + code], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip().splitlines()[-1]


def test_shipped_model_loads_without_network_and_samples_reproducibly() -> None:
    code = ("from livenumbers import gpt; import json; "
            f"g = gpt.generate({PROMPT!r}, 6, 1.0, 123, spec='small-gpt'); "
            "print(json.dumps([g.text, g.model_id]))")
    first, second = json.loads(_run(code)), json.loads(_run(code))
    assert first == second and first[0].startswith(PROMPT) and first[1].startswith("small-gpt@")


def test_logits_cover_the_vocabulary() -> None:
    lg = gpt.logits(PROMPT, S)
    assert len(lg.logits) == 50_257 and lg.ids[0] == 7454  # "Once"
    assert all(math.isfinite(x) for x in lg.logits)


def test_probabilities_sum_to_one_and_t0_is_one_hot() -> None:
    z = np.array(gpt.logits(PROMPT, S).logits)
    for t in (0.5, 1.0, 2.0):
        assert gpt.softmax(z, t).sum() == pytest.approx(1.0)
    p0 = gpt.softmax(z, 0)
    assert p0.max() == 1.0 and p0.sum() == 1.0 and int(np.argmax(p0)) == int(np.argmax(z))
    assert gpt.next_token(PROMPT, 0, 3, spec=S).probs == (1.0, 0.0, 0.0)


def test_entropy_rises_with_temperature() -> None:
    ent = [gpt.next_token(PROMPT, t, 5, spec=S).entropy_bits for t in (0, 0.3, 1, 2, 10)]
    assert ent[0] == 0 and all(b > a for a, b in zip(ent, ent[1:], strict=False))
    sweep = gpt.temperature_sweep(PROMPT, 5, 5.0, 51, spec=S)
    assert sweep.entropy_bits[-1] < sweep.max_entropy_bits == pytest.approx(math.log2(50_257))
    assert all(b >= a - 1e-9 for a, b in zip(sweep.entropy_bits, sweep.entropy_bits[1:],
                                              strict=False))


def test_extreme_temperatures_are_stable() -> None:
    z = np.array(gpt.logits(PROMPT, S).logits)
    tiny, huge = gpt.softmax(z, 1e-9), gpt.softmax(z, 1e9)
    assert np.isfinite(tiny).all() and tiny.max() == pytest.approx(1.0)
    assert np.isfinite(huge).all() and huge.max() == pytest.approx(1 / 50_257, rel=1e-3)


def test_top_k_and_top_p() -> None:
    z = np.array(gpt.logits(PROMPT, S).logits)
    p = gpt.softmax(z, 1.0, top_k=5)
    assert (p > 0).sum() == 5 and p.sum() == pytest.approx(1.0)
    q = gpt.softmax(z, 1.0, top_p=0.5)
    assert q.sum() == pytest.approx(1.0) and (q > 0).sum() >= 1


@pytest.mark.parametrize("t", [-1, float("nan"), float("inf"), "hot", None, True])
def test_bad_temperatures(t: object) -> None:
    with pytest.raises(FactsError, match="Temperature"):
        gpt.next_token(PROMPT, t, spec=S)  # type: ignore[arg-type]


@pytest.mark.parametrize("k", [0, 50_258, -3, 2.5])
def test_bad_top_k(k: object) -> None:
    with pytest.raises(FactsError, match="top-k"):
        gpt.next_token(PROMPT, 1.0, top_k=k, spec=S)  # type: ignore[arg-type]


@pytest.mark.parametrize("prompt", ["", "   ", None])
def test_empty_prompt(prompt: object) -> None:
    with pytest.raises(FactsError, match="prompt"):
        gpt.next_token(prompt, spec=S)  # type: ignore[arg-type]


def test_prompt_longer_than_the_context_keeps_the_most_recent_tokens() -> None:
    context = gpt.context_size(S)
    lg = gpt.logits(" word" * (context + 40), S)
    assert lg.dropped == 40 and len(lg.ids) == context


def test_unembedding_is_w_u_times_h() -> None:
    u = gpt.unembedding(PROMPT, 5, spec=S)
    assert u.w_u_shape[0] == 50_257 and u.w_u_shape[1] == len(u.hidden)
    assert u.max_abs_diff < 1e-3 and u.tied
    nt = gpt.next_token(PROMPT, 1.0, 5, spec=S)
    assert u.top_ids == nt.ids
    assert np.allclose(u.top_probs, nt.probs, atol=1e-6)


def test_every_position_predicts_in_one_pass() -> None:
    from livenumbers import tokens as bpe

    pp = gpt.position_predictions(PROMPT, spec=S)
    ids = bpe.tokenize(PROMPT).ids
    assert pp.pieces == tuple(bpe.piece(i) for i in ids) and pp.dropped == 0
    assert len(pp.predicted) == len(pp.predicted_ids) == len(pp.probs) == len(ids)
    # position k sees tokens 0..k only: the same as running the model on that prefix
    for k in range(len(ids)):
        nt = gpt.next_token(bpe.decode(ids[: k + 1]), 1.0, 1, spec=S)
        assert pp.predicted_ids[k] == nt.ids[0]
        assert pp.probs[k] == pytest.approx(nt.probs[0], abs=1e-5)


def test_generation_records_every_step() -> None:
    g = gpt.generate(PROMPT, 4, 1.0, 5, top=3, spec=S)
    assert len(g.chosen_ids) == len(g.step_top_ids) == 4
    assert all(len(row) == 3 for row in g.step_top_probs)
    assert g.text.startswith(PROMPT)
    cold = gpt.generate(PROMPT, 4, 0.0, 5, top=3, spec=S)
    assert cold.chosen_ids == tuple(row[0] for row in cold.step_top_ids)


def test_top_k_sampling_draws_only_among_the_k_most_likely() -> None:
    g = gpt.generate(PROMPT, 12, 2.0, 3, top=5, top_k=3, spec=S)
    assert g.top_k == 3 and g.top_p is None
    for row_ids, row_probs, chosen in zip(g.step_top_ids, g.step_top_probs, g.chosen_ids,
                                          strict=True):
        assert chosen in row_ids[:3]
        assert sum(row_probs[:3]) == pytest.approx(1.0) and row_probs[3] == 0.0


def test_unseen_tokens_hold_a_tiny_share() -> None:
    """Rows of ids the corpus never used are filled at export, so they stay rare."""
    import json

    import numpy as np

    stats = json.loads((gpt.SHIPPED_DIR / "training.json").read_text())
    if stats.get("args", {}).get("seen_loss") != "True":
        pytest.skip("the shipped model was trained with the full softmax")
    z = np.array(gpt.logits(PROMPT, spec=S).logits)
    p = gpt.softmax(z, 1.0)
    # every filled row is the same vector, so all never-seen ids share one logit exactly
    values, counts = np.unique(z, return_counts=True)
    filled = z == values[np.argmax(counts)]
    assert filled.sum() > 1000
    assert p[filled].sum() < 0.05


def test_tally_adds_up() -> None:
    t = gpt.tally(S)
    assert t.tied and t.vocab_size == 50_257
    assert t.weights[0] == t.vocab_size * t.dim  # W_E (= W_U)
    assert t.total == sum(t.weights)
    assert gpt.GPT3_EMBEDDING_WEIGHTS == 617_558_016


def test_corrupt_model_file_gives_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "broken-gpt"
    shutil.copytree(gpt.SHIPPED_DIR, folder)
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])
    with pytest.raises(ModelFileError, match="corrupt"):
        gpt.load_gpt(str(folder))


def test_missing_model_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelFileError, match="missing"):
        gpt.load_gpt(str(tmp_path / "empty"))


def _cli(args: list[str]) -> int:
    try:
        return cli.main(args)
    except SystemExit as done:  # argparse's usage errors
        return int(done.code or 0)


def test_cli_next_takes_top_k_and_top_p(capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(["next", PROMPT, "--top", "5", "--top-k", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    shares = [float(line.split()[-1].rstrip("%")) for line in out[:5]]
    assert all(s > 0 for s in shares[:3]) and shares[3:] == [0.0, 0.0]
    assert sum(shares[:3]) == pytest.approx(100, abs=0.05) and "top-k 3" in out[-1]
    assert _cli(["next", PROMPT, "--top-p", "0.5"]) == 0
    expected = gpt.next_token(PROMPT, 1.0, 10, top_p=0.5, spec=S)
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[-1] == f"{expected.probs[0]:.2%}" and "top-p 0.5" in out[-1]


@pytest.mark.parametrize("flags", [["--top-k", "abc"], ["--top-k", "-1"], ["--top-k", "99999"],
                                   ["--top-p", "0"], ["--top-p", "1.5"], ["--top-p", "nan"],
                                   ["--top-p", "most"]])
def test_cli_next_bad_top_k_or_top_p_is_one_line(flags: list[str],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(["next", PROMPT, *flags]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert err.startswith("error:") and "\n" not in err and "Traceback" not in err
    assert ("top-k" if flags[0] == "--top-k" else "top-p") in err and not captured.out


def test_an_offline_hub_model_is_one_line_without_library_noise(
        monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    import logging

    import transformers

    def offline(*args: object, **kwargs: object) -> None:
        # what the hub client does with no network: retries, logged, then a multi-line OSError
        hub = logging.getLogger("huggingface_hub.utils._http")
        for attempt in range(1, 6):
            hub.warning("Retrying in 1s [Retry %d/5].", attempt)
        try:
            raise ConnectionError("[Errno -2] Name or service not known")
        except ConnectionError:
            logging.getLogger("transformers.utils.hub").exception("could not reach the hub")
        raise OSError("We couldn't connect to 'https://huggingface.co' to load the files.\n"
                      "Check your internet connection.")

    monkeypatch.setattr(transformers.AutoTokenizer, "from_pretrained", offline)
    with pytest.raises(ModelFileError) as err:
        gpt.load_gpt("livenumbers-test/offline-model")
    message = str(err.value)
    assert "\n" not in message and "Check your internet connection" in message
    assert str(library_log_path()) in message
    streams = capfd.readouterr()
    assert "Retrying" not in streams.err + streams.out and "Traceback" not in streams.err
    noisy = [r for r in caplog.records if r.name.startswith(("huggingface_hub", "transformers"))]
    assert not noisy and "Traceback" not in caplog.text
    logged = library_log_path().read_text(encoding="utf-8")
    assert "Retry 5/5" in logged and "Traceback" in logged


def test_a_temperature_is_checked_once_on_its_way_through(monkeypatch: pytest.MonkeyPatch) -> None:
    """next_token and generate check their knobs once, then use the trusted distribution."""
    calls: list[object] = []
    real = gpt.check_temperature
    monkeypatch.setattr(gpt, "check_temperature", lambda t: calls.append(t) or real(t))
    gpt.next_token("The cat sat on the", 0.7, top=3, top_k=20)
    assert len(calls) == 1
    calls.clear()
    gpt.generate("The cat sat on the", steps=3, temperature=0.7, seed=1, top=2, top_k=20)
    assert len(calls) == 1


def test_embedding_patch_is_real_w_e_beside_a_fresh_init() -> None:
    """The tokens scene's W_E patch: the trained cells are W_E's own entries; the untrained
    ones come from a new model of the same config (GPT-2 init: normal noise with the config's
    initializer_range), the same for the same seed and different for another."""
    p = gpt.embedding_patch(columns=12, rows=5)
    m = gpt.load_gpt(S)
    w_e = m.model.get_input_embeddings().weight.detach().double().numpy()
    assert len(p.ids) == 12 and p.ids[0] == 0 and p.ids[-1] == w_e.shape[0] - 1
    assert np.allclose(np.array(p.trained), w_e[list(p.ids), :5])
    init = np.array(p.untrained)
    std = m.model.config.initializer_range
    assert 0.5 * std < init.std() < 1.5 * std and abs(init.mean()) < std
    assert not np.allclose(init, np.array(p.trained))
    assert gpt.embedding_patch(columns=12, rows=5, seed=1).untrained != p.untrained
    with pytest.raises(FactsError, match="columns"):
        gpt.embedding_patch(columns=0)
