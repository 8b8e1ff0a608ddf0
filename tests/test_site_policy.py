"""Policies measured on real documentation sites: a document written in two
quotation-mark styles is one finding (strays stay one per mark), and the site
a Markdown file belongs to is looked up again when its folder changes (the
desk and the language server run for hours)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from copylint import lint_text, load_rules
from copylint.fixes.apply import fix_text
from copylint.formats import format_for
from copylint.formats import site_root

QUOTE_RULES = ("hygiene.mixed-double-quotes", "hygiene.mixed-apostrophes")


def quote_findings(text: str, path: str = "a.md"):
    return [f for f in lint_text(text, path=path) if f.rule in QUOTE_RULES]


# six straight quotations (12 marks) and seven curly ones (14 marks): two styles
TWO_STYLES = ("The terms \"CP\", \"CA\", \"CPS\", \"BR\", \"EV\" and \"OV\" are defined below.\n\n"
              "The words “MUST”, “SHALL”, “MAY”, “SHOULD”, “NOT”, “REQUIRED” and “OPTIONAL” follow RFC 2119.\n")


def test_a_document_in_two_styles_is_one_finding_without_a_fix():
    found = quote_findings(TWO_STYLES)
    assert [(f.rule, f.line, f.column) for f in found] == [("hygiene.mixed-double-quotes", 1, 11)]
    (finding,) = found
    assert finding.fix is None and finding.suggestion == "“"
    assert "mixes 12 straight and 14 curly marks, lines 1-3" in finding.message
    # no automatic fix: `copylint fix` leaves the page as it is
    assert fix_text(TWO_STYLES, load_rules()).text == TWO_STYLES


def test_a_real_slip_next_to_two_styles_is_still_found():
    text = TWO_STYLES.replace("are defined", "are are defined")
    found = [(f.rule.removesuffix("-doubtful"), f.line, f.column) for f in lint_text(text, path="a.md")]
    assert ("repetition.words", 1, 50) in found
    assert [r for r, _, _ in found if r in QUOTE_RULES] == ["hygiene.mixed-double-quotes"]


def test_a_few_strays_are_each_reported_with_their_fix():
    # four straight marks against fourteen curly ones: strays (under a quarter)
    text = TWO_STYLES.replace('"CPS", "BR", "EV" and "OV"', "“CPS”, “BR”, “EV” and “OV”")
    found = quote_findings(text)
    assert [(f.line, f.column, f.fix) for f in found] == [(1, 11, "“"), (1, 14, "”"), (1, 17, "“"), (1, 20, "”")]
    fixed = fix_text(text, load_rules()).text
    assert '"' not in fixed and quote_findings(fixed) == []


def test_fewer_than_five_marks_of_a_style_are_strays_whatever_their_share():
    text = "“We will rebuild,” she said. He called it \"a start\".\n"
    assert [(f.column, f.fix) for f in quote_findings(text, path="a.txt")] == [(43, "“"), (51, "”")]


def test_apostrophes_in_two_styles():
    text = ("We're sure it's done and they're here, we've said, you'll see.\n\n"
            "It’s true, we’re here, they’ve gone, she’d say, I’m sure, you’re right.\n")
    found = quote_findings(text)
    assert [(f.rule, f.line, f.column, f.fix) for f in found] == [("hygiene.mixed-apostrophes", 1, 3, None)]


# -- site detection in a long-running process ----------------------------------------
_NOW = int(time.time())


def _age(*folders: Path, seconds: int) -> None:
    """Set the folders' modification time to ``seconds`` before the tests
    started (a change made then)."""
    when = _NOW - seconds
    for folder in folders:
        os.utime(folder, (when, when))


def test_site_detection_sees_a_config_file_created_or_removed_later(tmp_path: Path):
    site = tmp_path / "site"
    content = site / "content"
    content.mkdir(parents=True)
    (site / ".git").mkdir()
    page = content / "a.md"
    page.write_text("Plain words.\n")
    _age(content, site, seconds=100)
    assert format_for(str(page), "Plain words.\n") == "markdown"
    assert site.resolve() in site_root._folders or site in site_root._folders  # remembered

    (site / "hugo.toml").write_text('title = "x"\n')
    _age(site, seconds=90)
    assert format_for(str(page), "Plain words.\n") == "hugo"

    (site / "hugo.toml").unlink()
    _age(site, seconds=80)
    assert format_for(str(page), "Plain words.\n") == "markdown"

    default = site / "config" / "_default"
    default.mkdir(parents=True)
    (default / "hugo.toml").write_text('title = "x"\n')
    _age(default, site / "config", site, seconds=70)
    assert format_for(str(page), "Plain words.\n") == "hugo"


def test_site_detection_is_remembered_while_the_folder_is_unchanged(tmp_path: Path):
    site = tmp_path / "site"
    posts = site / "notes"
    posts.mkdir(parents=True)
    (site / ".git").mkdir()
    page = posts / "a.md"
    page.write_text("Plain words.\n")
    _age(posts, site, seconds=100)
    assert format_for(str(page), "Plain words.\n") == "markdown"
    # a change that leaves the folder's time as it was is not seen: the time is the key
    (site / "_config.yml").write_text("title: x\n")
    _age(site, seconds=100)
    assert format_for(str(page), "Plain words.\n") == "markdown"
    _age(site, seconds=50)
    assert format_for(str(page), "Plain words.\n") == "jekyll"


def test_a_folder_changed_just_now_is_not_remembered(tmp_path: Path):
    site = tmp_path / "site"
    content = site / "content"
    content.mkdir(parents=True)
    (site / ".git").mkdir()
    page = content / "a.md"
    assert format_for(str(page), "Plain words.\n") == "markdown"
    (site / "hugo.toml").write_text('title = "x"\n')  # within the file system's time resolution
    assert format_for(str(page), "Plain words.\n") == "hugo"


# -- the language server reads a Markdown file's flavour as `copylint check` does ----------------
def test_language_server_masks_site_syntax_of_a_markdown_document(tmp_path: Path):
    import pytest

    pytest.importorskip("pygls")
    from test_lsp import Session, by_code, start_session

    (tmp_path / "hugo.toml").write_text('title = "x"\n')
    (tmp_path / "content").mkdir()
    page = tmp_path / "content" / "story.md"
    # a shortcode's straight quotes and its path are no prose; the doubled word is
    text = 'Intro {{< img src="Kiev-doors.jpg" alt="A "photo" >}} and the the doors.\n'
    page.write_text(text)

    async def body(s: Session) -> None:
        s.open(page.as_uri(), text, language="markdown")
        found = by_code(await s.diagnostics(page.as_uri()))
        assert set(found) == {"repetition.words"}
        start = text.index("the the")
        assert (found["repetition.words"].range.start.line,
                found["repetition.words"].range.start.character) == (0, start)

    assert start_session(tmp_path, body=body) == 0
