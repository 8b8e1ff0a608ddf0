"""Configuration files: discovery, keys, validation with file and line,
and precedence (CLI flags over the file)."""

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from copylint import Config, ConfigError, Level, load_config
from copylint.cli import main
from copylint.config.model import KEYS, find_config

STORY = "Shelling hit Kiev. The the army said Ukrainian early on Tuesday.\n"


def run(*args, cwd: Path):
    """Run the CLI with ``cwd`` as the working directory (configuration discovery starts there)."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)
    assert "Traceback" not in result.output, result.output
    return result


def rules_found(result) -> list[str]:
    return [f["rule"] for f in json.loads(result.output)["findings"]]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "story.md").write_text(STORY)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_no_config_means_defaults(tmp_path: Path):
    assert find_config(tmp_path) is None
    assert load_config(start=tmp_path) == Config()


def test_discovered_upwards_from_working_directory(repo: Path):
    write(repo / ".copylint.yaml", "ignore: [places.kyiv]\n")
    result = run("check", "--format", "json", "story.md", cwd=repo / "content")
    assert rules_found(result) == ["repetition.words", "attribution.orphaned-modifier"]


def test_select_ignore_globs_and_levels(repo: Path):
    write(repo / ".copylint.yaml",
          "select: ['places.*', 'repetition.*']\nignore: repetition.fragment\n"
          "levels:\n  places.*: error\n  places.kyiv: suggestion\n")
    data = json.loads(run("check", "--format", "json", "content", cwd=repo).output)
    assert [(f["rule"], f["level"]) for f in data["findings"]] == [
        ("places.kyiv", "suggestion"), ("repetition.words", "error")]


def test_level_override_changes_exit_code(repo: Path):
    (repo / "content" / "story.md").write_text("Shelling hit Kiev.\n")
    assert run("check", "content", cwd=repo).exit_code == 0  # a warning
    write(repo / ".copylint.yaml", "levels: {places.kyiv: error}\n")
    assert run("check", "content", cwd=repo).exit_code == 1


def test_min_level_and_fail_level_keys_and_cli_override(repo: Path):
    write(repo / ".copylint.yaml", "min-level: error\nfail-level: warning\n")
    assert rules_found(run("check", "--format", "json", "content", cwd=repo)) == [
        "repetition.words", "attribution.orphaned-modifier"]
    result = run("check", "--format", "json", "--min-level", "warning", "content", cwd=repo)
    assert "places.kyiv" in rules_found(result)
    (repo / "content" / "story.md").write_text("Shelling hit Kiev.\n")
    assert run("check", "--min-level", "warning", "content", cwd=repo).exit_code == 1  # fail-level from file
    assert run("check", "--min-level", "warning", "--fail-level", "error", "content", cwd=repo).exit_code == 0


def test_cli_select_and_ignore_replace_the_files(repo: Path):
    write(repo / ".copylint.yaml", "ignore: [places.kyiv]\n")
    assert rules_found(run("check", "--format", "json", "--select", "places.*", "--ignore", "",
                           "content", cwd=repo)) == ["places.kyiv"]
    assert rules_found(run("check", "--format", "json", "--select", "places.kyiv,repetition.words",
                           "content", cwd=repo)) == ["repetition.words"]


def test_config_option_and_no_config(repo: Path):
    write(repo / ".copylint.yaml", "select: [places.kyiv]\n")
    other = write(repo / "ci" / "strict.yaml", "select: [repetition.words]\n")
    assert rules_found(run("check", "--format", "json", "content", cwd=repo)) == ["places.kyiv"]
    assert rules_found(run("check", "--format", "json", "--config", str(other), "content",
                           cwd=repo)) == ["repetition.words"]
    assert len(rules_found(run("check", "--format", "json", "--no-config", "content", cwd=repo))) == 3


def test_pyproject_table(repo: Path):
    write(repo / "pyproject.toml", "[project]\nname = 'x'\n\n[tool.copylint]\nselect = ['places.*']\n"
                                   "\n[tool.copylint.levels]\n'places.kyiv' = 'error'\n")
    data = json.loads(run("check", "--format", "json", "content", cwd=repo).output)
    assert [(f["rule"], f["level"]) for f in data["findings"]] == [("places.kyiv", "error")]


def test_yaml_wins_over_pyproject_in_the_same_folder(repo: Path):
    write(repo / "pyproject.toml", "[tool.copylint]\nselect = ['repetition.*']\n")
    write(repo / ".copylint.yaml", "select: [places.kyiv]\n")
    assert find_config(repo) == repo / ".copylint.yaml"
    write(repo / "pyproject.toml", "[project]\nname = 'no copylint table'\n")
    (repo / ".copylint.yaml").unlink()
    assert find_config(repo / "content") is None


def test_per_path_ignores(repo: Path):
    write(repo / "content" / "quotes" / "interview.md", STORY)
    write(repo / ".copylint.yaml", "per-path-ignores:\n  quotes/:\n    - repetition.*\n    - attribution.*\n")
    data = json.loads(run("check", "--format", "json", "content", cwd=repo).output)
    by_file = {}
    for f in data["findings"]:
        by_file.setdefault(Path(f["path"]).name, []).append(f["rule"])
    assert by_file == {"interview.md": ["places.kyiv"],
                       "story.md": ["places.kyiv", "repetition.words", "attribution.orphaned-modifier"]}


def test_extra_rule_directory_relative_to_config_file(repo: Path):
    write(repo / "house" / "toward.yml", "rules:\n  - {id: house.toward, kind: substitution, level: warning,"
                                        " description: AP, swap: {towards: toward}}\n")
    write(repo / ".copylint.yaml", "rules: [house]\nselect: ['house.*']\n")
    (repo / "content" / "story.md").write_text("They moved towards the river.\n")
    assert rules_found(run("check", "--format", "json", "story.md", cwd=repo / "content")) == ["house.toward"]


def test_builtin_rules_off(repo: Path):
    write(repo / ".copylint.yaml", "builtin-rules: false\n")
    result = run("check", "--format", "json", "content", cwd=repo)  # no rules at all: an error, not silence
    assert result.exit_code == 2
    assert result.output == (f"copylint: {repo / '.copylint.yaml'}:1: builtin-rules: false, and no rules "
                             "to run: without the built-in rules (--no-builtin), give rule files with "
                             "--rules FILE|DIR or 'rules:' in the configuration\n")
    assert len(rules_found(run("check", "--format", "json", "--builtin", "content", cwd=repo))) == 3


@pytest.mark.parametrize("text, line, message", [
    ("select: [places.kyiv]\nignroe: [x]\n", 2, "unknown key 'ignroe'; did you mean 'ignore'?"),
    ("min-level: loud\n", 1, "min-level: must be one of error, warning, suggestion, not 'loud'"),
    ("levels:\n  places.kyiv: fatal\n", 2, "levels: places.kyiv: must be one of"),
    ("respect-gitignore: 'yes'\n", 1, "respect-gitignore: must be true or false"),
    ("\n\nselect: [plces.kyiv]\n", 3, "select: 'plces.kyiv' matches no loaded rule; did you mean 'places.kyiv'?"),
    ("select: ['plces.*']\n", 1, "select: 'plces.*' matches no loaded rule; did you mean 'places.*'?"),
    ("per-path-ignores:\n  quotes/: [nosuch.rule]\n", 1, "per-path-ignores: 'nosuch.rule' matches no loaded rule"),
    ("extensions: ['.md', 'not an ext']\n", 1, "extensions: 'not an ext' is not a file extension"),
    ("- a list\n", 1, "the configuration must be a mapping"),
    ("select: [a\n", 2, "invalid YAML"),
    ("inline-config: !!python/object:os.system 1\n", 1, "invalid YAML"),
])
def test_bad_configuration_fails_loudly_with_file_and_line(repo: Path, text, line, message):
    config = write(repo / ".copylint.yaml", text)
    result = run("check", "content", cwd=repo)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"copylint: {config}:{line}: ")
    assert message in lines[0]


def test_bad_pyproject_key_names_its_line(repo: Path):
    write(repo / "pyproject.toml", "[project]\nname = 'x'\n[tool.copylint]\nselect = ['places.*']\nslect = []\n")
    result = run("check", "content", cwd=repo)
    assert result.exit_code == 2
    assert "pyproject.toml:5: unknown key 'slect'" in result.output


def test_missing_config_file_named_on_command_line(repo: Path):
    result = run("check", "--config", "nope.yaml", "content", cwd=repo)
    assert result.exit_code == 2 and "nope.yaml: no such configuration file" in result.output


def test_every_key_is_documented_in_readme():
    # the README's table, or the docs/ page that owns the setting (the README is moving to docs/)
    root = Path(__file__).parent.parent
    readme = "\n".join(p.read_text(encoding="utf-8")
                       for p in [root / "README.md", *sorted((root / "docs").glob("*.md"))])
    for key in KEYS:
        assert f"| `{key}` |" in readme, key


def test_api_level_override_and_error_type(tmp_path: Path):
    path = write(tmp_path / ".copylint.yaml", "levels: {'repetition.*': suggestion}\n")
    rules = load_config(path).build_rules()
    assert rules.by_id["repetition.words"].level is Level.SUGGESTION
    with pytest.raises(ConfigError):
        load_config(write(tmp_path / "bad.yaml", "colour: red\n"))
