"""The ``Claim`` type: one checkable statement found in a document's prose.

A claim is deliberately one small frozen type with a kind and a read-only attribute mapping,
rather than three subclasses: checks filter on ``kind`` and read a few attributes, and the JSON
contract (``factlint claims --format json``) is the same flat object for every kind. The keys of
``attributes`` per kind are fixed (``ATTRIBUTE_KEYS``); the helpers in ``statistics``,
``citations`` and ``causal`` are the only code that builds them.

Offsets are *prose* offsets within ``document.blocks[block].text`` (the engine turns them into
line and column with ``Document.locate``), which keeps claims independent of the input format.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

ClaimKind = Literal["statistic", "citation", "causal"]
Strength = Literal["none", "correlational", "conditional_causal", "direct_causal"]
Specificity = Literal["vague", "named", "traceable"]

STRENGTHS: tuple[Strength, ...] = ("none", "correlational", "conditional_causal", "direct_causal")
"""The four classes of causal language, weakest first (Sumner et al. 2014; Yu et al. 2019)."""

ATTRIBUTE_KEYS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        # value: a number, [low, high] for a range, [n, m] for a ratio ("1 in 50"); unit:
        # percent, people, count, ratio, fraction ("one-third"), fold ("10 times more
        # likely"), odds_ratio, hazard_ratio, rate_ratio, relative_risk, dose; qualifier:
        # about, approximately, more than, up to, nearly, at least, ... or None; percent: the
        # figure as a percentage when it converts (ratio, fraction, percent), else None.
        # Optional: comparison ("than men"), ci ([low, high]), measure, dose_unit.
        "statistic": (
            "value",
            "unit",
            "qualifier",
            "scale",
            "condition",
            "population",
            "percent",
        ),
        # specificity: vague | named | traceable; authors: list; year: int;
        # supports: [[block, start, end], ...] prose spans of the sentences it supports.
        "citation": (
            "specificity",
            "source",
            "journal",
            "organisation",
            "authors",
            "year",
            "doi",
            "pmid",
            "url",
            "reference",
            "supports",
        ),
        "causal": ("strength", "cue", "cause", "effect", "hedged", "negated", "intensity"),
    }
)
"""The attribute keys each kind always carries (``None`` when the text does not say)."""


@dataclass(frozen=True)
class Claim:
    """A statistic, citation or causal statement, located in one prose block.

    ``start``/``end`` delimit the claim's own words (the number and its unit, the citation, the
    causal cue); ``sentence_start``/``sentence_end`` the sentence it stands in, which is what
    checks quote and what a citation ``supports``. ``attributes`` holds the kind's fields (see
    ``ATTRIBUTE_KEYS``); it is read-only because claims are shared by every check.
    """

    kind: ClaimKind
    block: int
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    attributes: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if not isinstance(self.attributes, MappingProxyType):
            object.__setattr__(self, "attributes", MappingProxyType(dict(self.attributes)))

    def get(self, key: str, default: Any = None) -> Any:
        """An attribute, or ``default`` when absent."""
        return self.attributes.get(key, default)


def make_claim(
    kind: ClaimKind,
    block: int,
    start: int,
    end: int,
    block_text: str,
    sentence: tuple[int, int],
    **attributes: Any,
) -> Claim:
    """A claim whose ``text`` is cut from the block text, with every key of its kind present."""
    values = {key: attributes.pop(key, None) for key in ATTRIBUTE_KEYS[kind]}
    values.update(attributes)
    return Claim(
        kind=kind,
        block=block,
        start=start,
        end=end,
        text=block_text[start:end],
        sentence_start=sentence[0],
        sentence_end=sentence[1],
        attributes=MappingProxyType(values),
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_jsonable(v) for v in value]
    return value


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """The claim as the JSON object of ``factlint claims --format json``, minus location.

    The engine adds ``line``, ``column``, ``end_line`` and ``end_column`` (it owns the
    Document and its offset maps). The one attribute that holds prose positions is a
    citation's ``supports``: ``[block, start, end]`` sentence spans, which the engine converts
    the same way. Tuples become lists, so the result round-trips through ``json``.
    """
    out: dict[str, Any] = {"kind": claim.kind, "text": claim.text}
    for key, value in claim.attributes.items():
        out[key] = _jsonable(value)
    return out
