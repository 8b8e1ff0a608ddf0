"""Synthetic news-like Markdown for the benchmark: generated, never copied.

Articles are built from a small vocabulary written for this file, with
headings, paragraphs, attribution and, at a chosen rate, the slips copylint
exists to catch (a house spelling, a doubled word, a stray full stop, a loaded
verb, a name spelled two ways).
"""

from __future__ import annotations

import random
from pathlib import Path

SUBJECTS = """the ministry|the mayor|the council|officials|the regional governor|residents|
the army|the agency|engineers|the committee|the central bank|analysts|prosecutors|the union|
the company|farmers|rescue teams|the court|doctors|the board|local traders|the navy|teachers""".replace(
    "\n", "").split("|")
VERBS = """said|told reporters|added|reported|confirmed|announced|warned|noted|wrote|explained""".split("|")
WORDS = """
water supply repairs bridge market harvest budget school hospital railway port grain power grid
station convoy shelter winter plan talks deal vote report survey district village town river road
prices wages exports imports fuel storage damage crews workers families children teachers patients
week month year morning evening night season weather rain snow frost floods roads fields factories
new old main local national regional central northern southern eastern western small large several
early late quickly slowly again still only also nearly almost about around after before during
repaired reopened delayed approved rejected expanded reduced increased doubled planned finished
inspected visited opened closed moved carried delivered measured counted promised expected
""".split()
PLACES = ["Kyiv", "Lviv", "Odesa", "Kharkiv", "Dnipro", "Rivne", "Poltava", "Sumy", "Uzhhorod"]
SLIPS = ("place", "doubled", "stray", "loaded", "name")


def sentence(rng: random.Random) -> str:
    words: list[str] = []
    for word in rng.choices(WORDS, k=rng.randint(7, 20)):
        if not words or words[-1] != word:  # no accidental doubled words
            words.append(word)
    if rng.random() < 0.3:
        words.insert(rng.randint(1, len(words) - 1), "in " + rng.choice(PLACES))
    if rng.random() < 0.25 and len(words) > 3:
        comma = rng.randint(1, len(words) - 2)
        words[comma] += ","
    body = " ".join(words)
    if rng.random() < 0.4:
        body += f", {rng.choice(SUBJECTS)} {rng.choice(VERBS)}"
    return body[0].upper() + body[1:] + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 6)))


def slip(rng: random.Random, text: str) -> str:
    """Introduce one typical error into an article."""
    kind = rng.choice(SLIPS)
    if kind == "place":
        return text.replace("Kyiv", "Kiev", 1) if "Kyiv" in text else text + "\n\nShelling hit Kiev.\n"
    if kind == "doubled":
        i = text.find(" the ")
        return text[:i] + " the the " + text[i + 5:] if i >= 0 else text + "\n\nIt was the the end.\n"
    if kind == "stray":
        return text.replace(".\n", ". .\n", 1)
    if kind == "loaded":
        return text + "\n\nThe mayor claimed the repairs were finished.\n"
    return text + "\n\nZelenskiy spoke first. Zelensky spoke later. Zelensky left.\n"


def article(rng: random.Random, size: int, error_rate: float) -> str:
    """A Markdown article of about ``size`` characters."""
    parts = [f"# {sentence(rng)[:-1]}", ""]
    length = 0
    while length < size:
        if rng.random() < 0.1:
            parts += [f"## {rng.choice(PLACES)} {rng.choice(WORDS)}", ""]
        text = paragraph(rng)
        parts += [text, ""]
        length += len(text) + 2
    text = "\n".join(parts)
    while rng.random() < error_rate:
        text = slip(rng, text)
        error_rate /= 2
    return text


def write_repository(root: Path, files: int, total_bytes: int, error_rate: float = 0.5,
                     seed: int = 6) -> Path:
    """Write ``files`` Markdown articles totalling about ``total_bytes`` into
    ``root`` (100 articles a directory, like a content repository)."""
    rng = random.Random(seed)
    size = max(total_bytes // max(files, 1), 200)
    for n in range(files):
        folder = root / f"section-{n // 100:03d}"
        if n % 100 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article-{n:05d}.md").write_text(article(rng, size, error_rate), encoding="utf-8")
    return root


def substitution_pack(path: Path, terms: int, seed: int = 6) -> Path:
    """A rule file with one substitution rule of ``terms`` generated place names."""
    rng = random.Random(seed)
    syllables = "ka lo mir pol sk an vy ch ne dar hor bo ri ven tsa lu gor myr zha pe".split()
    names: set[str] = set()
    while len(names) < terms:
        names.add("".join(rng.choices(syllables, k=rng.randint(2, 4))).capitalize())
    lines = ["rules:", "  - id: bench.places", "    kind: substitution", "    level: warning",
             "    ignorecase: true", "    description: generated place names", "    swap:"]
    lines += [f"      {name}: {name}ia" for name in sorted(names)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
