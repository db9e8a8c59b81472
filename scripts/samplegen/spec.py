"""What one sample agreement says and how it looks, drawn from a seeded random generator.

A :class:`DocSpec` is the single source of a sample: the text, the born-digital PDF, the scans and
``expected.json`` are all derived from it, so the expected values cannot drift from what was
rendered. Every random choice goes through one ``random.Random`` seeded from the corpus seed and
the sample's name (crc32, not ``hash()``, which Python salts per process), so the same seed gives
the same corpus on any machine.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from . import facts
from .facts import PartnerFact

Variant = Literal["pdf", "txt", "txt-ocr", "scan300", "scan300-upside-down", "scan200-heavy", "tiff"]
Side = Literal["ministry", "partner"]

EXTENSIONS: dict[str, str] = {
    "pdf": ".pdf",
    "txt": ".txt",
    "txt-ocr": ".txt",
    "scan300": ".pdf",
    "scan300-upside-down": ".pdf",
    "scan200-heavy": ".pdf",
    "tiff": ".tif",
}
SCANNED: frozenset[str] = frozenset({"scan300", "scan300-upside-down", "scan200-heavy", "tiff"})


@dataclass(frozen=True)
class Signer:
    side: Side
    name: str
    role: str
    institution: tuple[str, ...]  # lines under the role ("des Landkreises Fulda")
    place: str
    date: dt.date
    date_text: str  # as printed ("8.8.23"); the line reads f"{place}, den {date_text}"
    handwritten: bool = False  # date left blank in print and written by hand on the scan


@dataclass(frozen=True)
class ProjectLine:
    """One line of the § 5 list; two titles when the line is an "A; B" pair."""

    category: int
    titles: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    font: str = "Arial"
    size: float = 11.0
    leading: float = 1.35  # times the font size
    margin_left: float = 72.0
    margin_right: float = 64.0
    margin_top: float = 72.0
    margin_bottom: float = 72.0
    title_page: bool = False  # title block alone on page 1
    justify: bool = False
    side_by_side: bool = False  # signature block in two columns (seed 001) or one after another
    header: int = 0  # 0 none, 1 "Zielvereinbarung 2023 – Landkreis X", 2 "AQB 2023 | Landkreis X"
    footer: int = 0  # 0 "Seite n von N", 1 "- n -", 2 "n"


@dataclass(frozen=True)
class DocSpec:
    name: str
    variant: Variant
    seed: int
    year: int
    partner: PartnerFact
    partner_form: str
    amount_cents: int
    amount_text: str
    projects: tuple[ProjectLine, ...]
    category_headings: tuple[tuple[int, str], ...]
    numbered: bool
    bullet: str  # "-", "•" or ""
    section5_title: str
    section6_title: str
    signers: tuple[Signer, Signer]
    layout: Layout = field(default_factory=Layout)

    @property
    def ext(self) -> str:
        return EXTENSIONS[self.variant]

    @property
    def ministry(self) -> str:
        return facts.ministry_name(self.year)

    def heading(self, category: int) -> str:
        return dict(self.category_headings)[category]

    def project_titles(self) -> list[tuple[int, str]]:
        return [(line.category, t) for line in self.projects for t in line.titles]


# --------------------------------------------------------------------------- grammar


def is_feminine(form: str) -> bool:
    """City forms ("Stadt Kassel", "Landeshauptstadt Wiesbaden") take die/der; Kreis forms der/des."""
    first = form.split(" ")[0]
    return first.lower().endswith("stadt") or first == "documenta"


def nominative(form: str) -> str:
    return ("die " if is_feminine(form) else "der ") + form


def dative(form: str) -> str:
    return ("der " if is_feminine(form) else "dem ") + form


def genitive(form: str) -> str:
    """ "des Landkreises Groß-Gerau", "des Lahn-Dill-Kreises", "der documenta Stadt Kassel"."""
    if is_feminine(form):
        return "der " + form
    first, _, rest = form.partition(" ")
    if first in ("Landkreis", "Kreis") and rest:
        return f"des {first}es {rest}"
    return f"des {form}es"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- formats


def format_amount(cents: int, style: int) -> str:
    """German thousands dots and decimal comma: "1.106.600 Euro", "1.106.600,00 €", "… EUR"."""
    euros, rest = divmod(cents, 100)
    whole = f"{euros:,}".replace(",", ".")
    with_cents = f"{whole},{rest:02d}"
    forms = [f"{whole} Euro", f"{with_cents} €", f"{whole} EUR", f"{with_cents} Euro", f"{with_cents} EUR"]
    if rest:  # a sum with cents is never written without them
        forms = [forms[1], forms[3], forms[4]]
    return forms[style % len(forms)]


def format_date(date: dt.date, style: int) -> str:
    """The date forms seen in signature blocks: "8.8.23", "08.09.2023", "12. März 2019", "8.9.2023"."""
    if style == 0:
        return f"{date.day}.{date.month}.{date.year % 100:02d}"
    if style == 1:
        return f"{date.day:02d}.{date.month:02d}.{date.year}"
    if style == 2:
        return f"{date.day}. {facts.MONTHS[date.month - 1]} {date.year}"
    return f"{date.day}.{date.month}.{date.year}"


# --------------------------------------------------------------------------- drawing a spec


def sample_seed(base_seed: int, name: str) -> int:
    return zlib.crc32(f"{base_seed}:{name}".encode())


def _person(rng: random.Random, gender: str) -> str:
    first = rng.choice(facts.FIRST_NAMES_F if gender == "f" else facts.FIRST_NAMES_M)
    return f"{first} {rng.choice(facts.LAST_NAMES)}"


def _partner_signer(rng: random.Random, partner: PartnerFact, form: str) -> tuple[str, str, tuple[str, ...]]:
    roles = facts.ROLES_STADT if partner.kind == "kreisfreie Stadt" else facts.ROLES_LANDKREIS
    m, f, _ = rng.choices(roles, weights=[w for *_, w in roles])[0]
    gender = rng.choice("mf")
    return _person(rng, gender), (f if gender == "f" else m), (genitive(form),)


def _ministry_institution(year: int) -> tuple[str, ...]:
    if year >= facts.RENAME_YEAR:
        return ("Hessisches Ministerium", "für Arbeit, Integration,", "Jugend und Soziales")
    return ("Hessisches Ministerium", "für Soziales und Integration")


def _dates(rng: random.Random, year: int) -> tuple[dt.date, dt.date]:
    """Partner and ministry sign a few weeks apart, within the budget year."""
    first = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(30, 290))
    second = first + dt.timedelta(days=rng.randint(0, 45))
    return (first, second) if rng.random() < 0.5 else (second, first)


def _projects(rng: random.Random, spec_year: int, seat: str, count: int) -> tuple[ProjectLine, ...]:
    cats = sorted(rng.choices([1, 2, 3, 4], weights=[3, 2.5, 3.5, 1.2], k=count))
    used: set[str] = set()
    lines: list[ProjectLine] = []
    pair_at = rng.randrange(count) if count >= 3 and rng.random() < 0.45 else -1
    i = 0
    while i < count:
        cat = cats[i]
        if i == pair_at and i + 1 < count and cats[i + 1] == cat:
            a, b = rng.choice(facts.PROJECT_PAIRS[cat])
            if a not in used:
                used.update((a, b))
                lines.append(ProjectLine(cat, (a, b)))
                i += 2
                continue
        pool = [p for p in facts.PROJECTS[cat] if p not in used and (spec_year >= 2022 or "Ukraine" not in p)]
        title = rng.choice(pool)
        used.add(title)
        title = title.format(seat=seat.split(" (")[0], year=spec_year, next_year=spec_year + 1)
        lines.append(ProjectLine(cat, (title,)))
        i += 1
    return tuple(lines)


def _headings(rng: random.Random, year: int) -> tuple[tuple[int, str], ...]:
    out = []
    for cat in (1, 2, 3, 4):
        name = facts.CATEGORY_NAMES[cat]
        variants = facts.CATEGORY_VARIANTS[cat]
        if variants and (cat != 1 or year >= facts.RENAME_YEAR) and rng.random() < (0.6 if cat == 1 else 0.3):
            name = variants[0]
        out.append((cat, name))
    return tuple(out)


def draw_spec(name: str, variant: Variant, ags: str, year: int, seed: int, **overrides: Any) -> DocSpec:
    """Draw every free choice of one sample. ``overrides`` pin a few for coverage: ``n_projects``,
    ``handwritten`` (dates written by hand), ``side_by_side``, and any :class:`Layout` field."""
    rng = random.Random(seed)
    partner = facts.partner_by_ags(ags)
    form = rng.choice(partner.forms)
    euros = rng.randint(3_000, 32_000) * 100
    cents = euros * 100 + (rng.choice([50, 2_575, 40_000, 12_345]) if rng.random() < 0.15 else 0)
    amount_text = format_amount(cents, rng.randrange(5))
    n_projects = (
        overrides.pop("n_projects", None)
        or rng.choices(range(1, 13), weights=[2, 3, 4, 5, 6, 6, 5, 4, 3, 2, 2, 2])[0]
    )
    projects = _projects(rng, year, partner.seat, n_projects)
    numbered = rng.random() < 0.5
    bullet = rng.choice(["-", "-", "•", ""])
    if rng.random() < 0.5:
        s5 = f"Ziele für die Umsetzung {genitive(form)}"
    else:
        s5 = f"Ziele für die Umsetzung {'in der' if is_feminine(form) else 'im'} {form}"
    s6 = (
        "Zielsteuerung"
        if year >= facts.RENAME_YEAR
        else rng.choice(["Zielsteuerungsdialoge"] * 3 + ["Zielsteuerungsdialog"])
    )
    handwritten = bool(overrides.pop("handwritten", False))
    min_name, min_role = facts.minister(year)
    p_name, p_role, p_inst = _partner_signer(rng, partner, form)
    d_min, d_par = _dates(rng, year)
    signers = (
        Signer(
            "ministry",
            min_name,
            min_role,
            _ministry_institution(year),
            "Wiesbaden",
            d_min,
            format_date(d_min, rng.randrange(4)),
            handwritten,
        ),
        Signer(
            "partner",
            p_name,
            p_role,
            p_inst,
            partner.seat,
            d_par,
            format_date(d_par, rng.randrange(4)),
            handwritten,
        ),
    )
    layout = Layout(
        font=rng.choice(["Arial", "Arial", "Arial", "TimesNewRoman"]),
        size=rng.choice([10.5, 11.0, 11.0, 11.5, 12.0]),
        leading=rng.choice([1.25, 1.3, 1.35, 1.45]),
        margin_left=rng.choice([65.0, 72.0, 85.0]),
        margin_right=rng.choice([55.0, 64.0, 72.0]),
        margin_top=rng.choice([64.0, 72.0]),
        margin_bottom=rng.choice([64.0, 72.0]),
        title_page=rng.random() < 0.35,
        justify=rng.random() < 0.5,
        side_by_side=rng.random() < 0.45,
        header=rng.randrange(3),
        footer=rng.randrange(3),
    )
    layout = replace(layout, **{k: v for k, v in overrides.items() if hasattr(layout, k)})
    unknown = set(overrides) - set(Layout.__dataclass_fields__)
    if unknown:
        raise TypeError(f"unknown overrides: {sorted(unknown)}")
    return DocSpec(
        name=name,
        variant=variant,
        seed=seed,
        year=year,
        partner=partner,
        partner_form=form,
        amount_cents=cents,
        amount_text=amount_text,
        projects=projects,
        category_headings=_headings(rng, year),
        numbered=numbered,
        bullet=bullet,
        section5_title=s5,
        section6_title=s6,
        signers=signers,
        layout=layout,
    )


SECTION_TITLES_FIXED = {
    1: "Ausbildungs- und Qualifizierungsbudget",
    2: "Verpflichtungen der Vereinbarungspartner",
    3: "Umsetzung der UN-Behindertenrechtskonvention",
    4: "Haushaltsmittel und Eckdaten",
    7: "Kontinuierlicher Verbesserungsprozess",
}


def section_titles(spec: DocSpec) -> dict[int, str]:
    titles = dict(SECTION_TITLES_FIXED)
    titles[5] = spec.section5_title
    titles[6] = spec.section6_title
    return dict(sorted(titles.items()))


def expected(spec: DocSpec, pages: int) -> dict[str, Any]:
    """The sample's ``expected.json``: the seeds' shape plus ``variant`` and ``pages``.

    A date written by hand is expected as null (the contract: never a guess presented as certain);
    ``date_handwritten`` keeps the true date so the evaluation can also accept a correct reading.
    """
    signatories = []
    for s in spec.signers:
        entry: dict[str, Any] = {
            "side": s.side,
            "name": s.name,
            "role": s.role,
            "place": s.place,
            "date": None if s.handwritten else s.date.isoformat(),
        }
        if s.handwritten:
            entry["date_handwritten"] = s.date.isoformat()
        signatories.append(entry)
    return {
        "_note": "Generated by scripts/generate_samples.py; shape of shared/seeds/*.expected.json.",
        "variant": spec.variant,
        "pages": pages,
        "year": spec.year,
        "partner": {"name": spec.partner.name, "kind": spec.partner.kind, "ags": spec.partner.ags},
        "ministry": {"name": spec.ministry, "abbreviation": facts.MINISTRY_ABBREVIATION},
        "amount_eur": spec.amount_cents / 100,
        "projects": [{"category": c, "title": t} for c, t in spec.project_titles()],
        "signatories": signatories,
        "section_titles": {str(k): v for k, v in section_titles(spec).items()},
    }
