"""Running Vale styles over files: find the configuration, the files Vale
would lint, and collect the alerts."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .config import ValeConfig, find_config, read_config
from .runner import UnsupportedFormat, ValeAlert, ValeLinter

IGNORED_DIRS = {"node_modules", ".git"}


@dataclass
class ValeReport:
    alerts: list[ValeAlert] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: Files that are not text (binary, FIFOs, over the size limit): a note, not an error.
    skipped: list[str] = field(default_factory=list)
    files: int = 0


def discover(paths: list[Path], config: ValeConfig) -> list[tuple[Path, str]]:
    """Files to lint with the path to show (relative to the working folder),
    walking folders like Vale: every file a configuration section names."""
    out: list[tuple[Path, str]] = []
    cwd = Path.cwd()
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in IGNORED_DIRS and not d.startswith("."))
                for name in sorted(files):
                    full = Path(root) / name
                    shown = _relative(full, cwd)
                    if config.lints(shown) and not _is_config(full, config):
                        out.append((full, shown))
        else:
            out.append((path, _relative(path, cwd)))
    return out


def _is_config(path: Path, config: ValeConfig) -> bool:
    try:
        full = path.resolve()
        styles = config.styles_path.resolve()
        if full == config.path.resolve():
            return True
        return styles in full.parents and (full.suffix in (".yml", ".yaml")
                                           or (styles / "config") in full.parents)
    except OSError:
        return False


def _relative(path: Path, cwd: Path) -> str:
    try:
        shown = os.path.relpath(path.resolve(), cwd.resolve())
    except ValueError:
        shown = str(path)
    return shown.replace(os.sep, "/")


def load(config_path: Path | None, start: Path | None = None) -> tuple[ValeConfig, ValeLinter]:
    if config_path is None:
        found = find_config(start or Path.cwd())
        if found is None:
            from .config import ValeConfigError

            raise ValeConfigError("no .vale.ini (or _vale.ini, .vale, _vale) found here or in a parent folder")
        config_path = found
    config = read_config(config_path)
    return config, ValeLinter(config)


def lint(paths: list[Path], linter: ValeLinter) -> ValeReport:
    report = ValeReport()
    for path, shown in discover(paths, linter.config):
        try:
            report.alerts.extend(linter.lint_file(path, shown))
            report.files += 1  # linted; the others are in errors or skipped
        except UnsupportedFormat as exc:
            report.errors.append(str(exc))
        except InputError as exc:
            (report.skipped if exc.skipped else report.errors).append(f"{shown}: {exc.problem}")
        except OSError as exc:
            report.errors.append(f"{shown}: cannot read: {exc.strerror or exc}")
    report.alerts.sort(key=ValeAlert.sort_key)
    return report


def render_line(alerts: list[ValeAlert]) -> str:
    """``vale --output=line --sort --normalize --relative``."""
    return "".join(f"{a.path}:{a.line}:{a.column}:{a.check}:{a.message}\n" for a in alerts)
