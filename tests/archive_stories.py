"""Small generated archives for the archive tests (sentences written for them)."""

from __future__ import annotations

import json
import random
from pathlib import Path

SENTENCES = [
    "The harbour board approved a new ferry timetable on Tuesday.",
    "Councillors said the budget would be published next month.",
    "A spokeswoman for the water company declined to comment.",
    "The mayor of Kiev met the delegation at the station.",
    "Residents said it it had rained for three days without a break.",
    "The school reopened after repairs,, officials said.",
    "Police closed the bridge for two hours on Sunday .",
    "The orchestra will tour five cities in the spring.",
    "Prices at the market rose for the the second week running.",
    "The minister is expected to announce the plan on Friday.",
]
HEADLINES = ["Ferry timetable changes", "Kiev talks resume", "Budget delayed again",
             "Bridge closed after storm", "Orchestra plans tour"]


def stories(count: int, seed: int = 7) -> list[dict]:
    """``count`` stories: id, headline, body (some with CRLF line ends or a
    Markdown body), date, format."""
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        paragraphs = [" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 3)))
                      for _ in range(rng.randint(1, 3))]
        fmt = "markdown" if number % 7 == 3 else "text"
        if fmt == "markdown":
            paragraphs[0] = "## " + rng.choice(HEADLINES) + "\n\n" + paragraphs[0]
        newline = "\r\n" if number % 5 == 2 else "\n"
        rows.append({"id": f"s{number:04d}", "headline": rng.choice(HEADLINES),
                     "body": (newline * 2).join(paragraphs),
                     "date": f"{2016 + number % 4}-0{1 + number % 9}-15", "format": fmt})
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def write_files(folder: Path, rows: list[dict], column: str = "body") -> Path:
    """Each story's ``column`` as its own file (``<id>.txt`` or ``.md``), as check reads them."""
    folder.mkdir(parents=True, exist_ok=True)
    for row in rows:
        suffix = ".md" if row.get("format") == "markdown" else ".txt"
        (folder / f"{row['id']}{suffix}").write_bytes(row[column].encode("utf-8"))
    return folder


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def check_records(report_findings, column: str = "body") -> list[tuple]:
    """``check``'s findings keyed like the archive's: (id, field, line, column, ...)."""
    out = []
    for f in report_findings:
        d = f if isinstance(f, dict) else f.to_dict()
        story = Path(d["path"]).stem
        out.append((story, column) + tuple(d[k] for k in KEYS[2:]))
    return sorted(out)


KEYS = ("id", "field", "line", "column", "end_line", "end_column", "rule", "level", "message",
        "match", "suggestion", "fix", "fix_applicability")


def archive_records(rows: list[dict]) -> list[tuple]:
    return sorted(tuple(r[k] for k in KEYS) for r in rows)
