"""The lecturer configuration: defaults, overrides, one clear line per mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from livenumbers import cli
from livenumbers.config import load_config
from livenumbers.errors import ConfigError


def test_shipped_configuration_loads() -> None:
    cfg = load_config(environ={})
    assert cfg.softmax.prompt and cfg.models.gpt == "small-gpt"
    assert cfg.embedding.analogies[0].expected == "queen"


def test_the_shipped_file_says_the_same_as_the_defaults() -> None:
    """One set of defaults: data/lecture.toml spells out exactly the built-in values."""
    import dataclasses

    from livenumbers.config import Config

    shipped, built_in = load_config(environ={}), Config()
    for f in dataclasses.fields(Config):
        if f.name in ("source", "file", "overrides"):
            continue
        assert getattr(shipped, f.name) == getattr(built_in, f.name), f.name


def test_environment_overrides() -> None:
    cfg = load_config(environ={"LECTURE_SOFTMAX_PROMPT": "The cat sat on the",
                               "LECTURE_SOFTMAX_TEMPERATURES": "[0, 0.5, 2]"})
    assert cfg.softmax.prompt == "The cat sat on the"
    assert cfg.softmax.temperatures == (0.0, 0.5, 2.0)
    assert "LECTURE_SOFTMAX_PROMPT" in cfg.source
    cfg = load_config(environ={"LECTURE_CONTEXT_WINDOW": "5", "LECTURE_CONTEXT_STORY_TOKENS": "9"})
    assert (cfg.context.window, cfg.context.story_tokens) == (5, 9)


@pytest.mark.parametrize(("env", "message"), [
    ({"LECTURE_SOFTMAX_TEMPERATURES": "[-1]"}, "at least 0"),
    ({"LECTURE_SOFTMAX_TEMPERATURES": "[\"hot\"]"}, "must be a number"),
    ({"LECTURE_SOFTMAX_TEMPERATURES": "[nan]"}, "finite"),
    ({"LECTURE_GENERATION_TEMPERATURE": "inf"}, "finite"),
    ({"LECTURE_SOFTMAX_PROMPT": ""}, "non-empty"),
    ({"LECTURE_SOFTMAX_TOP": "0"}, "at least"),
    ({"LECTURE_NOPE_X": "1"}, "unknown setting"),
    ({"LECTURE_SOFTMAX_COLOUR": "1"}, "unknown key"),
    ({"LECTURE_EMBEDDING_SLICE": "tsne"}, "pca"),
    ({"LECTURE_CONTEXT_WINDOW": "2"}, "at least 3"),
    ({"LECTURE_CONTEXT_STORY_TOKENS": "4.5"}, "whole number|integer"),
])
def test_bad_values_give_one_clear_line(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as err:
        load_config(environ=env)
    assert "\n" not in str(err.value)


def test_missing_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "none.toml", environ={})
    broken = tmp_path / "broken.toml"
    broken.write_text("[softmax\nprompt = 1")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(broken, environ={})


def test_check_accepts_the_shipped_config(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check"]) == 0
    assert capsys.readouterr().out.startswith("ok:")


def test_check_rejects_an_unknown_word(monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LECTURE_PLURALITY_PLUS", "catzqx")
    assert cli.main(["check"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "'catzqx'" in err
    assert "Close words it does know: cat" in err
    assert "Pick another word for LECTURE_PLURALITY_PLUS" in err and "lecture.toml" not in err


def test_where_names_the_key_in_its_file_or_its_override() -> None:
    cfg = load_config(environ={"LECTURE_PLURALITY_PLUS": "dogs"})
    assert cfg.where("plurality", "plus").startswith("LECTURE_PLURALITY_PLUS ")
    minus = cfg.where("plurality", "minus")
    assert minus.startswith("[plurality] minus in ") and minus.endswith("lecture.toml")
    assert cfg.where("embedding", "space_words", "[2]").startswith("[embedding] space_words[2] ")


def test_check_names_the_key_and_the_file_of_an_unknown_word(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    talk = tmp_path / "talk.toml"
    talk.write_text('[embedding]\nspace_words = ["man", "woman", "kingg", "queen"]\n')
    monkeypatch.setenv("LECTURE_CONFIG", str(talk))
    assert cli.main(["check"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "'kingg'" in err and "king" in err
    assert err.endswith(f"Pick another word for [embedding] space_words[2] in {talk}.")


def test_check_rejects_a_prompt_longer_than_the_context(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LECTURE_SOFTMAX_PROMPT", "word " * 400)
    assert cli.main(["check"]) == 2
    assert "Shorten it" in capsys.readouterr().err


@pytest.mark.parametrize(("env", "where"), [
    ({"LECTURE_SOFTMAX_TOP": "50"}, "LECTURE_SOFTMAX_TOP (environment override of [softmax] top)"),
    ({"LECTURE_CONTEXT_WINDOW": "12"}, "LECTURE_CONTEXT_WINDOW"),
    ({"LECTURE_CHAT_TOKENS": "99"}, "[chat] tokens"),
])
def test_screen_limits_are_the_scenes_and_checked_before_rendering(
        env: dict[str, str], where: str, monkeypatch: pytest.MonkeyPatch) -> None:

    from scenes.common.limits import check_screen_limits

    load_config(environ=env)  # the facts package has no opinion on what fits on screen
    with pytest.raises(ConfigError, match="fit on screen") as err:
        check_screen_limits(load_config(environ=env))
    assert where in str(err.value) and "\n" not in str(err.value)
    import render_chapter

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError, match="fit on screen"):
        render_chapter.check_all()  # what ./render.sh check and every render run first
