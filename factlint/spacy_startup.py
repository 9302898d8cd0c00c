"""Import spaCy without loading its command line (the ``factlint`` command only).

``import spacy`` (spaCy 3.x) runs ``from .cli.info import info``, and that loads spaCy's whole
command line: typer, weasel, requests, httpx, jinja2 and more. That is about 0.2 s, a fifth of
factlint's start, spent on ``spacy.info``, which factlint never calls. Upstream is making it
lazy (explosion/spaCy#13933). Until then, the ``factlint`` command imports spaCy with stand-ins:
- ``spacy.cli.info`` is a stand-in whose ``info`` loads the real one when called;
- ``spacy.cli`` is an empty stand-in package around it.

The stand-ins are removed as soon as spaCy is imported, so a later ``import spacy.cli`` loads
the real package as usual. If the stand-ins do not satisfy some spaCy version, spaCy is
imported the normal way. The library API never does this: a program that imports factlint
gets spaCy exactly as it would without it.
"""

from __future__ import annotations

import sys
import types
from typing import Any


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, which loads spaCy's command line when it is first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


STAND_IN_ATTRIBUTES: dict[str, Any] = {"info": _info}
"""What ``spacy/__init__.py`` imports from ``spacy.cli.info``."""


def import_spacy_without_cli() -> None:
    """Import spaCy with its command line left unloaded (or normally, see the module doc)."""
    if "spacy" in sys.modules:
        return
    package = types.ModuleType("spacy.cli")
    package.__path__ = []  # a package, so that the stand-in "spacy.cli.info" is its submodule
    info = types.ModuleType("spacy.cli.info")
    info.__dict__.update(STAND_IN_ATTRIBUTES)
    stand_ins = {"spacy.cli": package, "spacy.cli.info": info}
    sys.modules.update(stand_ins)
    try:
        import spacy
    except Exception:  # any failure: retry the normal way, which reports it
        _remove(stand_ins)
        import spacy
    finally:
        _remove(stand_ins)
    if getattr(spacy, "cli", None) is package:
        del spacy.cli


def _remove(stand_ins: dict[str, types.ModuleType]) -> None:
    for name, module in stand_ins.items():
        if sys.modules.get(name) is module:
            del sys.modules[name]
