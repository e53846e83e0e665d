"""Which key result a line of a check-in message names: every word scored, a pure function.

People name a key result by its most telling word, not its first: "signups" for "Weekly signups",
"checklist" for "Create a self-serve onboarding checklist". Each word of the name counts when it
is a word of the key result's title or unit (or, less, of its objective's title), after simple
normalisation: case, accents, punctuation and a plural "s". A word that fits nothing counts
against the name, and a name ends with a word that fits: the value, confidence and note follow.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Words that tell key results apart by being there: these do not.
STOP_WORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "of",
        "on",
        "or",
        "our",
        "per",
        "the",
        "to",
        "with",
        "my",
    }
)
TITLE_WEIGHT = 1.0  # a word of the key result's title or unit
OBJECTIVE_WEIGHT = 0.4  # a word of its objective's title: a hint, never enough against a title
START_WEIGHT = 0.7  # the start of a word ("onboard" for "onboarding"), at least 3 letters
UNFIT_PENALTY = 0.5  # a word of the name that fits nothing
SHORTEST_START = 3


def word(text: str) -> str:
    """One word normalised: lower case, no accents, no plural "s" ("Signups" → "signup")."""
    bare = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    if len(bare) > 3 and bare.endswith("s") and not bare.endswith("ss"):
        bare = bare[:-1]
    return bare


def words(text: str) -> list[str]:
    """The telling words of a text, normalised; punctuation and hyphens split words."""
    found = (word(w) for w in re.findall(r"[^\W_]+", text))
    return [w for w in found if w and w not in STOP_WORDS]


@dataclass(frozen=True)
class Named:
    """What a key result can be called by: its title and unit, and its objective's title."""

    title: str
    unit: str = ""
    objective: str = ""

    def vocabulary(self) -> dict[str, float]:
        weights = dict.fromkeys(words(self.objective), OBJECTIVE_WEIGHT)
        weights.update(dict.fromkeys(words(f"{self.title} {self.unit}"), TITLE_WEIGHT))
        return weights


@dataclass(frozen=True, order=True)
class Fit:
    """How well a name fits a key result; higher is better, and equal fits are a tie."""

    score: float
    whole_title: bool  # the name says every telling word of the title: the best of ties


def fit(name: Iterable[str], named: Named) -> Fit | None:
    """The fit of the name's words (already `words`) to the key result; None when none fits."""
    vocabulary = named.vocabulary()
    title = set(words(named.title))
    score = 0.0
    fitted = 0
    weight = 0.0
    said: set[str] = set()
    for each in name:
        weight = vocabulary.get(each, 0.0)
        if not weight and len(each) >= SHORTEST_START:
            starts = [w for w, v in vocabulary.items() if w.startswith(each)]
            weight = max((vocabulary[w] for w in starts), default=0.0) * START_WEIGHT
            said.update(w for w in starts if vocabulary[w] == TITLE_WEIGHT)
        elif weight:
            said.add(each)
        if weight:
            fitted += 1
            score += weight
        else:
            score -= UNFIT_PENALTY
    if not fitted or not weight or score <= 0:  # `weight`: the last word's
        return None
    return Fit(round(score, 6), bool(title) and title <= said)
