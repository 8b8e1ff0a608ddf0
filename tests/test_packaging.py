"""The built wheel ships the rule packs (a fresh `pip install .` finds them)."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_rules(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        check=True,
    )
    (wheel,) = tmp_path.glob("copylint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n.split("copylint/_rules/", 1)[1] for n in names if n.startswith("copylint/_rules/")}
    expected = {str(p.relative_to(ROOT / "rules")) for p in (ROOT / "rules").rglob("*.yml")}
    assert expected and expected <= shipped
    assert "copylint/cli/__init__.py" in names
    static = ROOT / "copylint" / "server" / "static"
    assert {f"copylint/server/static/{p.name}" for p in static.iterdir()} <= set(names)


def test_installed_package_finds_rules_from_wheel_layout(tmp_path, monkeypatch):
    """The loader prefers copylint/_rules (the wheel layout) when it exists."""
    import copylint.ruleset.loader as loader

    assert loader.BUILTIN_RULES_DIR.is_dir()
    assert any(loader.BUILTIN_RULES_DIR.rglob("*.yml"))
