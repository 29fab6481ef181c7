"""Short answers are judged as terms: a knowing user is never failed, a near miss never passes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from prephelp import ROOT

from prepcli.banks.catalog import load_catalog
from prepcli.banks.terms import Vocabulary, judge_term
from prepcli.banks.text import american, term_key

FOCAL = ("focal loss", ("focal", "FL", "sigmoid focal loss"))
PIXEL_SHUFFLE = ("PixelShuffle", ("nn.PixelShuffle", "pixel shuffle", "depth to space"))
HE = ("He initialization", ("He", "Kaiming", "Kaiming initialization", "He init", "MSRA"))
GELU = ("GELU", ("Gaussian Error Linear Unit",))
EMD = ("Earth Mover's distance", ("EMD", "EM distance", "Wasserstein-1", "Wasserstein distance"))

VOCAB = Vocabulary(frozenset(term_key(t) for t in (
    "focal loss", "local response normalization", "total variation loss", "PixelShuffle",
    "PixelUnshuffle", "He initialization", "Xavier initialization", "GELU", "ReLU", "SiLU",
    "Earth Mover's distance", "KL divergence", "dice loss", "RoI Align", "RoI Pool", "smooth L1",
)))


@pytest.mark.parametrize("typed", ["focus loss", "total loss", "local loss", "focus", "loss",
                                   "dice loss", "vocal loss"])
def test_near_misses_of_focal_loss_are_wrong(typed: str) -> None:
    assert not judge_term(typed, *FOCAL, vocabulary=VOCAB).right


@pytest.mark.parametrize("typed", ["focal loss", "Focal Loss", "focal", "FL", "focal-loss",
                                   "the focal loss", "focl loss", "focal los", "sigmoid focal loss"])
def test_focal_loss_written_any_right_way_is_right(typed: str) -> None:
    assert judge_term(typed, *FOCAL, vocabulary=VOCAB).right


@pytest.mark.parametrize("typed", ["pixel unshuffle", "PixelUnshuffle", "pixel_unshuffle",
                                   "nn.PixelUnshuffle"])
def test_the_inverse_operation_is_not_a_typo(typed: str) -> None:
    assert not judge_term(typed, *PIXEL_SHUFFLE, vocabulary=VOCAB).right
    assert not judge_term(typed, *PIXEL_SHUFFLE).right  # even without a vocabulary


@pytest.mark.parametrize("typed", ["Kaiming He initialisation", "He initialisation", "kaiming init",
                                   "He init.", "Kaiming initialisation", "He-initialization",
                                   "MSRA initialization"])
def test_he_initialization_any_spelling(typed: str) -> None:
    assert judge_term(typed, *HE, vocabulary=VOCAB).right


def test_a_different_known_term_is_wrong() -> None:
    assert not judge_term("Xavier initialization", *HE, vocabulary=VOCAB).right
    assert not judge_term("ReLU", *GELU, vocabulary=VOCAB).right
    assert not judge_term("SiLU activation", *GELU, vocabulary=VOCAB).right


@pytest.mark.parametrize("typed", ["GeLU activation", "gelu", "GELU function", "Gaussian error linear units"])
def test_gelu(typed: str) -> None:
    assert judge_term(typed, *GELU, vocabulary=VOCAB).right


@pytest.mark.parametrize("typed", ["EM distance", "EMD", "earth movers distance", "Earth-Mover distance",
                                   "Wasserstein-1 distance"])
def test_earth_movers_distance(typed: str) -> None:
    assert judge_term(typed, *EMD, vocabulary=VOCAB).right


def test_an_abbreviation_of_the_answer_is_right_without_being_listed() -> None:
    assert judge_term("EM distance", "Earth Mover's distance").right
    assert judge_term("RPN", "Region Proposal Network").right
    assert not judge_term("RP", "Region Proposal Network").right


def test_reject_is_always_wrong_with_its_reason() -> None:
    verdict = judge_term("focus loss", *FOCAL, reject=("focus loss",))
    assert not verdict.right and "different term" in verdict.message
    assert not judge_term("Focus-Loss", *FOCAL, reject=("focus loss",)).right


@pytest.mark.parametrize("british,american_", [
    ("normalisation", "normalization"), ("initialise", "initialize"), ("colour", "color"),
    ("behaviour", "behavior"), ("modelling", "modeling"), ("labelled", "labeled"), ("centre", "center"),
    ("analyse", "analyze"), ("regularisation", "regularization"), ("optimiser", "optimizer"),
])
def test_british_and_american_spellings_are_one_word(british: str, american_: str) -> None:
    assert american(british) == american(american_)


def test_spelling_and_generic_words_never_make_a_right_answer_wrong() -> None:
    assert judge_term("batch normalisation layer", "batch normalization").right
    assert judge_term("label-smoothing", "label smoothing").right
    assert judge_term("Huber", "Huber loss").right
    assert judge_term("dice", "Dice loss").right


def test_digits_and_short_words_must_match_exactly() -> None:
    assert not judge_term("yolov3", "YOLOv5").right
    assert not judge_term("L1", "L2").right
    assert not judge_term("mae", "map").right


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=6, max_size=12)


@given(words, st.integers(0, 100))
def test_a_typo_that_spells_another_known_term_is_wrong(word: str, pos: int) -> None:
    i = 1 + pos % (len(word) - 1)
    other = word[:i] + ("x" if word[i] != "x" else "y") + word[i + 1 :]
    vocabulary = Vocabulary(frozenset({term_key(word), term_key(other)}))
    assert judge_term(other, word, vocabulary=vocabulary).right is (term_key(other) == term_key(word))


# -- the shipped banks -----------------------------------------------------------------------------

CATALOG = load_catalog(shipped=ROOT / "questions", user_dirs=[], cache=ROOT / ".pytest_cache" / "banks")
SHORT = [q for q in CATALOG.all_questions() if q.type == "short"]
SHIPPED_VOCABULARY = Vocabulary.from_questions(CATALOG.all_questions())


@pytest.mark.parametrize("q", SHORT, ids=lambda q: q.id)
def test_every_accept_of_a_shipped_question_is_right_and_every_reject_wrong(q) -> None:  # type: ignore[no-untyped-def]
    for form in (q.answer, *q.accept):
        assert judge_term(form, q.answer, q.accept, q.reject, SHIPPED_VOCABULARY).right, form
    for near_miss in q.reject:
        assert not judge_term(near_miss, q.answer, q.accept, q.reject, SHIPPED_VOCABULARY).right, near_miss
