"""The wording of an agreement, as a list of blocks, from a :class:`DocSpec`.

The paragraphs are the seeds' own (seed 000 for budget years up to 2023, seed 001 — repaired by
hand — from 2024 on), with the partner, the ministry, the year and the amount filled in and
declined properly. Real agreements barely change their wording from partner to partner; what
varies is exactly what the generator varies. Both the PDF layout and the plain-text variants are
made from these blocks, so a sample's text and its rendering can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .spec import DocSpec, cap, dative, genitive, nominative

BlockKind = Literal[
    "title", "year", "center", "heading", "subheading", "para", "amount", "cat", "item", "pagebreak"
]


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str = ""
    bullet: str = ""  # for items: "-", "•" or ""


def _buendnis(year: int) -> str:
    if year <= 2019:
        return "2015 bis 2019"
    if year <= 2024:
        return "2020 bis 2024"
    return "2025 bis 2029"


def _preamble(spec: DocSpec) -> str:
    return (
        "Erfolgreiche Arbeitsmarktpolitik bindet die regionalen Akteure des Arbeitsmarktes in eine gemeinsame, "
        "auf die Zukunftsanforderungen fokussierte Strategie ein. Dafür will das "
        f"{spec.ministry.replace('Hessisches', 'Hessische', 1)} (HMSI) regionale Handlungs- und Entscheidungsspielräume eröffnen und vereinbart "
        "dazu Ziele mit den Kreisen und kreisfreien Städten. Bei allen Maßnahmen und Angeboten, die über das "
        "Ausbildungs- und Qualifizierungsbudget umgesetzt werden, orientiert sich das HMSI an den "
        "landespolitischen Zielsetzungen der Arbeitsmarktpolitik, dem „Bündnis für Ausbildung für die Jahre "
        f"{_buendnis(spec.year)}“, dem Fachkonzept „Arbeitswelt Hessen“ des HMSI sowie an der regionalen "
        f"Arbeitsmarkt- und Ausbildungsstrategie {genitive(spec.partner_form)}. Die Maßnahmen sind grundsätzlich "
        "genderadäquat, ohne Altersbegrenzungen und inklusiv angelegt und überdies den Leitlinien der "
        "UN-Behindertenrechtskonvention verpflichtet."
    )


def _section1_old(year: int) -> list[str]:
    first = (
        f"Das HMSI verfolgt mit dem Ausbildungs- und Qualifizierungsbudget {year} das Ziel, die "
        "Ausbildungsfähigkeit von benachteiligten Menschen zu steigern, ihre Beschäftigungsfähigkeit zu sichern, "
        "ihnen Ausbildungsabschlüsse zu ermöglichen und sie durch längerfristige, flexible und arbeitsmarktnahe "
        "Qualifizierung zu einer eigenständigen Existenzsicherung zu befähigen. Ein querschnittsorientierter "
        "Handlungsansatz des Budgets ist, dass die Sprachkompetenz parallel mit den beruflichen Fähigkeiten "
        "aufgebaut wird."
    )
    if year >= 2021:
        first += (
            " Durch die Auswirkungen der Corona-Pandemie hat sich die digitale Transformation der Arbeitswelt "
            "weiter beschleunigt. In der Folge gewinnt die zielgruppengerechte Förderung digitaler Kompetenzen "
            "noch stärker an Bedeutung und wird zu einem wesentlichen Baustein für die nachhaltige Eingliederung "
            "von benachteiligten Menschen in den Ausbildungs- und Arbeitsmarkt."
        )
    if year >= 2019:
        first += (
            " Darüber hinaus ist es dem Land Hessen wichtig, Menschen mit familiensorgenden Tätigkeiten einen "
            "vollqualifizierenden Berufsabschluss zu ermöglichen. Daher werden zusätzliche Mittel prioritär für "
            "die Förderung von Teilzeitausbildungen bereitgestellt."
        )
    return [
        first,
        "Schwerpunkte im Ausbildungs- und Qualifizierungsbudget sind Maßnahmen zur Ausbildungsvorbereitung, zu "
        "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen, Qualifizierungsprojekte zur "
        "Arbeitsmarktintegration und Fachkräftesicherung sowie Weiterbildungen des Fachpersonals der "
        "Gebietskörperschaften mit Teilnehmendenbezug.",
        "Die Optimierung der Schnittstellen zu allen Akteuren der Rechtskreise SGB II, III, VIII, XII und AsylbLG "
        "und die verstärkte Einbindung der regionalen Akteure von Arbeitsmarkt und Wirtschaft gehört zu den "
        "Zielen des HMSI.",
    ]


def _section1_new(year: int) -> list[str]:
    return [
        f"Das HMSI verfolgt mit dem Ausbildungs- und Qualifizierungsbudget {year} das Ziel, die "
        "Ausbildungsfähigkeit von benachteiligten Menschen zu steigern, ihre Beschäftigungsfähigkeit zu sichern, "
        "ihnen Ausbildungsabschlüsse zu ermöglichen und sie durch längerfristige, flexible und arbeitsmarktnahe "
        "Qualifizierung zu einer eigenständigen Existenzsicherung zu befähigen. Querschnittsorientierte "
        "Handlungsansätze des Budgets bieten den regional interagierenden Akteuren des Arbeitsmarktes die "
        "Vielfalt, berufliche und qualifikatorische Angebote für möglichst individuelle Bedarfslagen von "
        "verschiedensten Zielgruppen anzubieten. Menschen mit ihren jeweiligen Bedürfnissen und "
        "Herausforderungen ernst zu nehmen und bei ihrem Weg in Ausbildung und Beschäftigung zu unterstützen, "
        "betrachtet das HMSI als zentralen Baustein für eine erfolgversprechende und nachhaltige Integration in "
        "unsere Gesellschaft.",
        "Bei der Erreichung dieses Ziels setzt das HMSI auf einen rechtskreisübergreifenden Förderansatz in den "
        "hessischen Kreisen und kreisfreien Städten. Nur wenn die einzelnen Rechtskreise SGB II, III, VIII, XII "
        "und AsylbLG sinnvoll zusammenwirken, alle Zielgruppen – inklusive der sog. Stillen Reserve – und weitere "
        "regionale Akteure aus Arbeitsmarkt und Wirtschaft potenziell einbezogen sind, können "
        "Unterstützungsstrukturen geschaffen werden, die ein selbstbestimmtes Leben auch in herausfordernden "
        "Lebenslagen ermöglichen.",
        "Dem Land Hessen ist es wichtig, Menschen mit familiensorgenden Tätigkeiten einen vollqualifizierenden "
        "Berufsabschluss zu ermöglichen. Daher werden spezifisch Mittel für Maßnahmen zur Ermöglichung von "
        "Teilzeitausbildungen bereitgestellt. Über die im Rahmen des ESF Hessen geförderte „Servicestelle "
        "Teilzeit-Ausbildung“ unterstützt das HMSI die Zusammenarbeit aller regionalen Akteure am Übergang "
        "Schule-Beruf.",
        "Schwerpunkte im Ausbildungs- und Qualifizierungsbudget sind Maßnahmen zur Ausbildungs- und "
        "Qualifizierungsvorbereitung, zu Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen, "
        "Qualifizierungsprojekte zur Arbeitsmarktintegration und Fachkräftesicherung sowie Weiterbildungen des "
        "Fachpersonals der Gebietskörperschaften mit Teilnehmendenbezug.",
    ]


def _section2(spec: DocSpec) -> list[str]:
    form, year = spec.partner_form, spec.year
    minist = spec.ministry.replace("Hessisches", "Das Hessische", 1)
    first = (
        f"{minist} und {nominative(form)} setzen die ihnen zur Verfügung stehenden Kompetenzen dafür ein, dass "
        "die in § 5 vereinbarten Ziele erreicht werden. Die Entscheidung über den Mitteleinsatz erfolgt im Kontext "
        f"der von {dative(form)} bereits erarbeiteten und regelmäßig zu aktualisierenden regionalen Ausbildungs- "
        "und Arbeitsmarktstrategie, die mit den regionalen Akteuren der Rechtskreise SGB II, III, VIII, XII und "
        "AsylbLG, der Wirtschaft und – für den Bereich des Übergangs von der Schule in den Beruf – mit den "
        "regionalen OloV-Steuerungsgruppen abgestimmt ist."
    )
    out = [first]
    if year >= 2016:
        second = (
            f"Im Jahr {year} werden erneut Landesmittel für spezifische Sprachförderangebote und Qualifizierungen "
            "im Rahmen des AQB zur Verfügung gestellt. Die geförderten Angebote sind durch eine hohe Individualität "
            "und Vielfalt gekennzeichnet."
        )
        if year in (2022, 2023):
            second += (
                f" {cap(nominative(form))} ermöglicht grundsätzlich auch ukrainischen Geflüchteten die Teilnahme an "
                "entsprechenden Sprach- und Qualifizierungsangeboten, um deren gesellschaftliches und "
                "arbeitsmarktbezogenes Ankommen zu erleichtern."
            )
        out.append(second)
    return out


def _section3(spec: DocSpec) -> str:
    genitive_ministry = spec.ministry.replace("Hessisches Ministerium", "Hessischen Ministeriums", 1)
    return (
        f"Die Integration in das Erwerbsleben stellt aus der Sicht des {genitive_ministry} eine der "
        "vordringlichsten Maßnahmen zur Förderung der Teilhabe von Menschen mit Behinderungen dar. Auch "
        "angesichts der demografischen Entwicklung und eines damit verbundenen aktuellen und zukünftigen "
        "Fachkräftemangels kommt der nachhaltigen Förderung von Maßnahmen zur Integration von Menschen mit "
        "Behinderungen in den Arbeitsprozess eine große Bedeutung zu."
    )


def _section6(spec: DocSpec) -> list[str]:
    form, year = spec.partner_form, spec.year
    deviations = (
        "Unterjährige Abweichungen von den in § 4 genannten Haushaltsmitteln und Eckdaten werden bei der "
        "Beurteilung der Zielerreichung berücksichtigt."
    )
    if spec.section6_title == "Zielsteuerung":
        return [
            f"{cap(nominative(form))} und das HMSI bleiben über die Entwicklung des Budgets {year} im engen "
            "Austausch. Dazu wird unter anderem eine Umsetzungsbesprechung im Herbst angesetzt.",
            deviations,
        ]
    return [
        f"{cap(nominative(form))} und das HMSI führen im Jahr {year} einen Zielsteuerungsdialog zum Stand der "
        "Umsetzung der Budgets.",
        deviations,
    ]


def _section7(spec: DocSpec) -> list[str]:
    return [
        f"{cap(nominative(spec.partner_form))} beteiligt sich an Umfragen und Tagungen des HMSI mit dem Ziel, "
        "Erfahrungen auszutauschen, gute Praxis zu identifizieren und neue Impulse für die regionale "
        "Arbeitsmarkt- und Ausbildungspolitik zu setzen.",
        "Die Zielvereinbarungen werden auf dem Internetportal des HMSI „Arbeitswelt Hessen“ veröffentlicht.",
    ]


def _project_blocks(spec: DocSpec) -> list[Block]:
    out: list[Block] = []
    last_cat = 0
    for line in spec.projects:
        if line.category != last_cat:
            heading = spec.heading(line.category)
            out.append(Block("cat", f"{line.category}. {heading}" if spec.numbered else heading))
            last_cat = line.category
        out.append(Block("item", "; ".join(line.titles), bullet=spec.bullet))
    return out


def compose(spec: DocSpec) -> list[Block]:
    """The agreement from title to § 7; the signature block is laid out separately."""
    form, year = spec.partner_form, spec.year
    b: list[Block] = [
        Block("title", "Zielvereinbarung"),
        Block("year", str(year)),
        Block("center", "zwischen"),
        Block("center", dative(spec.ministry.replace("Hessisches", "Hessischen", 1))),
        Block("center", "und"),
        Block("center", dative(form)),
        Block("center", "zur Umsetzung des hessischen Ausbildungs- und Qualifizierungsbudgets"),
    ]
    if spec.layout.title_page:
        b.append(Block("pagebreak"))
    b += [Block("heading", "Präambel"), Block("para", _preamble(spec))]

    def section(n: int, title: str) -> None:
        b.extend([Block("heading", f"§ {n}"), Block("heading", title)])

    section(1, "Ausbildungs- und Qualifizierungsbudget")
    b.append(Block("subheading", "Ziele des Landes"))
    paras = _section1_new(year) if year >= 2024 else _section1_old(year)
    b += [Block("para", p) for p in paras]
    section(2, "Verpflichtungen der Vereinbarungspartner")
    b += [Block("para", p) for p in _section2(spec)]
    section(3, "Umsetzung der UN-Behindertenrechtskonvention")
    b.append(Block("para", _section3(spec)))
    section(4, "Haushaltsmittel und Eckdaten")
    b += [
        Block("para", f"Das HMSI stellt {dative(form)} im Jahr {year} Haushaltsmittel in Höhe von insgesamt"),
        Block("amount", spec.amount_text),
        Block("para", f"aus dem Ausbildungs- und Qualifizierungsbudget {year} zur Verfügung."),
    ]
    section(5, spec.section5_title)
    b.append(
        Block(
            "para",
            f"{cap(nominative(form))} finanziert mit den Mitteln des Ausbildungs- und Qualifizierungsbudgets "
            f"{year} in den jeweiligen Maßnahmenarten folgende Projekte:",
        )
    )
    b += _project_blocks(spec)
    b.append(
        Block(
            "para",
            "Die Förderung der aufgeführten Maßnahmen erfolgt auf Basis und nach Maßgabe des – nach Antragstellung "
            f"durch {'die' if nominative(form).startswith('die') else 'den'} {form} vom Regierungspräsidium Kassel "
            "erlassenen – Bescheides.",
        )
    )
    section(6, spec.section6_title)
    b += [Block("para", p) for p in _section6(spec)]
    section(7, "Kontinuierlicher Verbesserungsprozess")
    b += [Block("para", p) for p in _section7(spec)]
    return b


def place_line(spec: DocSpec, side: int) -> str:
    s = spec.signers[side]
    return f"{s.place}, den" if s.handwritten else f"{s.place}, den {s.date_text}"


def signature_lines(spec: DocSpec, side: int) -> list[str]:
    """Name, role and institution lines of one signatory (under the space for the signature)."""
    s = spec.signers[side]
    return [s.name, s.role, *s.institution]


def plain_text(spec: DocSpec) -> str:
    """The agreement as clean text, the way seed 000 is written: one paragraph per line, blank
    lines between blocks, list items on consecutive lines, the signature block in seed 000's order.
    """
    out: list[str] = []
    prev = ""
    for block in compose(spec):
        if block.kind == "pagebreak":
            continue
        text = block.text
        if block.kind == "item":
            text = f"{block.bullet} {text}" if block.bullet else text
            sep = "\n" if prev == "item" else "\n\n"
        else:
            sep = "\n\n"
        out.append(sep + text if out else text)
        prev = block.kind
    body = "".join(out)
    sig = (
        f"\n\n{place_line(spec, 0)}\n\n{place_line(spec, 1)}\n\n\n\n"
        + "\n".join(signature_lines(spec, 0)[:1])
        + "\n\n"
        + "\n".join(signature_lines(spec, 0)[1:])
        + "\n\n\n\n"
        + "\n".join(signature_lines(spec, 1)[:1])
        + "\n\n"
        + "\n".join(signature_lines(spec, 1)[1:])
        + "\n"
    )
    return body + sig
