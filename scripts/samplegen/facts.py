"""Public facts about AQB agreements, typed in from ``shared/facts.md``, plus invented vocabulary.

Why a second copy of what ``corrections/`` already holds: the samples are the yardstick for the
pipeline, so their truth must not come from the pipeline's own data. If someone breaks an AGS key
in ``corrections/partners.toml``, a generator that read it would write the same wrong key into
``expected.json`` and the evaluation would stay green. ``tests/test_generator.py`` checks that
both copies agree, so a slip in either one shows up.

All strings are limited to what the PDF standard fonts can encode (cp1252): no "ı", "ş" etc.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["Landkreis", "kreisfreie Stadt"]
Gender = Literal["m", "f"]


@dataclass(frozen=True)
class PartnerFact:
    ags: str
    kind: Kind
    name: str
    forms: tuple[str, ...]
    seat: str


PARTNERS: tuple[PartnerFact, ...] = (
    PartnerFact(
        "06411",
        "kreisfreie Stadt",
        "Darmstadt",
        ("Wissenschaftsstadt Darmstadt", "Stadt Darmstadt"),
        "Darmstadt",
    ),
    PartnerFact(
        "06412", "kreisfreie Stadt", "Frankfurt am Main", ("Stadt Frankfurt am Main",), "Frankfurt am Main"
    ),
    PartnerFact(
        "06413",
        "kreisfreie Stadt",
        "Offenbach am Main",
        ("Stadt Offenbach am Main", "Stadt Offenbach"),
        "Offenbach am Main",
    ),
    PartnerFact("06414", "kreisfreie Stadt", "Wiesbaden", ("Landeshauptstadt Wiesbaden",), "Wiesbaden"),
    PartnerFact("06611", "kreisfreie Stadt", "Kassel", ("documenta Stadt Kassel", "Stadt Kassel"), "Kassel"),
    PartnerFact("06431", "Landkreis", "Bergstraße", ("Kreis Bergstraße",), "Heppenheim"),
    PartnerFact("06432", "Landkreis", "Darmstadt-Dieburg", ("Landkreis Darmstadt-Dieburg",), "Darmstadt"),
    PartnerFact(
        "06433", "Landkreis", "Groß-Gerau", ("Landkreis Groß-Gerau", "Kreis Groß-Gerau"), "Groß-Gerau"
    ),
    PartnerFact("06434", "Landkreis", "Hochtaunuskreis", ("Hochtaunuskreis",), "Bad Homburg v. d. Höhe"),
    PartnerFact("06435", "Landkreis", "Main-Kinzig-Kreis", ("Main-Kinzig-Kreis",), "Gelnhausen"),
    PartnerFact("06436", "Landkreis", "Main-Taunus-Kreis", ("Main-Taunus-Kreis",), "Hofheim am Taunus"),
    PartnerFact("06437", "Landkreis", "Odenwaldkreis", ("Odenwaldkreis",), "Erbach"),
    PartnerFact("06438", "Landkreis", "Offenbach", ("Kreis Offenbach",), "Dietzenbach"),
    PartnerFact("06439", "Landkreis", "Rheingau-Taunus-Kreis", ("Rheingau-Taunus-Kreis",), "Bad Schwalbach"),
    PartnerFact("06440", "Landkreis", "Wetteraukreis", ("Wetteraukreis",), "Friedberg (Hessen)"),
    PartnerFact("06531", "Landkreis", "Gießen", ("Landkreis Gießen",), "Gießen"),
    PartnerFact("06532", "Landkreis", "Lahn-Dill-Kreis", ("Lahn-Dill-Kreis",), "Wetzlar"),
    PartnerFact(
        "06533", "Landkreis", "Limburg-Weilburg", ("Landkreis Limburg-Weilburg",), "Limburg a. d. Lahn"
    ),
    PartnerFact("06534", "Landkreis", "Marburg-Biedenkopf", ("Landkreis Marburg-Biedenkopf",), "Marburg"),
    PartnerFact("06535", "Landkreis", "Vogelsbergkreis", ("Vogelsbergkreis",), "Lauterbach"),
    PartnerFact("06631", "Landkreis", "Fulda", ("Landkreis Fulda",), "Fulda"),
    PartnerFact(
        "06632", "Landkreis", "Hersfeld-Rotenburg", ("Landkreis Hersfeld-Rotenburg",), "Bad Hersfeld"
    ),
    PartnerFact("06633", "Landkreis", "Kassel", ("Landkreis Kassel",), "Kassel"),
    PartnerFact("06634", "Landkreis", "Schwalm-Eder-Kreis", ("Schwalm-Eder-Kreis",), "Homberg (Efze)"),
    PartnerFact("06635", "Landkreis", "Waldeck-Frankenberg", ("Landkreis Waldeck-Frankenberg",), "Korbach"),
    PartnerFact("06636", "Landkreis", "Werra-Meißner-Kreis", ("Werra-Meißner-Kreis",), "Eschwege"),
)

MINISTRY_ABBREVIATION = "HMSI"
MINISTRY_OLD = "Hessisches Ministerium für Soziales und Integration"
MINISTRY_NEW = "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales"
RENAME_YEAR = 2024
YEARS = range(2016, 2027)


def partner_by_ags(ags: str) -> PartnerFact:
    return next(p for p in PARTNERS if p.ags == ags)


def ministry_name(year: int) -> str:
    """The ministry's name in the agreements of a budget year (renamed with the 2024 cabinet)."""
    return MINISTRY_NEW if year >= RENAME_YEAR else MINISTRY_OLD


def minister(year: int) -> tuple[str, str]:
    """(name, title) of the minister who signs the agreement of a budget year."""
    if year <= 2018:
        return "Stefan Grüttner", "Staatsminister"
    if year <= 2023:
        return "Kai Klose", "Staatsminister"
    return "Heike Hofmann", "Staatsministerin"


# Partner-side roles by kind, as (masculine, feminine) pairs. Landrat and Oberbürgermeister sign most.
ROLES_LANDKREIS: tuple[tuple[str, str, int], ...] = (
    ("Landrat", "Landrätin", 6),
    ("Erster Kreisbeigeordneter", "Erste Kreisbeigeordnete", 3),
    ("Kreisbeigeordneter", "Kreisbeigeordnete", 2),
)
ROLES_STADT: tuple[tuple[str, str, int], ...] = (
    ("Oberbürgermeister", "Oberbürgermeisterin", 6),
    ("Bürgermeister", "Bürgermeisterin", 2),
    ("Stadtrat", "Stadträtin", 2),
)

FIRST_NAMES_M = (
    "Jürgen",
    "Björn",
    "Sören",
    "Jörg",
    "Günter",
    "Matthias",
    "Thomas",
    "Uwe",
    "Andreas",
    "Ralf",
    "Bernd",
    "Klaus-Dieter",
    "Hans-Jürgen",
    "Torsten",
    "Oliver",
    "Tobias",
    "Adil",
    "Mustafa",
    "Özcan",
    "Lars",
    "Dirk",
    "Rüdiger",
    "Götz",
    "Jens",
    "Frank-Peter",
    "Ömer",
)
FIRST_NAMES_F = (
    "Bärbel",
    "Jördis",
    "Anja",
    "Susanne",
    "Özlem",
    "Kübra",
    "Sabine",
    "Katrin",
    "Birgit",
    "Ute",
    "Claudia",
    "Dörte",
    "Gülsen",
    "Martina",
    "Renate",
    "Jutta",
    "Annegret",
    "Christiane",
    "Süheyla",
    "Marlies",
    "Gönül",
    "Hannelore",
)
LAST_NAMES = (
    "Müller",
    "Schäfer",
    "Köhler",
    "Jäger",
    "Krüger",
    "Böhm",
    "Weiß",
    "Groß",
    "Fröhlich",
    "Häußler",
    "Strauß",
    "Süß",
    "Nöll",
    "Öztürk",
    "Löffler",
    "Brückner",
    "Mößner",
    "Schüßler",
    "Wagner",
    "Becker",
    "Schmitt",
    "Bräutigam",
    "Kößler",
    "Dörr",
    "Hübner",
    "Görlach",
    "Rößler",
    "Bühler",
    "Wöhrle",
    "Grünewald",
    "Eßer",
    "Schölch",
    "Oyan",
    "Demirtas",
    "Lämmerhirt",
    "Fuß",
    "von Bülow",
    "Kühn-Weißbrod",
    "Sauer",
    "Ströbel",
)

CATEGORY_NAMES = {
    1: "Ausbildungsvorbereitung",
    2: "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen",
    3: "Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung",
    4: (
        "Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der fachlichen "
        "Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung"
    ),
}
# Other headings documents use (facts.md / corrections/categories.toml).
CATEGORY_VARIANTS = {
    1: ("Ausbildungs- und Qualifizierungsvorbereitung",),  # from 2024 on
    2: (),
    3: ("Qualifizierungsprojekte zur Arbeitsmarktintegration und Fachkräftesicherung",),
    4: ("Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte",),
}

# Project names: invented but in the style of real ones (acronyms, quotes, colons, dashes, years),
# deliberately heavy in ä/ö/ü/ß, which is where Tesseract's German model goes wrong.
PROJECTS: dict[int, tuple[str, ...]] = {
    1: (
        "FAuB",
        "PersA 3.0",
        "Inmigra - Integrationsmaßnahme für SuS mit oder ohne Migrationsgeschichte",
        "Berufsorientierung für Schülerinnen und Schüler mit Förderbedarf",
        "Übergangsmanagement Schule - Beruf",
        "Jugendwerkstatt {seat} - Grundqualifizierung",
        "Fit für die Ausbildung (FiA)",
        "Praxisklassen an Haupt- und Förderschulen",
        "Kompetenzfeststellung und Berufswegeplanung",
        "Sprachförderung für zugewanderte Jugendliche",
        "Ausbildungslotsen an beruflichen Schulen",
        "Schulverweigerung - Die 2. Chance",
        "Produktionsschule {seat}",
        "Mädchen- und Frauenförderung im Übergang Schule - Beruf",
        "Außerschulischer Lernort Kfz-Werkstatt",
        "Berufsvorbereitung für Geflüchtete „Perspektive Zukunft“",
        "Jugendberufshilfe: Einstiegsqualifizierung Plus",
        "Werkstattjahr Grün- und Landschaftsbau",
        "Coaching für Jugendliche ohne Schulabschluss",
        "Lernwerkstatt „Zukunft gestalten“",
    ),
    2: (
        "Berufsausbildung in außerbetrieblichen Einrichtungen (BaE)",
        "Teilzeitausbildung für Alleinerziehende",
        "Ausbildungscoaching für Geflüchtete",
        "Azubi-Sprachcoaching",
        "Assistierte Ausbildung in der Altenpflegehilfe",
        "Ausbildungsbegleitende Hilfen in Gesundheitsberufen",
        "Verbundausbildung Fachkraft für Lagerlogistik",
        "Begleitung von Auszubildenden mit Fluchterfahrung",
        "Ausbildungsplatzakquise für Jugendliche mit Behinderung",
        "Ausbildungsabbrüche verhindern - „Bleib dran!“",
        "Teilzeitberufsausbildung - Servicestelle {seat}",
        "Kooperative Ausbildung Gärtner/-in Garten- und Landschaftsbau",
        "Ausbildung zur Hauswirtschafterin / zum Hauswirtschafter",
        "Ausbildungscoaching im Handwerk: Maler/-innen und Lackierer/-innen",
        "Überbetriebliche Ausbildung Küche und Service",
    ),
    3: (
        "Fachstelle Neuzugewanderte",
        'Sprachkurse für Mütter mit Kinderbetreuung - "Sprachcafé"',
        "Anerkennungsberatung und -begleitung für Geflüchtete mit ausländ. Berufsabschlüssen",
        "Fachkräfteoffensive: Anerkennungspraktika, Qualifizierungen und Einzelförderungen",
        "Qualifizierung zur Alltagsbegleiterin / zum Alltagsbegleiter",
        "Berufsbezogene Deutschförderung für Geflüchtete",
        "Grundqualifizierung Gebäudereinigung",
        "Fachkräftesicherung in der Pflege - Qualifizierung zur Pflegehelferin",
        "Küchenhelferqualifizierung „Frischküche“",
        "Digitale Grundbildung für Ältere (Ü50)",
        "Führerscheinförderung für Langzeitarbeitslose",
        "Gärtnerische Qualifizierung im Grünflächenamt",
        "Qualifizierung Straßen- und Tiefbauhelfer/-innen",
        "Frauen in Männerberufen - Qualifizierung Schweißtechnik",
        "Brückenkurs Mathematik für Quereinsteigerinnen und Quereinsteiger",
        "Sprach- und Qualifizierungsangebote für Geflüchtete aus der Ukraine",
        "Jobcoaching für Menschen mit psychischen Beeinträchtigungen",
        "Nachqualifizierung Berufskraftfahrer/-innen (Güterverkehr)",
    ),
    4: (
        "Schulung Mitarbeiterschaft",
        "Weiterbildungspaket Anerkennungsberatung",
        "Weiterbildung der Projektbeschäftigten: Einzelmaßnahmen",
        "Fortschreibung und Vernetzung: Arbeitsmarktdialog und -strategie {next_year}",
        "Fortbildung interkulturelle Kompetenz für Fachkräfte",
        "Supervision und Fallberatung für Jobcoaches",
        "Qualifizierung der Fallmanagerinnen und Fallmanager",
        "Fachtag „Übergänge gestalten“ {year}",
        "Schulung Gesprächsführung in schwierigen Beratungssituationen",
        "Weiterbildung Datenschutz und Schweigepflicht in der Beratung",
    ),
}

# Pairs written on one bullet, "A; B" (seed 000 has one): both halves are projects.
PROJECT_PAIRS: dict[int, tuple[tuple[str, str], ...]] = {
    1: (("Berufseinstiegsbegleitung Hauptschule", "Berufseinstiegsbegleitung Förderschule"),),
    2: (
        ("Ausbildung 3 Jahre - kooperatives BaE-Modell", "Ausbildung 3 Jahre - integratives BaE-Modell"),
        ("Teilzeitausbildung Modul Kinderbetreuung", "Teilzeitausbildung Modul Prüfungsvorbereitung"),
    ),
    3: (("Qualifizierung Lagerhelfer/-in", "Qualifizierung Küchenhelfer/-in"),),
    4: (("Fortbildung Fallmanagement I", "Fortbildung Fallmanagement II"),),
}

MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
