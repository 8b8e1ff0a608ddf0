"""The generated reference pages of the documentation: one page per
built-in rule, one per check kind (and the fields every rule has), and the
command-line reference, all made from the code and the rule files, so that
adding a rule or a kind adds its page with no hand-written documentation.

``python -m copylint.docgen``, run at the root of the repository, writes
them under ``docs/reference/``;
``python -m copylint.docgen --check`` exits 1 when the committed pages are
stale.  :func:`generate` returns them as ``{relative path: text}``."""

from __future__ import annotations

from pathlib import Path
from ..ruleset.loader import BUILTIN_RULES_DIR, DEFAULT_STYLE, load_rules
from ..ruleset.packs import builtin_styles as styles_in, manifest_in, read_manifest
from .commands import CLI_PAGE, cli_page
from .kinds import kind_pages
from .rules import StyleRules, page_names, rule_pages

#: The folder that holds the ``copylint`` package (a checkout, or site-packages):
#: source files are named relative to it (``copylint/checks/existence.py``).
ROOT = Path(__file__).resolve().parent.parent.parent
#: Where the pages go: relative to the working directory, the repository root.
DEFAULT_OUT = Path("docs") / "reference"
REGENERATE = "python -m copylint.docgen"


def builtin_styles() -> list[StyleRules]:
    """Every built-in style, the base style first, with its own rules."""
    found = styles_in(BUILTIN_RULES_DIR)
    names = sorted(found, key=lambda n: (n != DEFAULT_STYLE, n))
    out = []
    for name in names:
        ruleset = load_rules(style=name)
        pack = read_manifest(manifest_in(found[name]))  # type: ignore[arg-type]
        out.append(StyleRules(name, " ".join((pack.description or "").split()), ruleset,
                              [r for r in ruleset if r.pack == name]))
    return out


def generate() -> dict[str, str]:
    """``{path relative to docs/reference: page text}`` for every generated page."""
    styles = builtin_styles()
    names = page_names(styles)
    every = [rule for style in styles for rule in style.own]
    # a rule id -> its page (the first, should two sibling styles share an id)
    links: dict[str, str] = {}
    for key, name in names.items():
        links.setdefault(key.split("@", 1)[0], name)
    pages = {CLI_PAGE: cli_page(), "index.md": _index(len(every))}
    pages.update(rule_pages(styles, ROOT))
    pages.update(kind_pages(every, ROOT, links))
    return dict(sorted(pages.items()))


def _index(rule_count: int) -> str:
    return "\n".join([
        "# Reference", "",
        "These pages are generated from the code and the rule files "
        f"(`{REGENERATE}`); do not edit them by hand.", "",
        f"- [Built-in rules](rules/index.md): the {rule_count} rules, one page each, with their "
        "examples and the findings copylint gives on them",
        "- [Rule kinds](kinds/index.md): every kind and its fields",
        "- [Fields every rule has](kinds/common-fields.md)",
        "- [Command-line reference](cli.md): every command and option", "",
    ])


def stale(out: Path = DEFAULT_OUT) -> list[str]:
    """Generated pages that are missing, out of date, or left over under ``out``."""
    pages = generate()
    problems = [path for path, text in pages.items()
                if not (out / path).is_file() or (out / path).read_text(encoding="utf-8") != text]
    if out.is_dir():
        problems += sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md")
                           if p.relative_to(out).as_posix() not in pages)
    return problems


def write(out: Path = DEFAULT_OUT) -> list[str]:
    """Write every page under ``out`` and delete pages no longer generated;
    the paths written or deleted."""
    pages = generate()
    changed = []
    for path, text in pages.items():
        target = out / path
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(path)
    if out.is_dir():
        for page in sorted(out.rglob("*.md")):
            if page.relative_to(out).as_posix() not in pages:
                page.unlink()
                changed.append(page.relative_to(out).as_posix())
    return changed

