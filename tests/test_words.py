"""Word-vector facts with the default model (GloVe 6B 50d)."""

from __future__ import annotations

import socket
import urllib.error
from pathlib import Path

import numpy as np
import pytest

from livenumbers import cli, words
from livenumbers.errors import FactsError, ModelFileError, UnknownWordError
from livenumbers.liblog import library_log_path

S = words.DEFAULT_WORD_MODEL
PAIRS = [("cat", "cats"), ("dog", "dogs"), ("house", "houses"), ("car", "cars"),
         ("tree", "trees"), ("book", "books"), ("bird", "birds"), ("student", "students"),
         ("river", "rivers"), ("apple", "apples"), ("city", "cities"), ("horse", "horses"),
         ("girl", "girls"), ("boy", "boys")]


def test_king_man_woman_is_queen() -> None:
    a = words.analogy("king", "man", "woman", "queen", spec=S)
    assert a.expected_rank == 1 and a.words[0] == "queen"
    assert a.model_id.startswith("glove-wiki-gigaword-50")
    assert 0.5 < a.difference_cosine < 1.0  # woman − man is nearly parallel to queen − king


def test_italy_germany_hitler_is_mussolini() -> None:
    assert words.analogy("italy", "germany", "hitler", "mussolini", spec=S).expected_rank == 1


def test_bratwurst_rank_is_reported_honestly() -> None:
    a = words.analogy("sushi", "japan", "germany", "bratwurst", spec=S)
    assert a.expected_rank is not None and a.expected_rank > 1
    assert a.expected_similarity is not None and a.expected_similarity < a.similarities[0]
    assert "bratwurst" not in a.words[: a.expected_rank - 1]


def test_plural_direction_prefers_plurals() -> None:
    flat = [w for pair in PAIRS for w in pair]
    dots = np.array(words.direction_dots("cats", "cat", flat, spec=S).dots).reshape(-1, 2)
    assert int((dots[:, 1] > dots[:, 0]).sum()) >= 10


def test_plural_direction_rises_with_numbers() -> None:
    d = words.direction_dots("cats", "cat", ["one", "two", "three", "four", "five"], spec=S)
    assert all(b > a for a, b in zip(d.dots, d.dots[1:], strict=False))


def test_tower_neighbours_include_towers() -> None:
    n = words.neighbours("tower", 10, spec=S)
    assert "towers" in n.words and "tower" not in n.words
    assert list(n.similarities) == sorted(n.similarities, reverse=True)


def test_case_folding_and_similarity() -> None:
    assert words.similarity("King", "QUEEN", spec=S).cosine == pytest.approx(
        words.similarity("king", "queen", spec=S).cosine)


def test_projections_have_three_coordinates() -> None:
    ws = ["man", "woman", "king", "queen", "tower"]
    pca = words.project_pca(ws, spec=S)
    assert len(pca.coords) == 5 and all(len(c) == 3 for c in pca.coords)
    assert sum(pca.explained) <= 1.0 + 1e-9 and pca.explained[0] >= pca.explained[1]
    axes = words.project_axes(ws, [("man", "woman"), ("man", "king"), ("man", "tower")], spec=S)
    assert axes.axis_labels[0] == "man → woman"
    # woman sits further along the man → woman axis than man does
    coords = dict(zip(axes.words, axes.coords, strict=True))
    assert coords["woman"][0] > coords["man"][0]


def test_unknown_word_names_it_and_suggests() -> None:
    with pytest.raises(UnknownWordError) as err:
        words.neighbours("towerz", spec=S)
    message = str(err.value)
    assert "towerz" in message and "tower" in message


@pytest.mark.parametrize("bad", ["", "   ", None, 42])
def test_empty_or_non_string_words(bad: object) -> None:
    with pytest.raises(FactsError):
        words.neighbours(bad, spec=S)  # type: ignore[arg-type]


def test_duplicate_words_are_refused() -> None:
    with pytest.raises(FactsError, match="more than once"):
        words.project_pca(["man", "woman", "king", "man"], spec=S)


def test_bad_neighbour_count() -> None:
    with pytest.raises(FactsError):
        words.neighbours("tower", 0, spec=S)


@pytest.mark.parametrize("n", [0, -1, 10**9, True, 2.5, "3", None])
def test_bad_analogy_count_is_refused_before_the_cache(n: object,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("the count reached the cache or the model")

    monkeypatch.setattr(words, "cached", must_not_run)
    monkeypatch.setattr(words, "load_word_model", must_not_run)
    with pytest.raises(FactsError, match=r"analogy answers must be a whole number 1\.\.1000"):
        words.analogy("king", "man", "woman", n=n, spec=S)  # type: ignore[arg-type]


def test_analogy_with_fewer_words_than_asked(tmp_path: Path) -> None:
    path = tmp_path / "tiny.txt"
    path.write_text("4 2\nking 1 1\nman 1 0\nwoman 0 1\nqueen 0.1 1.2\n")
    a = words.analogy("king", "man", "woman", "queen", n=10, spec=str(path))
    assert a.words == ("queen",) and a.expected_rank == 1


@pytest.mark.parametrize(("word", "expected"), [
    ("towerz", "tower"),
    ("catzqx", "cat"),  # the README's example: far from every frequent word at difflib's 0.75
    ("Ünïcødé", "unicode"),  # accents folded away
])
def test_unknown_words_get_close_suggestions(word: str, expected: str) -> None:
    model = words.load_word_model(S)
    with pytest.raises(UnknownWordError) as err:
        words.check_word(model, word)
    assert expected in err.value.suggestions and expected in str(err.value)


def test_an_unknown_word_nothing_is_close_to_says_so_plainly() -> None:
    model = words.load_word_model(S)
    with pytest.raises(UnknownWordError) as err:
        words.check_word(model, "東京")
    message = str(err.value)
    assert err.value.suggestions == [] and "No word it knows is spelled close" in message
    assert "English" in message and "\n" not in message


def test_an_unknown_word_says_where_it_came_from() -> None:
    model = words.load_word_model(S)
    with pytest.raises(UnknownWordError) as err:
        words.check_word(model, "catzqx", origin="[embedding] neighbour_word in talk.toml")
    assert str(err.value).endswith("Pick another word for [embedding] neighbour_word in talk.toml.")
    with pytest.raises(UnknownWordError) as err:
        words.check_word(model, "catzqx")
    assert "lecture.toml" not in str(err.value)  # no claim about a file it did not come from


def test_cli_names_the_argument_that_holds_an_unknown_word(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["analogy", "king", "man", "catzqx"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "command-line argument C" in err and "cat" in err


def test_an_offline_gensim_model_is_one_line_without_library_tracebacks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    import gensim.downloader

    def offline(*args: object, **kwargs: object) -> None:
        raise urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))

    # gensim's real downloader, with its index unreachable the way it is offline
    monkeypatch.setattr(gensim.downloader, "BASE_DIR", str(tmp_path / "gensim-data"))
    monkeypatch.setattr(gensim.downloader, "urlopen", offline)
    monkeypatch.setattr(gensim.downloader.urllib, "urlretrieve", offline)
    monkeypatch.setenv("LECTURE_MODELS_WORDS", "gensim:glove-wiki-gigaword-300")
    assert cli.main(["neighbours", "tower"]) == 2
    err = capfd.readouterr().err
    assert err.startswith("error: gensim could not download") and err.count("\n") == 1
    assert "Traceback" not in err and "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.name.startswith("gensim")]
    log = library_log_path()
    assert str(log) in err and "Traceback" in log.read_text(encoding="utf-8")


def test_missing_and_corrupt_word_model_files(tmp_path) -> None:
    with pytest.raises(ModelFileError, match="does not exist"):
        words.model_id_for(str(tmp_path / "nope.bin"))
    garbage = tmp_path / "vectors.bin"
    garbage.write_bytes(b"\x00\x01garbage" * 100)
    with pytest.raises(ModelFileError, match="not a gensim-loadable"):
        words.load_word_model(str(garbage))


def test_a_local_text_model_works(tmp_path) -> None:
    path = tmp_path / "tiny.txt"
    path.write_text("3 2\nalpha 1 0\nbeta 0.9 0.1\ngamma 0 1\n")
    n = words.neighbours("alpha", 1, spec=str(path))
    assert n.words == ("beta",) and n.model_id.startswith("file:")
