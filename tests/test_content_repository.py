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


HUGO_PAGE = textwrap.dedent("""\
    +++
    title = "Kiev the the"
    +++

    {{< figure src="Collage-of-Kiev-doors.jpg" caption="The "doors" of Kiev" >}}

    {{% note %}}
    The doors of Kiev are are old.
    {{% /note %}}
    """)
JEKYLL_POST = textwrap.dedent("""\
    ---
    layout: post
    ---
    {% include figure.html src="kiev.png" %}
    {% highlight python %}
    print("Kiev the the" , ,)
    {% endhighlight %}

    Welcome to {{ site.title }}, , a city blog.
    """)
MDX_PAGE = textwrap.dedent("""\
    import Tabs from '@theme/Tabs';

    <Tabs groupId="city" values={[{label: "Kiev", value: 'kiev'}]}>

    :::note The "title

    Trains run to to the east.

    :::

    </Tabs>
    """)


def test_static_site_repository(tmp_path: Path):
    """Hugo, Jekyll and Docusaurus pages in one repository: only the slips in
    their prose are reported, each at its column; ``format:`` decides a
    Liquid template saved as .txt."""
    repo = tmp_path
    (repo / ".git").mkdir()
    (repo / ".copylint.yaml").write_text("format:\n  'templates/*.txt': jekyll\n")
    (repo / "content").mkdir()
    (repo / "content" / "doors.md").write_text(HUGO_PAGE)
    (repo / "_posts").mkdir()
    (repo / "_posts" / "welcome.md").write_text(JEKYLL_POST)
    (repo / "docs").mkdir()
    (repo / "docs" / "trains.mdx").write_text(MDX_PAGE)
    (repo / "templates").mkdir()
    (repo / "templates" / "footer.txt").write_text('{{ "Kiev" | upcase }} is home home.\n')
    old = os.getcwd()
    os.chdir(repo)
    try:
        result = CliRunner().invoke(main, ["check", "--format", "json", "--select",
                                           "places.*,repetition.*,punctuation.*,hygiene.*", "."])
    finally:
        os.chdir(old)
    data = json.loads(result.output)
    found = [(Path(f["path"]).as_posix(), f["line"], f["column"], f["rule"].removesuffix("-doubtful"),
              f["match"]) for f in data["findings"]]
    assert found == [
        ("_posts/welcome.md", 9, 28, "punctuation.doubled-comma", ", ,"),
        ("content/doors.md", 8, 14, "places.kyiv", "Kiev"),
        ("content/doors.md", 8, 19, "repetition.words", "are are"),
        ("docs/trains.mdx", 7, 12, "repetition.words", "to to"),
        ("templates/footer.txt", 1, 26, "repetition.words", "home home"),
    ]
