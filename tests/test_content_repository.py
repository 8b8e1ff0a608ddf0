"""End to end: a content repository of Markdown articles with front matter,
code, links, a committed .copylint.yaml, a .gitignore and a quotes folder."""

import json
import os
import textwrap
from pathlib import Path

from click.testing import CliRunner

from copylint.cli import main

ARTICLE = textwrap.dedent("""\
    ---
    title: "Kiev the the. ."
    slug: kiev-update
    ---

    # Power restored in Kiev

    Crews worked through the evening. . Officials said `Kiev` was the old
    spelling, see [the guide](https://example.com/Kiev/the-the) and
    <https://kiev.example/>.

    ```yaml
    city: Kiev the the
    ```

    <!-- copylint-disable-next-line places.kyiv -->
    The Kiev Post archive is quoted here.

    | Place | Status |
    |---|---|
    | Kharkov | the the power back |
    """)


def test_content_repository(tmp_path: Path):
    repo = tmp_path
    (repo / ".git").mkdir()
    (repo / ".gitignore").write_text("build/\n")
    (repo / ".copylint.yaml").write_text(textwrap.dedent("""\
        ignore: [attribution.loaded-verb]
        levels:
          places.*: error
        per-path-ignores:
          quotes/: [repetition.*]
        """))
    (repo / "articles").mkdir()
    (repo / "articles" / "power.md").write_text(ARTICLE)
    (repo / "quotes").mkdir()
    (repo / "quotes" / "mayor.md").write_text("He said: \"we we will rebuild Kiev\".\n")
    (repo / "build").mkdir()
    (repo / "build" / "power.md").write_text(ARTICLE)
    old = os.getcwd()
    os.chdir(repo)
    try:
        result = CliRunner().invoke(main, ["check", "--format", "json", "."])
    finally:
        os.chdir(old)
    data = json.loads(result.output)
    assert result.exit_code == 1
    assert data["files"] == 2  # build/ is gitignored
    found = [(Path(f["path"]).as_posix(), f["line"], f["column"], f["rule"], f["level"], f["match"])
             for f in data["findings"]]
    assert found == [
        ("articles/power.md", 6, 21, "places.kyiv", "error", "Kiev"),
        ("articles/power.md", 8, 34, "punctuation.stray-stop", "error", " ."),
        ("articles/power.md", 21, 3, "places.kharkiv", "error", "Kharkov"),
        ("articles/power.md", 21, 13, "repetition.words", "error", "the the"),
        # inside a quotation: at most a suggestion, whatever level the rule has
        ("quotes/mayor.md", 1, 30, "places.kyiv", "suggestion", "Kiev"),
    ]
