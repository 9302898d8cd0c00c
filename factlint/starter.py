"""``factlint init``: a commented starter ``.factlint.yaml``, every setting explained in place.

The written file is a valid config as it stands (the tests load it), so a team can commit it
first and tune it later.
"""

from __future__ import annotations

from pathlib import Path

from factlint.atomic import write_atomic
from factlint.config import CONFIG_NAMES
from factlint.errors import UsageError

STARTER_CONFIG = """\
# factlint settings for the articles in this folder and every folder below it
# (a file uses the config nearest to it). `factlint rules` lists every rule id;
# `factlint explain RULE` documents one. Keys may be written as fail-on or fail_on.

# Only report these rule ids or categories (empty: everything). Categories:
# typo, grammar, citation, causal, statistic, disclaimer, terminology, style.
select: []

# Never report these rule ids or categories.
ignore: []

# Change the severity (error, warning or info) of a rule id or a whole category.
severity: {}
#  preferred-term: error
#  style: info

# `factlint check` exits 1 when a finding is at or above this severity
# (the --fail-on option overrides it).
fail-on: warning

# Which files to lint when walking folders: globs relative to this file.
# `*` also matches `/`; a name without `/` matches any folder or file of that name.
include: []
#  - "articles/**"
exclude: []
#  - drafts
#  - "archive/2019/**"

# File extensions linted when walking folders.
extensions: [.md, .markdown, .html, .htm, .txt]

# Extra rule packs (YAML), relative to this file: house style, your own facts.
rules: []

# Words the spell checker accepts (drug names, local clinics) or always flags.
accept-words: []
reject-words: []

# Front matter keys whose text is linted (Markdown).
front-matter-keys: [title, description]

# Files larger than this many MB are skipped with an error.
max-file-size-mb: 16
"""


def write_starter_config(directory: Path, *, force: bool = False) -> Path:
    """Write ``.factlint.yaml`` in ``directory``; refuse to overwrite unless ``force``."""
    target = directory / CONFIG_NAMES[0]
    if target.exists() and not force:
        raise UsageError(f"{target} already exists; use --force to overwrite it")
    try:
        write_atomic(target, STARTER_CONFIG.encode("utf-8"))
    except OSError as error:
        raise UsageError(f"cannot write {target}: {error.strerror or error}") from None
    return target
