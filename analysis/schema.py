"""The data model of the evidence base (CONTRIBUTING.md, 'The evidence base') as pydantic models.

The models are the single source for validation and for the data dictionary in the methods
chapter: each field's description below is what that page prints."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from . import dates

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
FuzzyDate = Annotated[str, BeforeValidator(dates.normalise)]
Confidence = Literal["high", "moderate", "low"]

ACTOR_KINDS = ("state", "agency", "organisation", "forum", "armed-group", "person")
EVENT_KINDS = (
    "law",
    "institution",
    "incident",
    "operation",
    "arrests",
    "agreement",
    "membership",
    "meeting",
    "policy",
    "statement",
)
RELATION_KINDS = (
    "member-of",
    "party-to",
    "agreement",
    "legal-assistance",
    "joint-exercise",
    "intelligence-sharing",
    "capacity-building",
    "coordination",
    "oversight",
    "affiliation",
    "split-from",
    "succeeded-by",  # the source's functions passed to the target: a body renamed or absorbed
    "rivalry",
)
VERDICTS = ("supported", "partly-supported", "outdated", "contradicted", "misleading", "unverified")
SOURCE_KINDS = (
    "official",
    "intergovernmental",
    "news",
    "academic",
    "think-tank",
    "ngo",
    "encyclopaedia",
    "blog",
    "ai-generated",
)
GRADES = {
    "A": "official primary text: statute, gazette, government or intergovernmental document",
    "B": "established news agency or peer-reviewed work",
    "C": "national or regional media, think-tank commentary, reputable encyclopaedia",
    "D": "blog, aggregator or document-sharing site",
    "E": "known to be unreliable",
    "F": "reliability cannot be judged (e.g. content declared AI-generated)",
}

# The UK Professional Head of Intelligence Analysis (PHIA) probability yardstick, 2018.
YARDSTICK = {
    "remote chance": (0, 5),
    "highly unlikely": (10, 20),
    "unlikely": (25, 35),
    "realistic possibility": (40, 50),
    "likely": (55, 75),
    "highly likely": (80, 90),
    "almost certain": (95, 100),
}
Likelihood = Literal[tuple(YARDSTICK)]  # type: ignore[valid-type]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Actor(Model):
    id: Slug = Field(description="Unique slug, e.g. rmp-special-branch.")
    name: Text = Field(description="Full name.")
    short: Text | None = Field(None, description="Abbreviation used in figures.")
    kind: Literal[ACTOR_KINDS] = Field(description="One of: " + ", ".join(ACTOR_KINDS) + ".")  # type: ignore[valid-type]
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="ISO 3166-1 alpha-2 code, where the actor has one."
    )
    parent: Slug | None = Field(None, description="Actor id of the parent body (agency hierarchy).")
    founded: FuzzyDate | None = Field(None, description="Founding date, as precise as sourced.")
    sources: list[Slug] = Field(min_length=1, description="Keys in references.bib (at least one).")


class Event(Model):
    id: Slug = Field(description="Unique slug.")
    date: FuzzyDate = Field(description="YYYY-MM-DD, YYYY-MM or YYYY: as precise as the sources allow.")
    end_date: FuzzyDate | None = Field(None, description="End of a span (a standoff, a law until repeal).")
    kind: Literal[EVENT_KINDS] = Field(description="One of: " + ", ".join(EVENT_KINDS) + ".")  # type: ignore[valid-type]
    title: Text = Field(description="Short title.")
    summary: Text = Field(description="One to three sentences in our own words.")
    actors: list[Slug] = Field(default_factory=list, description="Actor ids involved.")
    place: Text | None = Field(None, description="Where it happened.")
    coords: tuple[float, float] | None = Field(
        None,
        description="[latitude, longitude] in degrees, for a place the gazetteer lacks (e.g. an island); "
        "must lie inside the regional map and needs a place.",
    )
    sources: list[Slug] = Field(
        min_length=1, description="Keys in references.bib; two independent ones where they exist."
    )
    dissent: list[Slug] = Field(
        default_factory=list,
        description="Those of its sources that give another date or figure than the record uses (the summary "
        "says which): cited so the disagreement shows, never picked to stand for the record in a short list.",
    )
    confidence: Confidence = Field(description="high, moderate or low: how sure we are the record is right.")
    tags: list[Slug] = Field(default_factory=list, description="Free slugs for grouping, e.g. detention.")
    persons: int | None = Field(
        None,
        ge=0,
        description="For an arrest operation (kind arrests): how many people it arrested or detained, as its "
        "sources count them; for an attack, how many took part; for a statement tagged named-relapse, how many "
        "of the former detainees it names as relapsed have no case record of their own; empty when they give "
        "no number.",
    )
    plotters: int | None = Field(
        None,
        ge=1,
        description="For a foiled plot: how many of the people held the police said planned or prepared the attack, "
        "where the sources single them out from the others held in the same sweep (helpers, people held over other "
        "cases); empty when they do not, and `persons` then sizes the plot. At most `persons`.",
    )

    @field_validator("dissent")
    @classmethod
    def _dissent_among_the_sources(cls, value, info: ValidationInfo):
        cited = info.data.get("sources") or []
        stray = [k for k in value if k not in cited]
        if stray:
            raise ValueError(f"{', '.join(stray)} not among the record's sources")
        if value and len(value) == len(cited):
            raise ValueError("every source dissents: then the record's date or figure has none")
        return value

    @field_validator("plotters")
    @classmethod
    def _plotters_among_the_held(cls, value, info: ValidationInfo):
        held = info.data.get("persons")
        if value is not None and held is not None and value > held:
            raise ValueError(f"{value} plotters, more than the {held} persons held")
        return value


class Relation(Model):
    id: Slug = Field(description="Unique slug.")
    source: Slug = Field(description="Actor id the edge starts from.")
    target: Slug = Field(description="Actor id the edge points to.")
    kind: Literal[RELATION_KINDS] = Field(description="One of: " + ", ".join(RELATION_KINDS) + ".")  # type: ignore[valid-type]
    start: FuzzyDate | None = Field(None, description="When it began, as precise as sourced (empty if unknown).")
    end: FuzzyDate | None = Field(None, description="When it ended; empty while still in force.")
    end_unknown: bool = Field(
        False,
        description="True when the sources do not date the tie's end: they report it only at a time and none "
        "says whether it still holds, or they call it a former tie without saying when it ended. `end` stays "
        "empty; the tie counts as in force only up to `reported` (on no date without it).",
    )
    reported: FuzzyDate | None = Field(
        None,
        description="With end_unknown: the date of the latest cited page that shows the tie (as precise as the page "
        "is dated), not of the act it reports: a yearly report published in 2006 on 2005 counts to 2006, the rule the "
        "checks apply (review 101); the tie counts as in force to the end of that day, month or year (and, with no "
        "start, from the date of its earliest cited page).",
    )
    recurs: Literal["annual"] | None = Field(
        None,
        description="With `reported`: the pages show the tie as a series held every year (an annual exercise, say); "
        "it counts as in force until a year after its last report, when the next would be due (review 85: the last "
        "report of a yearly series lapsed it between two editions). Not for a series a page shows missing years, by "
        "counting fewer editions than the years since it began or saying a year was missed (review 88).",
    )
    summary: Text = Field(description="One sentence in our own words.")
    sources: list[Slug] = Field(min_length=1, description="Keys in references.bib.")
    confidence: Confidence = Field(description="high, moderate or low.")

    @field_validator("recurs")
    @classmethod
    def _recurs_from_a_report(cls, value, info: ValidationInfo):
        if value and not info.data.get("reported"):
            raise ValueError("needs `reported`, the last time a page shows the series held (with end_unknown: true)")
        return value

    @field_validator("end_unknown")
    @classmethod
    def _no_end_when_unknown(cls, value, info: ValidationInfo):
        if value and info.data.get("end"):
            raise ValueError("true, but `end` gives a date: drop one of them")
        return value

    @field_validator("reported")
    @classmethod
    def _reported_with_unknown_end(cls, value, info: ValidationInfo):
        if value is None:
            return value
        if not info.data.get("end_unknown"):
            raise ValueError("is only for a tie whose end is unknown (end_unknown: true); give `end` otherwise")
        start = info.data.get("start")
        if start and dates.last_day(value) < dates.first_day(start):
            raise ValueError(f"{value} is before the tie's start, {start}")
        return value


class Claim(Model):
    id: Slug = Field(description="Unique slug, prefixed seed-.")
    seed: Annotated[str, StringConstraints(pattern=r"^\d{3}_[0-9a-f]{16}\.txt$")] = Field(
        description="File name of the seed article the claim comes from."
    )
    claim: Text = Field(description="The claim, paraphrased.")
    verdict: Literal[VERDICTS] = Field(description="One of: " + ", ".join(VERDICTS) + ".")  # type: ignore[valid-type]
    evidence: list[Slug] = Field(default_factory=list, description="Keys of the sources that decide it.")
    explanation: Text = Field(description="What the evidence shows, in our own words.")


def _web_address(value: str) -> str:
    # A BibTeX escape such as "\&" is not undone in a url field: the link would carry the backslash.
    if not re.fullmatch(r"https?://[^\s\\]+", value):
        raise ValueError("must be a web address (http:// or https://, no spaces or backslashes; write '&' as it is)")
    return value


def _day(value) -> dt.date:
    """A full calendar date (YYYY-MM-DD), which may lie in the future: a judgment's horizon."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a calendar date YYYY-MM-DD (the last day of the time frame)") from None


Horizon = Annotated[dt.date, BeforeValidator(_day)]
DIRECTIONS = ("raises", "lowers")


class Match(Model):
    """Which event records show a warning indicator: every rule given must hold."""

    kinds: list[Literal[EVENT_KINDS]] = Field(
        default_factory=list,  # type: ignore[valid-type]
        description="Event kinds that count (any of them); empty: any kind.",
    )
    tags: list[Slug] = Field(
        default_factory=list,
        description="Event tags that count (an event needs at least one); each a tag some event carries, or a watch tag of analysis.judgments.",
    )
    since: FuzzyDate | None = Field(None, description="Only events starting on or after this date count.")
    unless: list[Slug] = Field(
        default_factory=list,
        description="Event tags that rule an event out, e.g. prior-case-unstated: a case not shown to be what the indicator names.",
    )
    contested: list[Slug] = Field(
        default_factory=list,
        description="Event tags marking a record in the rule's window that officials describe as what the indicator "
        "names while the case record does not (e.g. plot-stage-contested): the indicator is not observed, and its "
        "status names the record as contested. Any kind counts, so that an official's statement is named beside "
        "the arrests it speaks of; cases and statements are counted apart.",
    )

    at_least: Annotated[int, Field(ge=1)] = Field(
        1,
        description="How many matching events set the indicator off (default 1); with within_months, they must fall "
        "within that many months of each other. For an indicator of a pace: a kind of event the base rate already "
        "has every year or two signals a change only when it comes faster.",
    )
    within_months: Annotated[int, Field(ge=1)] | None = Field(
        None,
        description="The span, in months, in which at_least matching events must fall; needs at_least of 2 or more.",
    )

    @model_validator(mode="after")
    def _not_everything(self):
        if not self.kinds and not self.tags:
            raise ValueError("a matching rule needs at least one of kinds or tags")
        if self.within_months is not None and self.at_least < 2:
            raise ValueError("within_months needs at_least of 2 or more: one event always falls within any span")
        return self


class WarningIndicator(Model):
    """An indicator of a judgment: an event type the data can show. Its status is computed, never typed."""

    text: Text = Field(description="The indicator in words.")
    match: Match = Field(description="The rule that finds the events showing it: kinds, tags, since.")
    direction: Literal[DIRECTIONS] = Field(  # type: ignore[valid-type]
        description="raises or lowers the likelihood of the judgment when observed."
    )
    outcome: bool = Field(
        False,
        description="true when the indicator is the event the judgment itself is about: seen, it settles the "
        "judgment rather than warning of it (review 63), so the count of warning signs leaves it out.",
    )


CHANGE_NOTE_MAX = 250  # characters: the edition notice must stay one printed page
HEADLINE_MAX = 150  # characters: the notice prints a moved judgment's headline whole, time frame and all
YEAR_READING_MAX = 210  # characters: seven of them must fit the executive summary's two pages
SHIFTS = ("up", "down", "no change", "mixed")


class YearReading(Model):
    """The analyst's reading of the twelve months to the cut-off for one judgment: which way the events
    in that window moved the chance of its claim, and why. It belongs to one cut-off: a new cut-off
    brings new events, so the reading must be rewritten, and the check says so."""

    cutoff: Horizon = Field(description="YYYY-MM-DD: the information cut-off the reading was written for.")
    shift: Literal[SHIFTS] = Field(  # type: ignore[valid-type]
        description="Which way the window's events moved the chance of the claim: " + ", ".join(SHIFTS) + "."
    )
    text: Annotated[Text, StringConstraints(max_length=YEAR_READING_MAX)] = Field(
        description=f"Why, in the analyst's words, naming the events that matter (at most {YEAR_READING_MAX} characters)."
    )


CONFIDENCE_SHORT_MAX = 90  # characters: nine of them must fit the brief's first page
CHECK_NEXT_MAX = 170  # characters: about one line each on the brief's second page


class Judgment(Model):
    id: Slug = Field(description="Unique slug, prefixed kj-.")
    statement: Text = Field(description="The judgment: one claim, one sentence, with its time frame in words.")
    headline: Annotated[Text, StringConstraints(max_length=HEADLINE_MAX)] = Field(
        description="The same claim in one short line (with its time frame), for the summary and the brief "
        f"(at most {HEADLINE_MAX} characters)."
    )
    horizon: Horizon = Field(
        description="YYYY-MM-DD: the last day of the judgment's time frame; after the data cut-off."
    )
    likelihood: Likelihood = Field(description="A term of the PHIA probability yardstick.")
    confidence: Confidence = Field(description="Analytic confidence: high, moderate or low.")
    confidence_reason: Text = Field(description="Why that confidence: the quality and quantity of the evidence.")
    confidence_short: Annotated[Text, StringConstraints(max_length=CONFIDENCE_SHORT_MAX)] | None = Field(
        None,
        description="The confidence reason shortened to one clause, for the two-page brief (at most "
        f"{CONFIDENCE_SHORT_MAX} characters; without it the brief prints the whole reason).",
    )
    check_next: Annotated[Text, StringConstraints(max_length=CHECK_NEXT_MAX)] | None = Field(
        None,
        description="What a briefer should check for since the cut-off before using the judgment, in one line (at "
        f"most {CHECK_NEXT_MAX} characters); the brief lists them under 'Check before briefing'.",
    )
    base_rate: Slug | None = Field(None, description="Id of a base-rate computation in analysis.judgments.BASE_RATES.")
    basis: list[Slug] = Field(min_length=1, description="Ids of the events, relations or claims it rests on.")
    assumptions: list[Text] = Field(min_length=1, description="Key assumptions.")
    indicators: list[WarningIndicator] = Field(
        min_length=1,
        description=(
            "Warning indicators: each {text, match: {kinds, tags, since}, direction}; status computed from events."
        ),
    )
    chapter: Slug | None = Field(None, description="The chapter that argues it.")
    year_reading: YearReading | None = Field(
        None,
        description="The reading of the twelve months to the cut-off that the executive summary prints: "
        "{cutoff, shift, text}; required when events of that window bear on the judgment.",
    )
    change_note: Annotated[Text, StringConstraints(max_length=CHANGE_NOTE_MAX)] | None = Field(
        None,
        description="Why the likelihood or confidence moved since the last frozen edition, in a sentence or two "
        f"(at most {CHANGE_NOTE_MAX} characters; required when either moved; the edition notice prints it).",
    )


class Indicator(Model):
    indicator: Slug = Field(description="Series name, e.g. gti-score.")
    year: Annotated[int, Field(ge=1900)] = Field(description="Year the value refers to.")
    value: float = Field(description="The number, nothing else.")
    unit: Text = Field(description="Unit, e.g. persons, rank, score (0-10).")
    source: Slug = Field(description="Key in references.bib.")
    note: str = Field("", description="Edition, scope, caveats.")
    stated: Annotated[str, StringConstraints(pattern=r"^(?:\d{4}-\d{2}(?:-\d{2})?)?$")] = Field(
        "",
        description="When the count was stated or stands (YYYY-MM or YYYY-MM-DD), if the source says: of "
        "equally graded values for one year of a series that is not a running total, the latest is the line's.",
    )


Domain = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")]
WEAK_GRADES = ("D", "E", "F")  # no record may rest only on sources with these grades


class Publisher(Model):
    id: Slug = Field(description="Unique slug, e.g. bernama.")
    name: Text = Field(description="The publisher's name.")
    domains: list[Domain] = Field(
        min_length=1,
        description="Every web domain it publishes on, without www.; a domain belongs to one publisher only.",
    )
    kind: Literal[SOURCE_KINDS] = Field(description="One of: " + ", ".join(SOURCE_KINDS) + ".")  # type: ignore[valid-type]
    grade: Literal[tuple(GRADES)] = Field(
        description="Admiralty-style grade A-F of the publisher; its sources inherit it."
    )  # type: ignore[valid-type]
    reason: Text = Field(description="Why this grade, in one line.")


PUBLISHER_TYPES = ("official", "ngo", "research", "index")
YEAR_REFERS_TO = ("event year", "edition year")


class Series(Model):
    id: Slug = Field(description="Series id, as used in the indicator column of indicators.csv.")
    title: Text = Field(description="Plain-words title, used for figure panels.")
    definition: Text = Field(description="What is counted: unit, universe and period.")
    unit: Text = Field(description="The unit in words, e.g. persons, or rank (1 = most affected).")
    publisher_type: Literal[PUBLISHER_TYPES] = Field(
        description="Who produces the figures: " + ", ".join(PUBLISHER_TYPES) + "."
    )  # type: ignore[valid-type]
    year_refers_to: Literal[YEAR_REFERS_TO] = Field(
        description="Whether a row's year is the year of the events counted or the "  # type: ignore[valid-type]
        "edition year (then the row's note names the edition)."
    )
    comparable_with: list[Slug] = Field(
        default_factory=list, description="Series ids whose values may be compared with this one."
    )
    cumulative: bool = Field(False, description="True if a value counts everything since a start date, not one year.")
    sought: list[Annotated[int, Field(ge=1900)]] = Field(
        default_factory=list,
        description=(
            "Years searched for without finding a value from a usable source; listed as missing until a value is added."
        ),
    )
    not_published: list[Annotated[int, Field(ge=1900)]] = Field(
        default_factory=list, description=("Years for which no value exists to find (e.g. no edition covered them).")
    )
    note: Text | None = Field(None, description="Caveats that apply to every value of the series.")
    out_of: Slug | None = Field(
        None,
        description="A series giving, for the same year, the total a value is out of (the countries a rank is "
        "among); the figure names those totals under the panels and joins two years' values only when "
        "their totals are the same.",
    )
    drawn: bool = Field(
        True,
        description="False if the numeric-series figure leaves the series out because another figure counts "
        "the same thing more completely from the event records (the note says which); its values stay in the table.",
    )


class Reference(Model):
    key: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")] = Field(description="BibTeX key.")
    title: Text = Field(description="Title of the page or document.")
    url: Annotated[str, AfterValidator(_web_address)] = Field(description="Where it can be read.")
    urldate: FuzzyDate = Field(description="ISO date we read it.")
    year: int | None = Field(None, description="Year of publication.")
    date: FuzzyDate | None = Field(None, description="Date of publication, as precise as known.")
    publisher: Text = Field(description="author, organization or publisher, whichever the entry gives.")
    publisher_id: Slug = Field(description="Id of its publisher in publishers.yaml; kind and grade come from there.")
    kind: Literal[SOURCE_KINDS] | None = Field(
        None, description="The publisher's kind; another only with a grade_note."
    )  # type: ignore[valid-type]
    reliability: Literal[tuple(GRADES)] | None = Field(
        None, description="The publisher's grade A-F; another only with a grade_note."
    )  # type: ignore[valid-type]
    grade_note: Text | None = Field(
        None,
        description="Why this source's kind, grade or web domain differs from its "
        "publisher's (e.g. a copy of an official text on a mirror).",
    )
    wire: Slug | None = Field(
        None,
        description="Id in publishers.yaml of the publisher whose story this page carries: a news agency's in a "
        "newspaper (bernama for a Bernama report), a newspaper's reposted on a blog (the-star). Independence is "
        "counted by that publisher, so a record citing a story and a copy of it has one publisher, not two. The "
        "grade stays the carrier's.",
    )
    seedfile: str | None = Field(None, description="For the seed articles: the seed's file name.")


class Office(Model):
    id: Slug = Field(description="Unique slug, e.g. home-minister-saifuddin-nasution.")
    office: Text = Field(description="The office, e.g. Minister of Home Affairs.")
    body: Slug = Field(description="Actor id of the body the office heads or belongs to.")
    holder: Text = Field(description="The holder's name as the sources give it.")
    person: Slug | None = Field(None, description="Actor id of the holder, where the person is an actor.")
    start: FuzzyDate | None = Field(None, description="When the term began, as precise as sourced.")
    end: FuzzyDate | None = Field(None, description="When it ended; empty while in office at the newest source.")
    attested: list[FuzzyDate] = Field(
        default_factory=list,
        description="Dates a source shows the holder in office, where the term's start or end is not sourced.",
    )
    end_unknown: bool = Field(False, description="True when the term's end is not sourced (not: still in office).")
    note: str = Field("", description="Own words: how the dates were read, disagreements.")
    sources: list[Slug] = Field(min_length=1, description="Keys in references.bib.")


class Topic(Model):
    id: Slug = Field(description="Unique slug of the topic.")
    title: Text = Field(description="The topic as the methods chapter's topic map names it.")
    tags: list[Slug] = Field(min_length=1, description="Event tags that put an event in this topic (any of them).")
    description: Text = Field(description="What the topic covers, in a sentence.")


class GlossaryTerm(Model):
    term: Text = Field(description="The acronym or abbreviation as the book writes it.")
    meaning: Text = Field(description="What it stands for, in English (the Malay name in brackets if useful).")


TABLES = {
    "actors": ("actors.yaml", Actor),
    "events": ("events.yaml", Event),
    "relations": ("relations.yaml", Relation),
    "claims": ("claims.yaml", Claim),
    "judgments": ("judgments.yaml", Judgment),
    "indicators": ("indicators.csv", Indicator),
    "references": ("references.bib", Reference),
    "publishers": ("publishers.yaml", Publisher),
    "series": ("series.yaml", Series),
    "offices": ("offices.yaml", Office),
    "topics": ("topics.yaml", Topic),
}
EDITION_FILE = "edition.yaml"


EDITION_ID = r"^\d{4}-[1-9]\d*$"  # YYYY-N: the N-th edition of year YYYY
EditionId = Annotated[str, StringConstraints(pattern=EDITION_ID)]


class FactCheck(Model):
    """One independent check of records against the pages they cite, by a reader who did not draft them."""

    checked: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")] = Field(
        description="The day the check was finished, YYYY-MM-DD."
    )
    drawn: Text = Field(description="How the records were chosen, e.g. 'at random from all events and relations'.")
    records: Annotated[int, Field(ge=1)] = Field(description="How many records were checked.")
    fully: Annotated[int, Field(ge=0)] = Field(description="Records whose every detail a cited page supports.")
    partly: Annotated[int, Field(ge=0)] = Field(
        description="Records with a detail no cited page supports, more precise than the pages, or slightly off."
    )
    contradicted: Annotated[int, Field(ge=0)] = Field(description="Records a cited page contradicts.")
    unreachable: Annotated[int, Field(ge=0)] = Field(description="Records none of whose pages could be found.")
    outcome: Text = Field(description="What was done with the records not fully supported.")
    fresh: bool = Field(
        default=True,
        description="Whether the draw left out the records earlier checks drew; false when it may repeat some.",
    )
    sweep: bool = Field(
        default=False,
        description="True for a check of every record in a set (e.g. all added since an edition), not a random "
        "draw: its records count as reached, but its rate is not carried over to the records no check drew.",
    )
    ids: list[Slug] = Field(
        default_factory=list,
        description="The records checked, by event or relation id, where the check kept them, so that anyone can "
        "check the same records again; when given, one per record checked.",
    )
    wanting: list[Slug] = Field(
        default_factory=list,
        description="Of the ids, those found wanting (partly supported, contradicted or no page found), where the "
        "check kept them: the methods chapter then compares the draw with the checks that read those records before.",
    )
    corrections: bool = Field(
        default=False,
        description="True for a sweep of the records corrected or otherwise changed in a round of checks, read again "
        "to check the corrections (review 83: corrected records were found wanting again more often than the rest).",
    )
    population: Annotated[int, Field(ge=1)] | None = Field(
        None,
        description="For a random draw: how many records it was drawn from (the ids then held, in alphabetical "
        "order), so it can be drawn again after records are added (review 87); required on a draw after the "
        "sweeps, whose population the methods chapter prints (review 88: the first printed today's count).",
    )
    readers_passed: Annotated[int, Field(ge=0)] | None = Field(
        None,
        description="For a draw the editor finished or overruled (pages its readers could not reach, a rule they "
        "misread): how many of its records the readers alone passed, so the print can say how much of the pass rate "
        "is the editor's, who drafted many records (review 97).",
    )
    alongside: bool = Field(
        default=False,
        description="For a draw: true when it was read while the sweep before it ran (its records inside that sweep "
        "once their readings were in), so the print says 'read alongside', not 'made after' (review 103).",
    )
    with_draw: bool = Field(
        default=False,
        description="For a sweep chosen by a rule: true when it was read while the random draw before it was read "
        "(on the records as they stood before it changed any), so the print says 'alongside the draw', not 'after "
        "the draw' (review 104).",
    )
    overruled: Annotated[int, Field(ge=1)] | None = Field(
        None,
        description="For a draw: how many records its readers passed that the editor counts wanting, on what the "
        "readers noted, on his reading of the cited pages or, when the draw is rescored, on a later reading of text "
        "unchanged since (review 107); the print says the readers passed more than the draw counts, so an editor's "
        "stricter count is as visible as a kinder one (review 102).",
    )
    unfinished: Annotated[int, Field(ge=0)] | None = Field(
        None,
        description="How many of the records not fully supported were so only because their readers stopped short "
        "of a cited page (no page read said otherwise): they were finished by another reader or, where no reader finds "
        "the detail there, had it dropped or reworded to what the page shows, and were read again; the print says so "
        "only where there were some (reviews 99 and 106).",
    )
    chosen_for: Text | None = Field(
        default=None,
        description="For a sweep chosen by a rule rather than by who had read its records last or for being "
        "corrected, what it read, in words that follow 'After the draw, ...', e.g. 'the ties still in force that a "
        "written test had left as borderline'. The methods chapter then says so, not that earlier checks' records "
        "were read again.",
    )
    after_sweep: bool = Field(
        default=False,
        description="True for a random draw from all records made after every record had been read by a check "
        "keeping ids and corrected: its rate stands for the corrected evidence base, and the random checks before "
        "it measured the records before those corrections. Needs ids, and fresh: false (it may repeat records).",
    )

    @model_validator(mode="after")
    def _adds_up(self):
        dt.date.fromisoformat(self.checked)  # a calendar date, not only its pattern
        verdicts = self.fully + self.partly + self.contradicted + self.unreachable
        if verdicts != self.records:
            raise ValueError(
                f"fully + partly + contradicted + unreachable is {verdicts}, not the {self.records} records checked"
            )
        if self.ids and len(set(self.ids)) != self.records:
            raise ValueError(f"ids names {len(set(self.ids))} different records, not the {self.records} checked")
        if self.wanting and (set(self.wanting) - set(self.ids) or len(set(self.wanting)) != self.records - self.fully):
            raise ValueError(
                f"wanting must name, among the ids, the records not fully supported ({self.records - self.fully})"
            )
        if self.corrections and not self.sweep:
            raise ValueError("corrections marks a sweep of corrected records: it needs sweep: true")
        if self.unfinished is not None and self.unfinished > self.records - self.fully:
            raise ValueError("unfinished counts readings among those not fully supported: it cannot exceed them")
        if self.readers_passed is not None and self.readers_passed > self.fully:
            raise ValueError("readers_passed counts passes the readers made alone: it cannot exceed fully")
        if self.overruled is not None and (self.readers_passed is None or self.overruled > self.records - self.fully):
            raise ValueError(
                "overruled counts readers' passes the editor counts wanting: it needs readers_passed and cannot exceed "
                "the records not fully supported"
            )
        if self.alongside and not self.after_sweep:
            raise ValueError("alongside marks a random draw read with the sweep before it: it needs after_sweep: true")
        if self.with_draw and not self.chosen_for:
            raise ValueError(
                "with_draw marks a sweep chosen by a rule and read with the draw before it: it needs chosen_for"
            )
        if self.chosen_for and (not self.sweep or self.corrections):
            raise ValueError("chosen_for says why a sweep read its records: it needs sweep: true, not corrections")
        if self.after_sweep and (self.sweep or self.fresh or not self.ids or not self.population):
            raise ValueError(
                "after_sweep marks a random draw from all records: it needs ids, its population and fresh: false, "
                "not sweep"
            )
        return self


class Edition(Model):
    """data/edition.yaml: one mapping, not a list of records."""

    edition: EditionId = Field(
        description="The edition's id: its year and its number in that year, e.g. 2026-1; make edition "
        "freezes the data under this id in data/editions/."
    )
    cutoff: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")] = Field(
        description="Information cut-off, YYYY-MM-DD: sources were searched up to this date; 'data as of' means it."
    )
    searched: Text = Field(description="When the search was done, e.g. '2026-11 to 2026-12'.")
    published: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")] | None = Field(
        None,
        description="The day the edition is issued, YYYY-MM-DD, printed on the covers so that a briefer "
        "knows how old the print is; not before the cut-off, not in the future.",
    )
    checks: list[FactCheck] = Field(
        default_factory=list,
        description="Independent checks of records against their cited pages (the methods chapter prints them): "
        "checked, drawn, records, fully, partly, contradicted, unreachable, outcome.",
    )


def dictionary():
    """The data dictionary: one row per field of every table, from the models above."""
    import pandas as pd

    rows = []
    for filename, model in [*TABLES.values(), (EDITION_FILE, Edition)]:
        for name, info in model.model_fields.items():
            rows.append(
                {
                    "file": filename,
                    "field": name,
                    "required": "yes" if info.is_required() else "no",
                    "description": info.description or "",
                }
            )
            if model is Judgment and name == "indicators":  # the parts of a warning indicator
                for sub, sub_model in (("indicators[].", WarningIndicator), ("indicators[].match.", Match)):
                    for n, i in sub_model.model_fields.items():
                        if sub_model is WarningIndicator and n == "match":
                            continue
                        rows.append(
                            {
                                "file": filename,
                                "field": sub + n,
                                "required": "yes" if i.is_required() else "no",
                                "description": i.description or "",
                            }
                        )
    return pd.DataFrame(rows)
