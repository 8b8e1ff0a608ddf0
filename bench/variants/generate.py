#!/usr/bin/env python3
"""Write the evaluation set of the ``variants`` check: stories.jsonl.

    python bench/variants/generate.py            # rewrites bench/variants/stories.jsonl

Every story is generated here from the name tables in ``names.yml`` and the
sentence templates below (seeded, so the output is the same on every run).
Each line of ``stories.jsonl`` is ``{"id", "kind", "text", "pairs"}``:
``pairs`` lists the planted ``[minority, majority]`` spellings of a variant
story (empty for a clean one), ``kind`` says how the story was built.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SEED = 21

DATELINES = ["KYIV", "KHARKIV", "MOSCOW", "BEIRUT", "BAGHDAD", "AMMAN", "TBILISI", "BAKU",
             "ISTANBUL", "WARSAW", "BRUSSELS", "GENEVA", "LONDON", "DUBAI", "CAIRO", "VIENNA"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
AGENCIES = ["(Reuters) -", "(AP) —", "—", "-"]

FIRST = [
    "{full}, the {role} in {place}, said on {day} that {event}.",
    "{event_cap}, {full}, the {role}, told reporters on {day}.",
    "\"We are doing everything we can,\" said {full}, the {role} of {place}.",
    "{full}, who serves as {role}, said {event} and that more help was needed.",
    "According to {full}, the {role} in {place}, {event}.",
    "The {role}, {full}, wrote on Telegram that {event}.",
    "Speaking in {place}, {full} said {event}.",
]
LATER = [
    "{sur} said the situation remained difficult.",
    "\"We will not leave,\" {sur} said.",
    "{sur} added that {event}.",
    "{sur} did not say when repairs would be finished.",
    "Asked about the damage, {sur} said teams were still counting.",
    "In a video address, {sur} urged residents to stay in shelters.",
    "{sur} later told state television that {event}.",
    "Officials working with {sur} said the figures could rise.",
    "{sur} said {num} people had been evacuated since {day}.",
    "{sur}'s office said the {thing} would reopen within a week.",
    "A spokesman for {sur} declined to comment further.",
    "Earlier, {sur} had warned that {event}.",
    "{sur} has held the post since {year}.",
    "Critics accused {sur} of playing down the risks.",
    "{sur} said he expected talks to resume on {day}.",
    "\"Nobody told us anything,\" a resident said, adding that {sur} had visited only once.",
]
BYSTANDER = [
    "{full}, a {job} in {place2}, said {event2}.",
    "\"It is getting worse,\" said {full}, a {job}.",
    "{full}, who works as a {job}, said she had not slept for two days.",
    "Separately, {full}, a {job}, told the agency that {event2}.",
    "{full}, a {job} from {place2}, said the queues had grown longer.",
]
FILLER = [
    "Electricity was restored to most districts by evening.",
    "The United Nations said it was sending more aid.",
    "Prices of bread and fuel have doubled since the spring.",
    "Rescue workers searched the rubble through the night.",
    "The ministry said it would publish full figures next week.",
    "Schools in the area will stay closed until further notice.",
    "Trains to the capital were running with long delays.",
    "Local media showed long queues outside the few open pharmacies.",
    "The region has been hit repeatedly since the start of the year.",
    "Diplomats said a new round of talks was possible later this month.",
]
EVENTS = ["two people had been killed in the overnight attack", "a power station had been damaged",
          "the water supply had been cut", "a school and a clinic were hit", "the bridge had been closed",
          "three villages had been evacuated", "the curfew would be extended",
          "grain exports would resume", "an agreement on prisoners was close", "the border crossing was shut",
          "fuel deliveries had been delayed", "more than 40 homes were damaged"]
EVENTS2 = ["the trains were full", "prices had gone up again", "nobody had come to help",
           "the shops had run out of bread", "the roads were blocked", "the power came back at night"]
JOBS = ["teacher", "nurse", "shopkeeper", "taxi driver", "pensioner", "student", "volunteer", "farmer",
        "engineer", "baker"]
THINGS = ["crossing", "market", "hospital wing", "bridge", "railway station", "school"]
COUNTRY = {
    **dict.fromkeys(["Sumy", "Poltava", "Chernihiv", "Dnipro", "Kharkiv", "Kyiv", "Odesa", "Kramatorsk", "Nikopol",
                     "Sloviansk", "Zaporizhzhia", "Kherson", "Lviv", "Vinnytsia", "Mykolaiv", "Rivne", "Izium",
                     "Huliaipole", "Chernivtsi", "Pokrovsk", "Zhytomyr", "Uman", "Bila Tserkva", "Izmail",
                     "Kupiansk", "Lysychansk", "Sievierodonetsk", "Berdiansk", "Enerhodar", "Uzhhorod",
                     "Khmelnytskyi", "Bakhmut", "Avdiivka"], "Ukraine"),
    **dict.fromkeys(["Moscow", "Belgorod", "Kursk", "St Petersburg", "Grozny", "New York", "Bryansk", "Voronezh",
                     "Novorossiysk", "Taganrog"], "Russia"),
    "Dzhankoi": "Crimea", "Damascus": "Syria", "Cairo": "Egypt", "Najaf": "Iraq", "Minsk": "Belarus", "Baku": "Azerbaijan", "Yerevan": "Armenia", "Tbilisi": "Georgia",
    "Tashkent": "Uzbekistan", "Bishkek": "Kyrgyzstan", "Astana": "Kazakhstan", "Dushanbe": "Tajikistan",
    "Ankara": "Turkey", "Beirut": "Lebanon", "Deir ez-Zor": "Syria", "Raqqa": "Syria", "Quneitra": "Syria",
    "Mosul": "Iraq", "Baghdad": "Iraq", "Kirkuk": "Iraq", "Fallujah": "Iraq", "Gaza": "Gaza",
    "Khan Younis": "Gaza", "Jabalia": "Gaza", "Nuseirat": "Gaza", "Ramallah": "the West Bank",
    "Qalqilya": "the West Bank", "Sanaa": "Yemen", "Marib": "Yemen", "Doha": "Qatar", "Amman": "Jordan",
    "Algiers": "Algeria", "Tunis": "Tunisia", "Tehran": "Iran", "Kabul": "Afghanistan", "Taipei": "Taiwan",
    "Pyongyang": "North Korea", "Seoul": "South Korea", "Tripoli": "Libya", "Khartoum": "Sudan",
}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class Story:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.paragraphs: list[str] = []

    def fill(self, template: str, **names: str) -> str:
        rng = self.rng
        event = rng.choice(EVENTS)
        values = dict(event=event, event_cap=event[0].upper() + event[1:], event2=rng.choice(EVENTS2),
                      day=rng.choice(DAYS), num=str(rng.randint(12, 900)), thing=rng.choice(THINGS),
                      year=str(rng.randint(2014, 2023)), job=rng.choice(JOBS))
        values.update(names)
        return template.format(**values)

    def add(self, sentence: str) -> None:
        rng = self.rng
        sentence = sentence[:1].upper() + sentence[1:]  # al-Assad said -> Al-Assad said
        if self.paragraphs and rng.random() < 0.35:
            self.paragraphs[-1] += " " + sentence
        else:
            self.paragraphs.append(sentence)

    def text(self, headline: str) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            dateline = f"{rng.choice(DATELINES)}, {rng.choice(MONTHS)} {rng.randint(1, 28)} {rng.choice(AGENCIES)} "
            self.paragraphs[0] = dateline + self.paragraphs[0]
        return headline + "\n\n" + "\n\n".join(self.paragraphs) + "\n"


def load() -> dict:
    return yaml.safe_load((HERE / "names.yml").read_text(encoding="utf-8"))


def bystanders(rng: random.Random, data: dict, story: Story, avoid: set[str], n: int) -> None:
    """Other people in the story: given names of several languages with
    surnames from the 'near' and 'relatives' tables (never the planted name)."""
    pool = [s for pair in data["near"] + data["relatives"] for s in pair if s not in avoid]
    languages = list(data["given"])
    for _ in range(n):
        given = rng.choice(data["given"][rng.choice(languages)])
        surname = rng.choice(pool)
        avoid.add(surname)
        pool = [s for s in pool if s != surname]
        place2 = rng.choice(data["places"])[0]
        story.add(story.fill(rng.choice(BYSTANDER), full=f"{given} {surname}", place2=place2))


def person_story(rng: random.Random, data: dict, person: dict, surnames: list[str],
                 givens: list[str], mentions: list[int] | None = None) -> Story:
    """A story about one person: the first reference in full, then bare
    surnames; ``surnames``/``givens`` give the spelling used at each reference."""
    story = Story(rng)
    place = person["place"]
    story.add(story.fill(rng.choice(FIRST), full=f"{givens[0]} {surnames[0]}", role=person["role"],
                         place=place))
    later = rng.sample(LATER, len(surnames) - 1)
    for i, template in enumerate(later, 1):
        if givens[i] != givens[0] or (i == len(surnames) - 1 and rng.random() < 0.2):
            template = template.replace("{sur}", "{full}", 1)
        story.add(story.fill(template, sur=surnames[i], full=f"{givens[i]} {surnames[i]}", place=place))
        if rng.random() < 0.3:
            story.add(rng.choice(FILLER))
    return story


def variant_stories(rng: random.Random, data: dict, count: int) -> list[dict]:
    out = []
    people = data["people"]
    while len(out) < count:
        what = rng.random()
        person = rng.choice(people)
        n = rng.randint(3, 5)
        if what < 0.72 and len(set(person["surname"])) > 1:
            major, minor = rng.sample(person["surname"], 2) if rng.random() < 0.3 else person["surname"][:2]
            surnames = [major] * n
            for i in rng.sample(range(1, n), rng.choice([1, 1, 1, 2]) if n > 3 else 1):
                surnames[i] = minor
            givens = [person["given"][0]] * n
            pair = [minor, major]
            kind = "variant-surname"
        elif what < 0.85 and len(set(person["given"])) > 1:
            major, minor = person["given"][:2]
            givens = [major] * n
            givens[rng.randrange(1, n)] = minor
            # the given name is repeated only with the surname
            surnames = [person["surname"][0]] * n
            pair = [minor, major]
            kind = "variant-given"
        else:
            spellings = rng.choice(data["places"])
            major, minor = spellings[0], spellings[1]
            story = person_story(rng, data, dict(person, place=major), [person["surname"][0]] * n,
                                 [person["given"][0]] * n)
            i = rng.randrange(1, len(story.paragraphs) + 1)
            line = rng.choice([
                f"Shelling was also reported near {minor}, officials said.",
                f"Residents of {minor} said the sirens sounded all night.",
                f"Buses left {minor} for the west on {rng.choice(DAYS)}.",
                f"The road from {major} to the coast was closed.",
            ])
            if minor not in line:
                line = line.replace(major, minor)
            story.paragraphs.insert(i, line)
            for extra in range(rng.randint(1, 2)):
                story.paragraphs.insert(rng.randrange(0, len(story.paragraphs) + 1),
                                        f"Officials in {major} said damage there was being assessed."
                                        if extra == 0 else f"In {major}, queues formed outside the bakeries.")
            bystanders(rng, data, story, {person["surname"][0], major, minor}, rng.randint(0, 2))
            out.append({"kind": "variant-place", "text": story.text(f"Shelling hits {major} in {COUNTRY[major]}"),
                        "pairs": [[minor, major]]})
            continue
        story = person_story(rng, data, person, surnames, givens)
        bystanders(rng, data, story, set(person["surname"]), rng.randint(0, 3))
        out.append({"kind": kind, "text": story.text(f"{COUNTRY[person['place']]}: {person['role']} warns of hard winter"),
                    "pairs": [pair]})
    return out


def clean_stories(rng: random.Random, data: dict, count: int) -> list[dict]:
    out = []
    people = data["people"]
    builders = ["consistent", "relatives", "near", "namesakes", "spelled", "outlet", "english"]
    i = 0
    while len(out) < count:
        kind = builders[i % len(builders)]
        i += 1
        person = rng.choice(people)
        story = None
        if kind == "consistent":
            n = rng.randint(3, 6)
            spelling = rng.choice(person["surname"])
            given = rng.choice(person["given"])
            story = person_story(rng, data, person, [spelling] * n, [given] * n)
            bystanders(rng, data, story, set(person["surname"]), rng.randint(1, 3))
        elif kind in ("relatives", "near", "english"):
            table = data["relatives"] if kind == "relatives" else data["near"]
            if kind == "english":
                a, b = rng.choice([p for p in data["near"] if p[0][0] in "JKPMSHRGBLAW"])
                ga, gb = rng.sample(data["given"]["english"] + data["given"]["european"], 2)
            else:
                a, b = rng.choice(table)
                language = rng.choice(list(data["given"]))
                ga, gb = rng.sample(data["given"][language], 2)
            story = Story(rng)
            link = rng.choice(["his wife", "her husband", "their son", "his brother", "her sister",
                               "his daughter"]) if kind == "relatives" else rng.choice(
                ["a colleague", "a rival candidate", "the opposition leader", "a neighbour",
                 "the head of the union"])
            story.add(story.fill(f"{ga} {a}, the {person['role']}, said {{event}}, while {link}, {gb} {b}, "
                                 "was not available for comment."))
            for _ in range(rng.randint(2, 4)):
                who = rng.choice([a, b])
                story.add(story.fill(rng.choice(LATER), sur=who))
            story.add(story.fill(f"{b} said the family had not been told. {a} disagreed."
                                 if kind == "relatives" else f"{b} said {a} was wrong about the figures."))
            bystanders(rng, data, story, {a, b}, rng.randint(0, 2))
        elif kind == "namesakes":
            spellings = person["surname"]
            if len(set(spellings)) < 2:
                continue
            a, b = spellings[0], spellings[1]
            languages = list(data["given"])
            ga = person["given"][0]
            gb = rng.choice([g for g in data["given"][rng.choice(languages)] if g != ga])
            story = Story(rng)
            story.add(story.fill(f"{ga} {a}, the {person['role']}, said {{event}}."))
            story.add(story.fill(rng.choice(LATER), sur=a))
            story.add(f"{gb} {b}, a {rng.choice(JOBS)} who shares the name but is no relation, "
                      f"said {rng.choice(EVENTS2)}.")
            story.add(story.fill(rng.choice(LATER), sur=a))
            story.add(f"{b} said she would stay in the city.")
            bystanders(rng, data, story, {a, b}, rng.randint(0, 2))
        elif kind == "spelled":
            spellings = person["surname"]
            if len(set(spellings)) < 2:
                continue
            a, b = spellings[0], spellings[1]
            story = person_story(rng, data, person, [a] * rng.randint(3, 5), [person["given"][0]] * 5)
            story.paragraphs[0] = story.paragraphs[0].replace(
                a, f"{a} ({rng.choice(['also spelled', 'sometimes spelled', 'transliterated from Russian as', 'spelt'])} {b})", 1)
        elif kind == "outlet":
            spellings = person["surname"]
            if len(set(spellings)) < 2:
                continue
            a, b = spellings[0], spellings[1]
            story = person_story(rng, data, person, [a] * rng.randint(3, 5), [person["given"][0]] * 5)
            outlet = rng.choice(["the state news agency TASS", "the Interfax news agency",
                                 "the RIA Novosti agency", "a pro-government newspaper"])
            story.add(f"{outlet[0].upper() + outlet[1:]} identified the official as \"{b}\".")
        if story is None:
            continue
        out.append({"kind": f"clean-{kind}", "text": story.text(f"{COUNTRY[person['place']]}: officials count the damage"),
                    "pairs": []})
    return out


def main() -> None:
    rng = random.Random(SEED)
    data = load()
    stories = variant_stories(rng, data, 200) + clean_stories(rng, data, 420)
    with open(HERE / "stories.jsonl", "w", encoding="utf-8") as out:
        for n, story in enumerate(stories, 1):
            out.write(json.dumps({"id": n, **story}, ensure_ascii=False) + "\n")
    print(f"wrote {len(stories)} stories to {HERE / 'stories.jsonl'}")


if __name__ == "__main__":
    main()
