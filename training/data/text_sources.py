"""Offline English text whose licence allows training a shipped voice on its audio.

| source                         | Debian package | licence                                      | default |
|--------------------------------|----------------|----------------------------------------------|---------|
| WordNet 3.0 example sentences  | wordnet-base   | WordNet 3.0 licence (permissive, BSD-like)    | on      |
| project-written templates      | (this repo)    | GPL-3.0-or-later                              | on      |
| fortune cookies                | fortunes-min   | BSD packaging; individual quotations have     | off     |
|                                |                | many authors and no per-quote licence         |         |

Fortunes stay off by default: the package is in Debian main, but a quotation's own copyright is
its author's, so a shipped model should not depend on them (see docs/VOICE-MODEL-CARD.md).
"""
import os
import re
from typing import Iterator

WORDNET_DIR = "/usr/share/wordnet"
FORTUNE_FILES = ["/usr/share/games/fortunes/fortunes"]
_ALLOWED = re.compile(r"^[A-Za-z0-9 ,;:.!?'\-$%&]+$")


def _tidy(sentence: str) -> str | None:
    s = re.sub(r"\s+", " ", sentence).strip().strip('"').strip()
    if not s or not _ALLOWED.match(s):
        return None
    words = s.split(" ")
    if not 3 <= len(words) <= 40:
        return None
    s = s[0].upper() + s[1:]
    if s[-1] not in ".!?":
        s += "."
    return s


def wordnet_examples(root: str = WORDNET_DIR) -> Iterator[str]:
    """Quoted usage examples from the glosses of data.{noun,verb,adj,adv}."""
    for part in ("noun", "verb", "adj", "adv"):
        path = os.path.join(root, "data." + part)
        with open(path, encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):  # licence header
                    continue
                gloss = line.split(" | ", 1)[1] if " | " in line else ""
                for quoted in re.findall(r'"([^"]+)"', gloss):
                    tidy = _tidy(quoted)
                    if tidy:
                        yield tidy


def fortunes(paths: list[str] = FORTUNE_FILES) -> Iterator[str]:
    """Single sentences from fortune cookies (opt-in; see module docstring)."""
    for path in paths:
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            for cookie in f.read().split("\n%\n"):
                if "\t" in cookie or "--" in cookie.split("\n")[-1]:
                    cookie = cookie.rsplit("\n", 1)[0]  # drop attribution line
                for sentence in re.split(r"(?<=[.!?])\s+", cookie.replace("\n", " ")):
                    tidy = _tidy(sentence)
                    if tidy:
                        yield tidy
