"""Spelling support for the typo checks: layered lexicon, suggestions, variants, confusion sets.

The modules are data plumbing with no knowledge of findings: :mod:`factlint.checks.typos` turns
their answers into findings.

- :mod:`.sources` finds the word lists shipped by PyPI packages (without importing them);
- :mod:`.hunspell` expands a Hunspell ``.dic``/``.aff`` pair into plain word forms;
- :mod:`.lexicon` merges the layers and caches the compiled result in the user cache directory;
- :mod:`.suggest` ranks corrections and run-together splits and decides when a fix is safe;
- :mod:`.variants` knows British and American spelling patterns;
- :mod:`.confusables` matches real-word confusion sets in context (data from the rule packs);
- :mod:`.words` classifies tokens (known, acronym, number, digits stuck to a word, ...).
"""
