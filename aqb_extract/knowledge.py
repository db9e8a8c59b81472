"""Load the data in ``corrections/`` (shipped as ``aqb_extract.corrections``) into typed values.

Data lives apart from code (as in invoice2data's templates) so that a spelling, a partner's name
form or a role can be added without touching the parsers, by us or by an analyst through a user
corrections file (``--corrections FILE``, a TOML file with the same tables as ``corrections/``).
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import UsageError

DATA_PACKAGE = "aqb_extract.corrections"


@dataclass(frozen=True)
class PartnerInfo:
    ags: str
    kind: str
    name: str
    forms: tuple[str, ...]
    seat: str

    def surface_forms(self) -> tuple[str, ...]:
        """Every way a document may write this partner, declined forms included, longest first.

        "Landkreis Groß-Gerau" -> also "Landkreises Groß-Gerau"; "Lahn-Dill-Kreis" -> also
        "Lahn-Dill-Kreises"; "Hochtaunuskreis" -> also "Hochtaunuskreises".
        """
        out: set[str] = set()
        for form in self.forms:
            out.add(form)
            first, _, rest = form.partition(" ")
            if first in ("Landkreis", "Kreis") and rest:
                out.add(f"{first}es {rest}")
            if form.endswith(("kreis", "Kreis")):
                out.add(form + "es")
        return tuple(sorted(out, key=len, reverse=True))


@dataclass(frozen=True)
class MinistryName:
    name: str
    first_year: int
    last_year: int  # 0 = still in use

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year == 0 or year <= self.last_year)


@dataclass(frozen=True)
class Minister:
    name: str
    role: str
    first_year: int
    last_year: int

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year == 0 or year <= self.last_year)


@dataclass(frozen=True)
class Role:
    name: str
    side: str


@dataclass(frozen=True)
class Category:
    number: int
    name: str
    variants: tuple[str, ...]


@dataclass(frozen=True)
class SectionTitles:
    number: int
    titles: tuple[str, ...]


@dataclass(frozen=True)
class Knowledge:
    """Everything the repair stage and the field parsers know about AQB agreements."""

    partners: tuple[PartnerInfo, ...]
    ministry_abbreviation: str
    ministries: tuple[MinistryName, ...]
    ministers: tuple[Minister, ...]
    roles: tuple[Role, ...]
    categories: tuple[Category, ...]
    section_titles: tuple[SectionTitles, ...]
    lexicon: frozenset[str] = field(default_factory=frozenset)
    confusions: tuple[tuple[str, str], ...] = ()

    def partner_by_ags(self, ags: str) -> PartnerInfo:
        return next(p for p in self.partners if p.ags == ags)


def _read_text(name: str) -> str:
    return resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _read_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(_read_text(name))


def _lines(text: str) -> list[str]:
    """Non-empty lines with ``#`` comments removed (a ``#`` inside a line starts a comment too)."""
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            out.append(line)
    return out


def parse_lexicon(text: str) -> frozenset[str]:
    """``lexicon.txt``: one correctly spelled word per line."""
    return frozenset(w.strip() for w in _lines(text))


def parse_confusions(text: str) -> tuple[tuple[str, str], ...]:
    """``confusions.tsv``: ``damaged<TAB>intended`` per line, e.g. ``ii	ü``."""
    pairs = []
    for line in _lines(text):
        damaged, sep, intended = line.partition("\t")
        if not sep:
            raise ValueError(f"confusions: expected 'damaged<TAB>intended', got {line!r}")
        pairs.append((damaged, intended.strip()))
    return tuple(pairs)


def _partners(tables: list[dict[str, Any]]) -> list[PartnerInfo]:
    return [
        PartnerInfo(ags=t["ags"], kind=t["kind"], name=t["name"], forms=tuple(t["forms"]), seat=t["seat"])
        for t in tables
    ]


def _merge_user(base: Knowledge, path: Path) -> Knowledge:
    """Add a user corrections file: new words, confusions, roles, partner name forms."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read corrections file {path}: {exc}; fix or remove it") from None
    partners = {p.ags: p for p in base.partners}
    for t in data.get("partner", []):
        ags = t.get("ags")
        if ags not in partners:
            raise UsageError(f"corrections file {path}: unknown partner AGS {ags!r}; use one of the 26 keys")
        old = partners[ags]
        partners[ags] = PartnerInfo(
            old.ags, old.kind, old.name, old.forms + tuple(t.get("forms", [])), old.seat
        )
    roles = base.roles + tuple(Role(t["name"], t["side"]) for t in data.get("role", []))
    words = base.lexicon | frozenset(data.get("words", []))
    confusions = base.confusions + tuple((c["damaged"], c["intended"]) for c in data.get("confusion", []))
    return Knowledge(
        partners=tuple(partners.values()),
        ministry_abbreviation=base.ministry_abbreviation,
        ministries=base.ministries,
        ministers=base.ministers,
        roles=roles,
        categories=base.categories,
        section_titles=base.section_titles,
        lexicon=words,
        confusions=confusions,
    )


@functools.cache
def _builtin() -> Knowledge:
    partners = _read_toml("partners.toml")["partner"]
    min_data = _read_toml("ministries.toml")
    return Knowledge(
        partners=tuple(_partners(partners)),
        ministry_abbreviation=min_data["abbreviation"],
        ministries=tuple(
            MinistryName(t["name"], t["first_year"], t["last_year"]) for t in min_data["ministry"]
        ),
        ministers=tuple(
            Minister(t["name"], t["role"], t["first_year"], t["last_year"]) for t in min_data["minister"]
        ),
        roles=tuple(Role(t["name"], t["side"]) for t in _read_toml("roles.toml")["role"]),
        categories=tuple(
            Category(t["number"], t["name"], tuple(t["variants"]))
            for t in _read_toml("categories.toml")["category"]
        ),
        section_titles=tuple(
            SectionTitles(t["number"], tuple(t["titles"])) for t in _read_toml("sections.toml")["section"]
        ),
        lexicon=parse_lexicon(_read_text("lexicon.txt")),
        confusions=parse_confusions(_read_text("confusions.tsv")),
    )


@functools.cache
def load_knowledge(user_files: tuple[Path, ...] = ()) -> Knowledge:
    """The built-in data plus any user corrections files, loaded once per process."""
    knowledge = _builtin()
    for path in user_files:
        knowledge = _merge_user(knowledge, path)
    return knowledge
