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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

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
_JOURNAL_WORD = re.compile(
    "Journal|Review|Letters|Medicine|Research|Reports|Proceedings|Annals|Archives|Bulletin"
    "|Gazette|Record"
)
_PUBLISHED_WORD = re.compile("published|reported|appear|presented")
_INSTITUTION_WORD = re.compile(
    "University|Institute|Hospital|Clinic|College|School|Foundation|Society|Association"
    "|Academy|Agency|Ministry|Department"
)
_GATES: tuple[tuple[Callable[[str], object], tuple[re.Pattern[str], ...]], ...] = (
    (lambda text: "10." in text, (_DOI,)),
    (lambda text: "PM" in text, (_PMID,)),
    # no character but "w" and "W" matches "w" ignoring case, and none lowercases to "w"
    (lambda text: "://" in text or "www." in text.lower(), (_URL,)),
    (_YEAR_LIKE.search, (_PARENTHETICAL, _NARRATIVE, _STUDY_BY)),
    (lambda text: "[" in text, (_MARKER,)),
    (_JOURNAL_WORD.search, (_JOURNAL,)),
    (_PUBLISHED_WORD.search, (_PUBLISHED_IN,)),
    (_INSTITUTION_WORD.search, (_UNIVERSITY,)),
)
"""Gates: what block-level patterns cannot match without (their "10." prefix, a year, a
keyword), each with the patterns it opens. Most blocks pass none, and testing a gate is
several times cheaper than failing the patterns themselves."""


def _open_patterns(text: str) -> set[re.Pattern[str]]:
    """The block-level patterns whose gate ``text`` passes: the only ones worth running."""
    return {pattern for gate, patterns in _GATES if gate(text) for pattern in patterns}


def _scan(
    pattern: re.Pattern[str], text: str, open_patterns: set[re.Pattern[str]]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, or nothing at once when its gate (``_GATES``) is closed."""
    return pattern.finditer(text) if pattern in open_patterns else iter(())


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
    open_patterns = _open_patterns(text)
    if not (
        links
        or open_patterns
        or lexicon.vague_attributions.may_match(toks)
        or lexicon.journals.may_match(toks)
        or lexicon.organisations.may_match(toks)
    ):
        return []  # nothing in the block can cite: most blocks
    found: list[Citation] = []
    for start, end, url in links:
        found.append(Citation(start, end, "traceable", source=url, url=url))
    for match in _scan(_DOI, text, open_patterns):
        doi = match.group("doi").rstrip(".,;:")
        end = match.start("doi") + len(doi)
        found.append(Citation(match.start(), end, "traceable", source=doi, doi=doi))
    for match in _scan(_PMID, text, open_patterns):
        pmid = match.group("pmid") or match.group("pmcid")
        found.append(Citation(match.start(), match.end(), "traceable", source=pmid, pmid=pmid))
    for match in _scan(_URL, text, open_patterns):
        url = match.group(0)
        found.append(Citation(match.start(), match.end(), "traceable", source=url, url=url))
    for pattern in (_PARENTHETICAL, _NARRATIVE):
        for match in _scan(pattern, text, open_patterns):
            authors = _authors(match.group("authors"))
            if not authors or authors[0].split()[0] in _NOT_AUTHORS:
                continue
            found.append(_author_year(match, authors))
    for match in _scan(_STUDY_BY, text, open_patterns):
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
    for match in _scan(_MARKER, text, open_patterns):
        numbers = _numbers(match.group("refs"))
        resolved = [references.entries[n] for n in numbers if n in references.entries]
        specificity = "traceable" if resolved and len(resolved) == len(numbers) else "vague"
        reference = " | ".join(resolved) or None
        found.append(
            Citation(
                match.start(), match.end(), specificity, source=match.group(0), reference=reference
            )
        )
    found.extend(_named(text, toks, lexicon, open_patterns))
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
    open_patterns: set[re.Pattern[str]],
) -> list[Citation]:
    """Journals, organisations and institutions named as a source (``open_patterns``: the
    block-level patterns worth running on ``text``, see ``_open_patterns``)."""
    spans: list[tuple[int, int, str, str]] = []  # start, end, name, kind
    for match in _scan(_JOURNAL, text, open_patterns):
        name = (match.group("j1") or match.group("j2") or "").strip()
        if name:
            spans.append((match.start(), match.end(), name, "journal"))
    for match in _scan(_PUBLISHED_IN, text, open_patterns):
        name = match.group("name").strip()
        if name and name.split()[0] not in _NOT_AUTHORS:
            spans.append((match.start("name"), match.end("name"), name, "journal"))
    for found in lexicon.journals.find(toks):
        if toks[found.start].text[:1].isupper():
            spans.append(_span(toks, found, text, "journal"))
    for found in lexicon.organisations.find(toks):
        spans.append(_span(toks, found, text, "organisation"))
    for match in _scan(_UNIVERSITY, text, open_patterns):
        name = re.sub(r"^the\s+", "", match.group(0).strip(), flags=re.IGNORECASE)
        spans.append((match.end() - len(name), match.end(), name, "organisation"))
    out: list[Citation] = []
    for start, end, name, kind in spans:
        if kind == "journal" and not _journal_context(text, start, end, name, lexicon):
            continue
        lead = _LEAD_IN.search(text[max(0, start - 80) : start])
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
