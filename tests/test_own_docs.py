"""copylint's own documentation, linted by copylint: no error-level finding,
and every relative link in it resolves (a page or an anchor)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from copylint import lint_file
from copylint.findings import Level

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]  # generated pages too
_FENCE = re.compile(r"^(```|~~~)")
_HEADING = re.compile(r"^#{1,6} (.+)$")
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_CODE_SPAN = re.compile(r"(`+).+?\1", re.S)  # may run over a line break


def _slug(heading: str) -> str:
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _prose_lines(page: Path):
    fenced = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            yield line


def _anchors(page: Path) -> set[str]:
    return {_slug(m.group(1)) for line in _prose_lines(page) if (m := _HEADING.match(line))}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_page_has_no_error_level_finding(page: Path):
    errors = [f"{f.line}:{f.column} {f.rule} {f.message}" for f in lint_file(page)
              if f.level >= Level.ERROR]
    assert errors == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(page: Path):
    broken = []
    for m in _LINK.finditer(_CODE_SPAN.sub("", "\n".join(_prose_lines(page)))):
        target = m.group(1)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):
            continue  # https:, mailto:
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if not resolved.exists():
            broken.append(target)
        elif page.is_relative_to(DOCS) and not resolved.is_relative_to(DOCS):
            broken.append(f"{target} (outside docs/: the site holds only docs/; link the file's "
                          "repository URL or name it in code)")
        elif anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved):
            broken.append(target)
    assert broken == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_table_row_has_as_many_cells_as_its_header(page: Path):
    """GitHub's Markdown splits a row at every unescaped ``|``, even inside a
    code span: a stray one shifts the row's cells (write ``\\|``)."""
    bad, header, fenced = [], None, False
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or not line.startswith("|"):
            header = None
            continue
        cells = len(re.split(r"(?<!\\)\|", line.strip().strip("|")))
        if header is None:
            header = cells
        elif cells != header:
            bad.append(f"line {number}: {cells} cells, the header has {header}")
    assert bad == []
