"""Sentences written by the project (GPL-3.0-or-later, like the repository).

WordNet's examples are short and rarely contain numbers, names, questions or long sentences,
which a studio voice reads all the time. These templates fill that gap deterministically from a
seed. Slot lists are ordinary words and names, not taken from any text.
"""
import random

FIRST_NAMES = ["Alice", "Benjamin", "Chloe", "Daniel", "Elena", "Farid", "Grace", "Hiroshi", "Isabel",
               "Jamal", "Katherine", "Liam", "Maria", "Nikolai", "Olivia", "Pedro", "Quinn", "Rosa",
               "Samuel", "Tamsin", "Umar", "Valerie", "William", "Xavier", "Yasmin", "Zachary", "Margaret",
               "Oscar", "Priya", "Thomas", "Ingrid", "Connor", "Lucia", "Matteo", "Naomi", "Eleanor"]
SURNAMES = ["Anderson", "Brooks", "Castillo", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ivanova",
            "Johnson", "Kowalski", "Lindqvist", "Murphy", "Nakamura", "O'Brien", "Patel", "Quintero",
            "Robinson", "Schmidt", "Thompson", "Underwood", "Vasquez", "Whitaker", "Young", "Zhang"]
PLACES = ["Boston", "Chicago", "Denver", "Edinburgh", "Glasgow", "Houston", "Lisbon", "Madrid", "Melbourne",
          "Montreal", "Nairobi", "Oslo", "Phoenix", "Seattle", "Toronto", "Vancouver", "Vienna", "Dublin",
          "Atlanta", "Portland", "Sydney", "Auckland", "Cardiff", "Helsinki", "Manchester", "San Diego"]
THINGS = ["report", "invoice", "package", "recipe", "schedule", "presentation", "budget", "garden", "bicycle",
          "laptop", "contract", "podcast", "manuscript", "painting", "kitchen", "spreadsheet", "ticket",
          "camera", "guitar", "umbrella", "microphone", "newsletter", "video", "library card"]
ACTIONS = ["finished", "checked", "mailed", "cancelled", "repaired", "printed", "reviewed", "signed",
           "updated", "recorded", "returned", "painted", "organised", "forgotten", "rescheduled"]
ADJECTIVES = ["quiet", "bright", "heavy", "narrow", "gentle", "crowded", "ancient", "careful", "sudden",
              "enormous", "delicate", "familiar", "strange", "comfortable", "brilliant", "muddy"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CONNECTORS = ["because", "although", "while", "after", "before", "even though", "so that", "until"]
CLAUSES = [
    "the rain kept falling on the {adj} streets of {place}",
    "{name} was still waiting for the {thing} to arrive",
    "nobody in the office had {action} the {thing}",
    "the {adj} old train slowed down outside {place}",
    "we had promised to call {name} before {day}",
    "the children laughed at the {adj} shapes in the clouds",
    "the storm had {action} every plan we made for {month}",
    "{name} {surname} kept a {adj} notebook beside the {thing}",
    "the museum in {place} opened a {adj} new wing",
    "the engineers measured {num} samples in a single afternoon",
]
TEMPLATES = [
    "Did you remember to call {name} about the {thing}?",
    "Have you {action} the {thing} yet, or should I ask {name}?",
    "Where did {name} put the {adj} {thing}?",
    "Why was the flight to {place} delayed until {time}?",
    "Is it true that {name} {surname} moved to {place} in {year}?",
    "How many people came to the meeting on {day}?",
    "Could you read me the last {num} lines again, please?",
    "What time does the museum in {place} open on {day}?",
    "The train to {place} leaves at {time} from platform {small}.",
    "{name} {surname} paid ${price} for a {adj} {thing}.",
    "On {month} {ordinal}, {year}, the company hired {num} new people.",
    "The temperature in {place} dropped to {small} degrees on {day} night.",
    "Please send the {thing} to {name} before {time} on {day}.",
    "Our team {action} {num} tasks in {month}, which is {pct}% more than last year.",
    "Page {num} of the {thing} is missing.",
    "The meeting moved from room {room} to room {room2}.",
    "{name} said the {thing} weighs about {dec} kilograms.",
    "In {year}, the population of {place} was about {big}.",
    "The {adj} {thing} costs ${price}, but {name} found one for ${price2}.",
    "Turn left after {small} blocks, then walk {dec} miles to the river.",
    "Doctor {surname} will see you at {time} on {month} {ordinal}.",
    "Welcome back, {name}! Your {thing} is ready.",
    "Thank you, {name}. I'll see you on {day}.",
    "Wait, did {name} really say that?",
    "No, the {thing} belongs to {name} {surname}.",
    "Yes.", "No, thank you.", "Of course!", "Good morning, {name}.", "See you in {place}!",
    "Chapter {small}.", "Part {small}: the {adj} {thing}.",
]


def _slots(rng: random.Random) -> dict:
    hour, minute = rng.randint(1, 12), rng.choice([0, 5, 10, 15, 20, 30, 45, 50, rng.randint(0, 59)])
    return {
        "name": rng.choice(FIRST_NAMES), "surname": rng.choice(SURNAMES), "place": rng.choice(PLACES),
        "thing": rng.choice(THINGS), "action": rng.choice(ACTIONS), "adj": rng.choice(ADJECTIVES),
        "month": rng.choice(MONTHS), "day": rng.choice(DAYS), "year": str(rng.randint(1850, 2035)),
        "ordinal": str(rng.randint(1, 31)),
        "time": f"{hour}:{minute:02d} {rng.choice(['am', 'pm'])}" if rng.random() < 0.6 else f"{hour}:{minute:02d}",
        "num": str(rng.choice([rng.randint(2, 20), rng.randint(21, 99), rng.randint(100, 999)])),
        "small": str(rng.randint(2, 19)), "room": str(rng.randint(100, 499)), "room2": str(rng.randint(100, 499)),
        "price": f"{rng.randint(1, 999)}.{rng.randint(0, 99):02d}" if rng.random() < 0.5 else str(rng.randint(1, 5000)),
        "price2": str(rng.randint(1, 400)), "pct": str(rng.randint(2, 95)),
        "dec": f"{rng.randint(0, 99)}.{rng.randint(1, 9)}", "big": f"{rng.randint(1000, 9_999_999):,}",
    }


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _fill(template: str, rng: random.Random) -> str:
    slots = _slots(rng)
    day = int(slots["ordinal"])
    slots["ordinal"] = f"{day}{_ordinal_suffix(day)}"
    return template.format(**slots)


def _long_sentence(rng: random.Random) -> str:
    parts = [_fill(rng.choice(CLAUSES), rng) for _ in range(rng.randint(2, 4))]
    out = parts[0]
    for part in parts[1:]:
        out += (", " + rng.choice(CONNECTORS) + " " if rng.random() < 0.7 else "; ") + part
    return out[0].upper() + out[1:] + "."


def project_sentences(count: int, seed: int = 1234) -> list[str]:
    """`count` sentences: about a quarter long multi-clause ones, the rest from TEMPLATES."""
    rng = random.Random(seed)
    return [_long_sentence(rng) if rng.random() < 0.25 else _fill(rng.choice(TEMPLATES), rng)
            for _ in range(count)]
