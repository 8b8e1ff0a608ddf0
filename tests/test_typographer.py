"""Sites whose renderer curls straight quotes (Hugo's Goldmark Typographer,
Jekyll's kramdown smart quotes): a straight quote beside curly ones is not a
mixed style there, while MDX and plain Markdown (no smart quotes by default)
still report it at its exact column; ``+smart``/``-smart`` and the
configuration's ``typographer:`` override the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from copylint import lint_text
from copylint.config.model import ConfigError, load_config
from copylint.fixes.apply import fix_text
from copylint.formats import format_for, make_document, resolve_format, split_format
from copylint.engine.linting import default_rules

DOUBLES = 'Intro.\n\nHe said "go" and she said “stop”.\n'
SINGLES = 'Intro.\n\nRussia’s army held and Ukraine\'s army held.\n'


def quote_findings(text: str, path: str = "a.md", fmt: str | None = None) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.rule) for f in lint_text(text, path=path, fmt=fmt)
            if f.rule in ("hygiene.mixed-double-quotes", "hygiene.mixed-apostrophes")]


@pytest.mark.parametrize("fmt", ["hugo", "jekyll", "mdx+smart", "markdown+smart"])
def test_straight_quotes_beside_curly_are_silent_when_the_renderer_curls_them(fmt: str) -> None:
    assert quote_findings(DOUBLES, fmt=fmt) == []
    assert quote_findings(SINGLES, fmt=fmt) == []


@pytest.mark.parametrize("fmt", ["mdx", "markdown", "hugo-smart", "jekyll-smart"])
def test_straight_quotes_beside_curly_are_reported_at_their_column_otherwise(fmt: str) -> None:
    assert quote_findings(DOUBLES, fmt=fmt) == [(3, 9, "hygiene.mixed-double-quotes"),
                                                (3, 12, "hygiene.mixed-double-quotes")]
    assert quote_findings(SINGLES, fmt=fmt) == [(3, 31, "hygiene.mixed-apostrophes")]


def test_detected_formats_get_their_renderers_default() -> None:
    hugo = '{{< figure src="a.jpg" >}}\n\n' + DOUBLES
    jekyll = '{% include note.html %}\n\n' + DOUBLES
    mdx = "import Tabs from '@theme/Tabs';\n\n" + DOUBLES
    assert make_document(hugo, "a.md").typographer is True
    assert make_document(jekyll, "a.md").typographer is True
    assert make_document(mdx, "a.mdx").typographer is False
    assert make_document(DOUBLES, "a.md").typographer is False
    assert make_document(DOUBLES, "a.txt").typographer is False
    assert quote_findings(hugo) == []
    assert quote_findings(jekyll) == []
    assert quote_findings(mdx, path="a.mdx") == [(5, 9, "hygiene.mixed-double-quotes"),
                                                 (5, 12, "hygiene.mixed-double-quotes")]
    assert quote_findings(DOUBLES) == [(3, 9, "hygiene.mixed-double-quotes"),
                                       (3, 12, "hygiene.mixed-double-quotes")]


def test_other_findings_beside_typographer_quotes_are_still_found() -> None:
    text = 'He said "go" and she said “stop” and and left.\n'
    found = [(f.line, f.column, f.rule) for f in lint_text(text, path="a.md", fmt="hugo")]
    assert (1, 34, "repetition.words") in [(line, col, rule.removesuffix("-doubtful"))
                                           for line, col, rule in found]
    assert not any(rule.startswith("hygiene.mixed") for _, _, rule in found)


def test_split_and_resolve_format() -> None:
    assert split_format("hugo-smart") == ("hugo", False)
    assert split_format("+smart") == (None, True)
    assert split_format("mdx") == ("mdx", None)
    assert split_format(None) == (None, None)
    assert resolve_format("-smart", "a.md", "{{< x >}}\n") == "hugo-smart"
    assert resolve_format(None, "a.mdx", "text\n") == "mdx"


def test_fix_leaves_typographer_quotes_and_fixes_them_when_switched_off() -> None:
    rules = default_rules()
    assert fix_text(DOUBLES, rules, path="a.md", fmt="hugo").text == DOUBLES
    assert fix_text(DOUBLES, rules, path="a.md", fmt="-smart").text == \
        'Intro.\n\nHe said “go” and she said “stop”.\n'


def test_configuration_typographer_per_glob(tmp_path: Path) -> None:
    (tmp_path / ".copylint.yml").write_text(
        'format:\n  "docs/**": mdx\ntypographer:\n  "content/**": false\n  "docs/**": true\n'
        '  "notes/**": true\n', encoding="utf-8")
    config = load_config(start=tmp_path)
    assert config.format_for(tmp_path / "content" / "a.md") == "-smart"
    assert config.format_for(tmp_path / "docs" / "a.md") == "mdx+smart"
    assert config.format_for(tmp_path / "notes" / "a.md") == "+smart"
    assert config.format_for(tmp_path / "other" / "a.md") is None
    hugo = '{{< figure src="a.jpg" >}}\n\n' + DOUBLES
    fmt = config.format_for(tmp_path / "content" / "a.md")
    assert quote_findings(hugo, fmt=fmt) == [(5, 9, "hygiene.mixed-double-quotes"),
                                             (5, 12, "hygiene.mixed-double-quotes")]
    assert quote_findings(DOUBLES, fmt=config.format_for(tmp_path / "notes" / "a.md")) == []


def test_configuration_typographer_must_be_a_boolean(tmp_path: Path) -> None:
    (tmp_path / ".copylint.yml").write_text('typographer:\n  "*.md": maybe\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"typographer: \*\.md: must be true or false, not a string"):
        load_config(start=tmp_path)


@pytest.mark.parametrize("marker, expected", [
    ("hugo.toml", "hugo"), ("config/_default/hugo.toml", "hugo"), ("config/_default/config.yaml", "hugo"),
    ("_config.yml", "jekyll"), ("package.json", "markdown")])
def test_a_plain_markdown_file_takes_its_sites_format(tmp_path: Path, marker: str, expected: str) -> None:
    site = tmp_path / marker.replace("/", "_").replace(".", "_")  # a fresh folder per case
    (site / marker).parent.mkdir(parents=True, exist_ok=True)
    (site / marker).write_text("title = 'x'\n", encoding="utf-8")
    page = site / "content" / "en" / "page.md"
    page.parent.mkdir(parents=True)
    page.write_text(DOUBLES, encoding="utf-8")
    assert format_for(str(page), DOUBLES) == expected
    wanted = [] if expected != "markdown" else [(3, 9, "hygiene.mixed-double-quotes"),
                                               (3, 12, "hygiene.mixed-double-quotes")]
    assert quote_findings(DOUBLES, path=str(page)) == wanted
    assert format_for(str(site / "a.mdx"), DOUBLES) == "mdx"  # the extension still decides


def test_hugo_config_needs_a_content_folder_and_posts_are_jekyll(tmp_path: Path) -> None:
    for name, content in (("plain", False), ("hugo", True)):
        (tmp_path / name / "notes").mkdir(parents=True)
        (tmp_path / name / "config.toml").write_text("x = 1\n", encoding="utf-8")
        if content:
            (tmp_path / name / "content").mkdir()
    assert format_for(str(tmp_path / "plain" / "notes" / "a.md"), DOUBLES) == "markdown"
    assert format_for(str(tmp_path / "hugo" / "content" / "b.md"), DOUBLES) == "hugo"
    # outside the content folder (a README beside the configuration): not a Hugo page
    assert format_for(str(tmp_path / "hugo" / "notes" / "b.md"), DOUBLES) == "markdown"
    assert format_for(str(tmp_path / "hugo" / "README.md"), DOUBLES) == "markdown"
    assert format_for(str(tmp_path / "x" / "_posts" / "2020-01-01-a.md"), DOUBLES) == "jekyll"
    assert format_for("<stdin>.md", DOUBLES) == "markdown"
