"""bench/compiled_core.py: the C versions of four per-story passes
(bench/compiled_core/corepasses.c) still do exactly what the Python code
does, so that the measured estimate of a compiled core cannot drift from the
code it measures.  Skipped when this machine has no C compiler."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("compiled_core_bench", ROOT / "bench" / "compiled_core.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _bench()

pytestmark = pytest.mark.skipif(bench.compiler() is None, reason="no C compiler")


@pytest.fixture(scope="module")
def passes(tmp_path_factory):
    core = bench.build(tmp_path_factory.mktemp("core"))
    return bench.Passes(core)


# our own sentences, each aimed at one rule of the passes
STORIES = [
    "Officials said Oleksandr Kirilenko visited Kyiv. Kyrylenko later told Reuters he was pleased.\n",
    "President Bashar al-Assad spoke.\r\nAl-Assad's aides, and Assad himself, declined; el-Assad's office too.\r\n",
    "Mr. Smith met Gen. Lee at 5 p.m. in the U.S. Capitol... then he left… and they talked. J. Doe agreed.\n",
    "She said \"we will win\" and then “we won.” He is 5'10\" tall; alias ll=\"ls -l\" works. don\"t\n",
    "Wałęsa and Walesa met Dvořák’s friend Łukasz in Gdańsk. Müller, Mueller and Schröder came too; Schroder left.\n",
    "Putin's and Putin’s allies said Zelensky and Zelenskiy would meet in Dnipro, not Dnepr.\n\n\n",
    "He shouted \"Stop!\" (twice) - \"now\" /\"later\"\u00a0\"soon\" and 3\" of rain fell. The end?\" Yes.\n",
    "",
    "No capitals here at all, only words... and more words.",
]


def test_the_c_passes_equal_the_python_ones_on_our_stories(passes):
    for text in STORIES:
        story = bench.Story("ours", text, passes)
        assert bench.differences(passes, story) == [], text


def test_the_c_passes_equal_the_python_ones_on_generated_unicode_and_crlf_text(passes):
    assert bench.check_generated(passes, 150, seed=7) == []


def test_the_stories_reach_the_interesting_paths(passes):
    """The equality above is not vacuous: words share signatures (also non-ASCII
    ones), a name with the article is found, abbreviations keep a sentence
    whole, inch marks and assigned values are classified."""
    story = bench.Story("ours", STORIES[0], passes)
    assert {"Kirilenko", "Kyrylenko"} <= set(passes.c_sharing(story.words))
    story = bench.Story("ours", STORIES[4], passes)
    assert {"Schröder", "Schroder"} <= set(passes.c_sharing(story.words))
    assert "al-Assad" in passes.c_caps_words(STORIES[1])
    prose = STORIES[2]
    assert len(passes.c_sentences(prose, [(0, len(prose))])[0]) == 2  # talked. | J. Doe agreed.
    marks = passes.c_quotes(STORIES[3], None)
    assert any(m.ambiguous for m in marks)
    assert not any(STORIES[3][m.offset - 1] == "=" for m in marks)  # ll="ls -l" is no quotation
    # quote marks beside blanked markup are judged through it
    source = 'He wrote "<b>now</b>" here.'
    prose = source.replace("<b>", "   ").replace("</b>", "    ")
    assert passes.c_quotes(prose, source) == bench.quotes.quote_marks(prose, source=source)
    assert [m.opens for m in passes.c_quotes(prose, source)] == [True, False]


def test_a_pass_that_differs_is_reported(passes, monkeypatch):
    """The comparison itself finds a C pass that drifts."""
    story = bench.Story("ours", STORIES[0], passes)
    real = passes.c_caps_words
    monkeypatch.setattr(passes, "c_caps_words", lambda prose: real(prose) - {"Kyrylenko"})
    assert bench.differences(passes, story) == ["variants scan"]
    monkeypatch.setattr(passes, "c_sentences", lambda prose, blocks: [[] for _ in blocks])
    assert "sentences" in bench.differences(passes, story)


def test_generated_text_holds_what_the_passes_must_survive():
    rng = random.Random(3)
    texts = [bench.generated(rng) for _ in range(200)]
    joined = "".join(texts)
    for needed in ("\r\n", "\r", "’", "“", "=\"", "Ł", "\u0301", "...", "…", "Mr."):
        assert needed in joined, needed
