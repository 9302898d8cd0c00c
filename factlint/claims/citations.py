"""Citations: where an article says its claims come from, and how findable that source is.

Specificity, from best to worst:

* ``traceable``: a reader can go straight to the source: an author-year reference ("(Mease et
  al., 2011)", "Smith and Jones (2019)"), a DOI, a PMID/PMCID, a URL or link, or a numbered
  marker ("[3]") that resolves to an entry of the document's reference list;
* ``named``: a journal, organisation or study is named without author and year ("a study
  published in the Journal of Clinical Sleep Medicine", "according to the CDC");
* ``vague``: an attribution that names nothing ("research has shown", "experts believe",
  "studies show"); an unresolved "[7]" is vague too, since the reader cannot follow it.

Each citation records the sentences it ``supports``: its own sentence, and the following
sentences of the same block that refer back to it ("The study also found ...", "The researchers
say ...") until a sentence that does not.

Links: the Markdown and HTML readers drop link targets from the prose. They can hand them in as
``links`` (block index, prose start, prose end, url); each becomes a traceable citation over the
link text. URLs written out in the prose are found here directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from factlint.claims.lexicon import ClaimLexicon, Match, Tok

Link = tuple[int, int, int, str]
"""A hyperlink in the prose: (block index, prose start, prose end, target URL)."""

_CAPITAL = "A-ZÀ-ÖØ-ÞĀ-ſ"
"""First letters of a surname: ASCII and Latin-1 capitals, and Latin Extended-A ("Şahin")."""
_SURNAME = rf"[{_CAPITAL}](?:[^\W\d_]|['’\-])+"
_NAME = rf"{_SURNAME}(?:\s+(?:(?:van|von|de|der|da|di|del|le|la)\s+)?{_SURNAME})?"
"""A surname of one or two words: "Ohayon", "van der Berg", "Helvacı Yılmaz"."""
_AUTHORS = (
    rf"(?P<authors>{_NAME}(?:\s*,\s*{_NAME})*"
    rf"(?:\s+(?:et\s+al\.?|and\s+colleagues|and\s+{_NAME}|&\s*{_NAME}))?)"
)
_YEAR = r"(?P<year>(?:19|20)\d{2})[a-z]?"
_PARENTHETICAL = re.compile(
    rf"\(\s*(?:see\s+|e\.g\.,?\s+|cf\.\s+)?{_AUTHORS}\s*,?\s*{_YEAR}"
    r"(?P<details>\s*[,;](?:[^()]|\([^()]{0,20}\)){1,200}?)?\s*\)"
)
"""An author-year reference, with any details after the year: more references, a page, the
journal, volume and identifiers ("(Burch et al., 2018, Headache)", "(Abend et al., 2024,
Journal of Clinical Investigation 135(4):e178722, doi:10.1172/JCI178722)")."""
_DETAIL_JOURNAL = re.compile(
    r"\s*,\s*(?P<journal>[A-Z][^\W\d_]*(?:[ &'’-]+[^\W\d_]+)*)\b(?!\s*(?:19|20)\d{2}\b)"
)
"""The journal in a reference's details: the words right after the year, before any number
(not a second reference: "(Smith 2019, Jones 2020)")."""
_NARRATIVE = re.compile(rf"\b{_AUTHORS}\s+\(\s*{_YEAR}\s*\)")
_STUDY_BY = re.compile(
    r"\b(?:(?P<year>(?:19|20)\d{2})\s+)?(?i:study|trial|review|meta-analysis|analysis|survey"
    r"|paper|report)\s+(?i:(?:led|carried\s+out|conducted|published)\s+)?(?i:by)\s+"
    r"(?P<authors>[^\W\d_](?:[^\W\d_]|['’\-])+(?:\s+(?i:et\s+al\b\.?|and\s+colleagues\b)"
    rf"|\s+(?:and|&)\s+{_NAME}))"
    r"(?:\s*,?\s*(?:\(\s*|(?i:in)\s+)?(?P<year2>(?:19|20)\d{2})\b\)?)?"
)
"""A study named by its authors and year in words: "a 2010 study by Viola-Saltzman and
colleagues", "a trial led by Smith et al. in 2019". The first author may be lowercase (text
that lost its capitals); "et al." or "and colleagues" then shows it is a name."""
_NOT_NAMES = frozenset({"researchers", "scientists", "doctors", "experts", "investigators",
                        "authors", "team", "the", "a", "an", "its", "their"})  # fmt: skip
_DOI = re.compile(
    r"(?:\bdoi:\s*|\bhttps?://(?:dx\.)?doi\.org/)?\b(?P<doi>10\.\d{4,9}/[^\s\"<>()\[\]]+)",
    re.IGNORECASE,
)
_PMID = re.compile(r"\bPMID\s*:?\s*(?P<pmid>\d{5,9})\b|\b(?P<pmcid>PMC\d{5,9})\b")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'()\[\]]+[^\s<>\"'()\[\].,;:!?]", re.IGNORECASE)
_MARKER = re.compile(r"\[(?P<refs>\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]")
_JOURNAL = re.compile(
    r"\b(?:(?:the\s+)?(?P<j1>(?:[A-Z][\w&-]*\s+)*Journal\s+of\s+(?:the\s+)?[A-Z][\w&-]*"
    r"(?:\s+(?:(?:of|and|&|the|in|for)\s+)*[A-Z][\w&-]*)*)"
    r"|(?P<j2>(?:[A-Z][\w&-]*\s+){1,5}(?:Journal|Review|Reviews|Letters|Medicine|Research"
    r"|Reports|Proceedings|Annals|Archives|Bulletin|Gazette|Record)\b))"
)
_PUBLISHED_IN = re.compile(
    r"\b(?:published|reported|appearing|appears|appeared|presented)\s+(?:online\s+)?(?:in|by)"
    r"\s+(?:the\s+)?(?:(?:journal|issue\s+of)\s+)?(?P<name>[A-Z][\w&'-]*(?:\s+(?:(?:of|and|&|the"
    r"|in|for|on)\s+)*[A-Z][\w&'-]*){0,8})"
)
_UNIVERSITY = re.compile(
    r"\b(?:(?:the\s+)?University\s+of\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*"
    r"|(?:[A-Z][\w-]*\s+){1,3}(?:University|Institute|Hospital|Clinic|College|School\s+of"
    r"\s+Medicine|Foundation|Society|Association|Academy|Agency|Ministry|Department))\b"
)
_REFERENCE_HEADING = re.compile(
    r"^\s*(?:#+\s*)?(?:references?|sources?|bibliography|works\s+cited|citations?|notes?"
    r"|literature(?:\s+cited)?|further\s+reading)\s*:?\s*$",
    re.IGNORECASE,
)
_REFERENCE_ENTRY = re.compile(r"^\s*(?:\[(?P<a>\d{1,3})\]|(?P<b>\d{1,3})[.)])\s+\S")
_LEAD_IN = re.compile(
    r"(?:(?:a|an|the|one|another|this|that|new|recent|large|small|published|\s)+"
    r"(?:study|studies|trial|review|meta-analysis|analysis|report|survey|paper|article|research)"
    r"\s+(?:published|reported|appearing|presented)\s+(?:online\s+)?(?:in|by)\s+(?:the\s+)?"
    r"|according\s+to\s+(?:the\s+|a\s+)?(?:\w+\s+){0,3}?"
    r"|(?:researchers|scientists|experts|investigators|authors|doctors)\s+(?:at|from)\s+"
    r"(?:the\s+)?)$",
    re.IGNORECASE,
)


_YEAR_LIKE = re.compile(r"(?:19|20)\d{2}")
_PAREN_YEAR = re.compile(rf"\(\s*{_YEAR}\s*\)")
"""A year in parentheses, "(2019)": how every ``_NARRATIVE`` match ends."""
_BY = re.compile(r"(?i:by)\s")
"""The "by " every ``_STUDY_BY`` match holds, with the same case rule."""
_JOURNAL_WORD = re.compile(
    "Journal|Review|Letters|Medicine|Research|Reports|Proceedings|Annals|Archives|Bulletin"
    "|Gazette|Record"
)
_JOURNAL_NAME_END = re.compile(
    r"[A-Z][\w&-]*\s+(?:Journal|Review|Reviews|Letters|Medicine|Research|Reports|Proceedings"
    r"|Annals|Archives|Bulletin|Gazette|Record)\b|Journal\s+of\s"
)
"""What every ``_JOURNAL`` match holds: "Journal of " (``j1``), or a capitalised word and
the keyword that ends the name (``j2``). Asked only when ``_JOURNAL_WORD`` is in the text: most
texts hold "Research" or "Medicine" in other words ("Research shows", "sports medicine")."""
_INSTITUTION_WORD = re.compile(
    "University|Institute|Hospital|Clinic|College|School|Foundation|Society|Association"
    "|Academy|Agency|Ministry|Department"
)
_INSTITUTION_NAME_END = re.compile(
    r"[A-Z][\w-]*\s+(?:University|Institute|Hospital|Clinic|College|School\s+of\s+Medicine"
    r"|Foundation|Society|Association|Academy|Agency|Ministry|Department)|University\s+of\s"
)
"""What every ``_UNIVERSITY`` match holds: "University of ", or a capitalised word and the
keyword that ends the name. Asked only when ``_INSTITUTION_WORD`` is in the text."""


class _Gates(NamedTuple):
    """Which block-level patterns can match a block's text.

    Each gate is a necessary condition of the patterns it opens, tested once per block in C:
    something every match holds ("10." of a DOI, "PM" of a PMID, "[" of a marker, a year,
    "(" and "(2019)", "by ", a keyword, a name's last words), so a closed gate skips a search
    that would find nothing. Most blocks open none, and testing the gates is several times
    cheaper than failing the patterns themselves. Booleans, not a set of patterns: hashing a
    compiled pattern hashes its whole code every time.
    """

    doi: bool
    pmid: bool
    url: bool
    parenthetical: bool
    narrative: bool
    study_by: bool
    marker: bool
    journal: bool
    published_in: bool
    university: bool

    @classmethod
    def of(cls, text: str) -> _Gates:
        # "19" or "20" first: most blocks hold neither, and two substring tests cost less
        # than the search
        year = ("19" in text or "20" in text) and _YEAR_LIKE.search(text) is not None
        return cls(  # positional: a named tuple's keyword handling costs more than the tests
            "10." in text,  # doi
            "PM" in text,  # pmid
            # url: no character but "w" and "W" matches "w" ignoring case, and none lowercases
            # to "w"
            "://" in text or "www." in text.lower(),
            year and "(" in text,  # parenthetical
            year and _PAREN_YEAR.search(text) is not None,  # narrative
            year and _BY.search(text) is not None,  # study_by
            "[" in text,  # marker
            _JOURNAL_WORD.search(text) is not None  # journal
            and _JOURNAL_NAME_END.search(text) is not None,
            # published_in: its verbs, as substrings (cheaper than one regex of them)
            "published" in text or "reported" in text or "appear" in text or "presented" in text,
            _INSTITUTION_WORD.search(text) is not None  # university
            and _INSTITUTION_NAME_END.search(text) is not None,
        )


_JOURNAL_LEAD = re.compile(
    r"(?:published|reported|appear\w*|presented|reports?|writing)\s+(?:online\s+)?(?:today\s+)?"
    r"in\s|journal\s|issue\s+of\s"
)
"""What every lead of ``_journal_context`` holds, wherever it stands (see
``_may_introduce_journal``)."""


def _may_introduce_journal(text: str) -> bool:
    """Whether ``_journal_context`` can hold for some span of ``text``: a journal of the
    lexicon is dropped unless it does, so when this is false the lexicon need not be searched.

    Necessary, since ``_journal_context`` holds only when the name holds "Journal",
    "Annals", "Archives" or "Review" (then so does the text), or when the lowercased text
    before the name ends with a lead, which holds a match of ``_JOURNAL_LEAD``. That match is
    in the lowercased text too: ``str.lower`` maps each character on its own, save the Greek
    sigma, which lowercases to a word character either way (matched, if at all, after "appear").
    """
    if "Journal" in text or "Annals" in text or "Archives" in text or "Review" in text:
        return True
    lowered = text.lower()
    # the words a lead holds first, as substrings ("report" of "reports", "reported"): most
    # texts hold none, and the tests cost a fraction of the search
    return (
        "journal" in lowered
        or "issue" in lowered
        or "published" in lowered
        or "report" in lowered
        or "appear" in lowered
        or "presented" in lowered
        or "writing" in lowered
    ) and _JOURNAL_LEAD.search(lowered) is not None


@dataclass(frozen=True)
class Citation:
    """A citation found in a block: prose span, specificity and what it names."""

    start: int
    end: int
    specificity: str
    source: str | None = None
    journal: str | None = None
    organisation: str | None = None
    authors: tuple[str, ...] = ()
    year: int | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    reference: str | None = None
    supports: tuple[tuple[int, int, int], ...] = field(default=())


@dataclass(frozen=True)
class ReferenceList:
    """Numbered entries of the document's reference list: marker number -> entry text."""

    entries: Mapping[int, str]

    @classmethod
    def from_blocks(cls, texts: Sequence[str], kinds: Sequence[str] = ()) -> ReferenceList:
        """Entries found after a "References"/"Sources" heading, or any "[n] ..." block."""
        entries: dict[int, str] = {}
        in_list = False
        for index, text in enumerate(texts):
            kind = kinds[index] if index < len(kinds) else "paragraph"
            if _REFERENCE_HEADING.match(text):
                in_list = True
                continue
            if kind == "heading":
                in_list = False
            for line in text.splitlines() or [text]:
                match = _REFERENCE_ENTRY.match(line)
                if match and (in_list or match.group("a")):
                    number = int(match.group("a") or match.group("b"))
                    entries.setdefault(number, line.strip())
        return cls(entries)


def _numbers(refs: str) -> list[int]:
    out: list[int] = []
    for part in re.split(r"\s*,\s*", refs):
        bounds = re.split(r"\s*[–-]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            low, high = int(bounds[0]), int(bounds[1])
            if 0 < high - low <= 50:
                out.extend(range(low, high + 1))
                continue
        if part.isdigit():
            out.append(int(part))
    return out


def _authors(text: str) -> tuple[str, ...]:
    text = re.sub(r"\s+", " ", text.strip())
    text = re.sub(r"\s*(?:et al\.?|and colleagues)$", "", text)
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", text)
    return tuple(part for part in parts if part)


def _author_year(match: re.Match[str], authors: tuple[str, ...]) -> Citation:
    """An author-year citation, with the journal, DOI and PMID its details give."""
    raw = match.groupdict().get("details") or ""  # only the parenthetical form has details
    details = raw.strip()
    journal = _DETAIL_JOURNAL.match(raw)
    doi = _DOI.search(details)
    pmid = _PMID.search(details)
    name = journal.group("journal").strip() if journal else ""
    if re.search(r"\bet\s+al\b|\band\s+colleagues\b", name):
        name = ""  # a second reference: "(Smith 2019, Jones et al. 2020)"
    elif journal and not (_JOURNAL_WORD.search(name) or _VOLUME.match(raw, journal.end())):
        name = ""  # a place or a publisher as likely as a journal: "(WHO, 2019, Geneva)"
    return Citation(
        match.start(),
        match.end(),
        "traceable",
        source=match.group(0),
        journal=name if name and name.split()[0] not in _NOT_JOURNALS else None,
        authors=authors,
        year=int(match.group("year")),
        doi=doi.group("doi").rstrip(".,;:") if doi else None,
        pmid=(pmid.group("pmid") or pmid.group("pmcid")) if pmid else None,
    )


_VOLUME = re.compile(r"\s*\d")
"""A volume number after a name in a reference: "Neurology 86(14):1336" names a journal."""
_NOT_JOURNALS = frozenset({"doi", "PMID", "PMC", "PMCID", "p", "pp", "Table", "Figure", "Fig"})
"""First words of a reference's details that are not a journal ("doi:10...", "p. 12")."""


def find_citations(
    text: str,
    toks: Sequence[Tok],
    lexicon: ClaimLexicon,
    references: ReferenceList,
    links: Iterable[tuple[int, int, str]] = (),
) -> list[Citation]:
    """Citations in one block's prose ``text`` (``toks`` are its matcher tokens).

    ``links`` are (start, end, url) link spans of this block. Overlapping finds are reduced to
    the most specific one; ``supports`` is filled in by the caller, who knows the sentences.
    """
    links = list(links)
    gates = _Gates.of(text)
    if not (
        links
        or any(gates)
        or lexicon.vague_attributions.may_match(toks)
        or lexicon.organisations.may_match(toks)
        or (lexicon.journals.may_match(toks) and _may_introduce_journal(text))
    ):
        return []  # nothing in the block can cite: most blocks
    found: list[Citation] = []
    for start, end, url in links:
        found.append(Citation(start, end, "traceable", source=url, url=url))
    for match in _DOI.finditer(text) if gates.doi else ():
        doi = match.group("doi").rstrip(".,;:")
        end = match.start("doi") + len(doi)
        found.append(Citation(match.start(), end, "traceable", source=doi, doi=doi))
    for match in _PMID.finditer(text) if gates.pmid else ():
        pmid = match.group("pmid") or match.group("pmcid")
        found.append(Citation(match.start(), match.end(), "traceable", source=pmid, pmid=pmid))
    for match in _URL.finditer(text) if gates.url else ():
        url = match.group(0)
        found.append(Citation(match.start(), match.end(), "traceable", source=url, url=url))
    for pattern, gate in ((_PARENTHETICAL, gates.parenthetical), (_NARRATIVE, gates.narrative)):
        for match in pattern.finditer(text) if gate else ():
            authors = _authors(match.group("authors"))
            if not authors or authors[0].split()[0] in _NOT_AUTHORS:
                continue
            found.append(_author_year(match, authors))
    for match in _STUDY_BY.finditer(text) if gates.study_by else ():
        year = match.group("year") or match.group("year2")
        authors = _authors(match.group("authors"))
        if year and authors and authors[0].lower() not in _NOT_NAMES:
            found.append(
                Citation(
                    match.start(),
                    match.end(),
                    "traceable",
                    source=match.group(0),
                    authors=authors,
                    year=int(year),
                )
            )
    for match in _MARKER.finditer(text) if gates.marker else ():
        numbers = _numbers(match.group("refs"))
        resolved = [references.entries[n] for n in numbers if n in references.entries]
        specificity = "traceable" if resolved and len(resolved) == len(numbers) else "vague"
        reference = " | ".join(resolved) or None
        found.append(
            Citation(
                match.start(), match.end(), specificity, source=match.group(0), reference=reference
            )
        )
    found.extend(_named(text, toks, lexicon, gates))
    for match in lexicon.vague_attributions.find(toks):
        start, end = toks[match.start].start, toks[match.end - 1].end
        if match.start > 0 and toks[match.start - 1].lower in _DEFINITE:
            continue  # "the researchers found": refers back to a study already cited
        found.append(Citation(start, end, "vague", source=text[start:end]))
    kept = _most_specific(found, len(text))
    kept.sort(key=lambda c: c.start)
    return kept


_NOT_AUTHORS = frozenset(
    {"The", "In", "See", "From", "January", "February", "March", "April", "May", "June",
     "July", "August", "September", "October", "November", "December", "Since", "Until",
     "Before", "After", "During", "Published", "Updated", "Accessed", "Retrieved", "Copyright",
     "Fall", "Spring", "Summer", "Winter", "Posted", "Table", "Figure", "Fig", "Vol"}
)  # fmt: skip
"""Capitalised words that start "(Word 2019)" without being an author ("(Updated 2019)")."""

_RANK = {"traceable": 3, "named": 2, "vague": 1}
_DEFINITE = frozenset(
    {"the", "these", "those", "this", "that", "our", "their", "its", "his", "her"}
)


def _most_specific(found: list[Citation], length: int) -> list[Citation]:
    """Drop citations overlapping a more specific (or, at equal rank, a longer) one.

    Characters taken are marked in a byte mask, so the cost is linear in the text covered.
    """
    ordered = sorted(found, key=lambda c: (-_RANK[c.specificity], -(c.end - c.start), c.start))
    taken = bytearray(length + 1)
    kept: list[Citation] = []
    for citation in ordered:
        start, end = max(0, citation.start), min(length, citation.end)
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append(citation)
    return kept


def _named(
    text: str,
    toks: Sequence[Tok],
    lexicon: ClaimLexicon,
    gates: _Gates,
) -> list[Citation]:
    """Journals, organisations and institutions named as a source (``gates``: the block-level
    searches worth running on ``text``)."""
    spans: list[tuple[int, int, str, str]] = []  # start, end, name, kind
    for match in _JOURNAL.finditer(text) if gates.journal else ():
        name = (match.group("j1") or match.group("j2") or "").strip()
        if name:
            spans.append((match.start(), match.end(), name, "journal"))
    for match in _PUBLISHED_IN.finditer(text) if gates.published_in else ():
        name = match.group("name").strip()
        if name and name.split()[0] not in _NOT_AUTHORS:
            spans.append((match.start("name"), match.end("name"), name, "journal"))
    journals = lexicon.journals
    may_cite = journals.may_match(toks) and _may_introduce_journal(text)  # may_match: cheaper
    for found in journals.find(toks) if may_cite else ():
        if toks[found.start].text[:1].isupper():
            spans.append(_span(toks, found, text, "journal"))
    for found in lexicon.organisations.find(toks):
        spans.append(_span(toks, found, text, "organisation"))
    for match in _UNIVERSITY.finditer(text) if gates.university else ():
        name = re.sub(r"^the\s+", "", match.group(0).strip(), flags=re.IGNORECASE)
        spans.append((match.end() - len(name), match.end(), name, "organisation"))
    out: list[Citation] = []
    leads: dict[int, re.Match[str] | None] = {}  # by start: finders often give a name twice
    for start, end, name, kind in spans:
        if kind == "journal" and not _journal_context(text, start, end, name, lexicon):
            continue
        if start in leads:
            lead = leads[start]
        else:
            lead = leads[start] = _LEAD_IN.search(text[max(0, start - 80) : start])
        span_start = start - (len(lead.group(0)) if lead else 0)
        while span_start < start and text[span_start].isspace():
            span_start += 1
        if kind == "organisation" and not (lead or _source_context(text, start, end)):
            continue
        out.append(
            Citation(
                span_start,
                end,
                "named",
                source=name,
                journal=name if kind == "journal" else None,
                organisation=name if kind == "organisation" else None,
            )
        )
    return out


def _span(toks: Sequence[Tok], match: Match, text: str, kind: str) -> tuple[int, int, str, str]:
    start, end = toks[match.start].start, toks[match.end - 1].end
    return start, end, text[start:end], kind


def _journal_context(text: str, start: int, end: int, name: str, lexicon: ClaimLexicon) -> bool:
    """A journal-looking name is a source when introduced as one ("published in", "in the
    Journal of ...") or when its name says Journal; "Nature" or "Science" alone need a lead."""
    if len(name.split()) > 1 and re.search(r"Journal|Annals|Archives|Review", name):
        return True
    before = text[max(0, start - 60) : start].lower()
    return bool(
        re.search(
            r"(?:(?:published|reported|appear\w*|presented|reports?|writing)\s+(?:online\s+)?"
            r"(?:today\s+)?in\s+(?:the\s+)?(?:journal\s+)?|\bjournal\s+|issue\s+of\s+(?:the\s+)?)$",
            before,
        )
    )


def _source_context(text: str, start: int, end: int) -> bool:
    """An organisation counts as a source when the sentence attributes something to it."""
    before = text[max(0, start - 50) : start].lower()
    after = text[end : end + 40].lower()
    if re.search(r"(?:according\s+to|from|by|at|says?|said|per|the)\s+(?:the\s+)?$", before):
        return True
    return bool(
        re.match(
            r"\s*(?:\([A-Z]+\)\s*)?(?:says?|said|states?|stated|reports?|reported|recommends?"
            r"|recommended|estimates?|estimated|found|finds|warns?|advises?|notes?|guidelines?"
            r"|data|figures|statistics|researchers?|scientists?)\b",
            after,
        )
    )


def find_anaphora(toks: Sequence[Tok], lexicon: ClaimLexicon) -> bool:
    """Whether a sentence refers back to a study cited before ("The researchers found ...")."""
    return bool(lexicon.citation_anaphora.find(toks))


def citation_attributes(citation: Citation) -> dict[str, object]:
    """The claim attributes of a citation (``ATTRIBUTE_KEYS['citation']``)."""
    return {
        "specificity": citation.specificity,
        "source": citation.source,
        "journal": citation.journal,
        "organisation": citation.organisation,
        "authors": list(citation.authors),
        "year": citation.year,
        "doi": citation.doi,
        "pmid": citation.pmid,
        "url": citation.url,
        "reference": citation.reference,
        "supports": [list(span) for span in citation.supports],
    }
