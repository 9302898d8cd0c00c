"""Config discovery and loading: .factlint.yaml, factlint.yaml, [tool.factlint]."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from factlint import config as config_module
from factlint.config import Config, find_config, load_config
from factlint.errors import ConfigError
from factlint.findings import Severity

needs_tomllib = pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib is 3.11+")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def error_of(path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(path.parent)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return str(info.value)


# --------------------------------------------------------------------------- defaults


def test_defaults() -> None:
    config = load_config(None)
    assert config == Config()
    assert config.rules == () and config.select == () and config.ignore == ()
    assert dict(config.severity) == {}
    assert config.fail_on is Severity.WARNING
    assert config.extensions == (".md", ".markdown", ".html", ".htm", ".txt")
    assert config.front_matter_keys == ("title", "description")
    assert config.spacy_model is None
    assert config.max_file_size_mb == 16
    assert config.path is None


def test_empty_file_gives_defaults(tmp_path: Path) -> None:
    path = write(tmp_path / ".factlint.yaml", "# nothing yet\n")
    assert load_config(path) == Config(path=path)


# --------------------------------------------------------------------------- discovery


def test_find_walks_up_from_a_file_or_directory(tmp_path: Path) -> None:
    config = write(tmp_path / "factlint.yaml", "select: [typo]\n")
    article = write(tmp_path / "a" / "b" / "article.md", "# Hi\n")
    assert find_config(article) == config
    assert find_config(article.parent) == config
    assert find_config(tmp_path) == config


def test_find_prefers_nearest_then_dot_file(tmp_path: Path) -> None:
    write(tmp_path / ".factlint.yaml", "")
    inner = tmp_path / "inner"
    plain = write(inner / "factlint.yaml", "")
    assert find_config(inner) == plain
    dotted = write(inner / ".factlint.yaml", "")
    assert find_config(inner) == dotted


def test_find_returns_none_without_config(tmp_path: Path) -> None:
    # tmp_path's ancestors may hold anything; only a result inside tmp_path would be ours.
    found = find_config(tmp_path)
    assert found is None or tmp_path not in found.parents


@needs_tomllib
def test_find_pyproject_only_with_factlint_table(tmp_path: Path) -> None:
    outer = write(tmp_path / "pyproject.toml", "[tool.factlint]\nselect = ['typo']\n")
    inner = tmp_path / "pkg"
    write(inner / "pyproject.toml", "[project]\nname = 'x'\n")
    assert find_config(inner) == outer
    sub_table = write(inner / "pyproject.toml", "[tool.factlint.severity]\ntypo = 'info'\n")
    assert find_config(inner) == sub_table
    yaml_config = write(inner / "factlint.yaml", "")
    assert find_config(inner) == yaml_config


@needs_tomllib
def test_broken_pyproject_is_claimed_only_if_it_names_factlint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outer = write(tmp_path / ".factlint.yaml", "")
    inner = tmp_path / "pkg"
    write(inner / "pyproject.toml", "[project\nname = 'x'\n")
    assert find_config(inner) == outer
    broken = write(inner / "pyproject.toml", "[tool.factlint]\nselect = [\n")
    assert find_config(inner) == broken
    assert error_of(broken, monkeypatch).startswith("pyproject.toml: invalid TOML: ")


def test_pyproject_ignored_without_tomllib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config_module, "tomllib", None)
    pyproject = write(tmp_path / "pyproject.toml", "[tool.factlint]\n")
    assert find_config(tmp_path) != pyproject
    message = error_of(pyproject, monkeypatch)
    assert message.startswith("pyproject.toml: reading [tool.factlint] needs Python 3.11")


# --------------------------------------------------------------------------- loading


FULL = """
rules: [packs/house.yaml, ../shared/pack.yaml, /abs/pack.yaml]
select: [typo, causal]
ignore: [preferred-term]
severity:
  preferred-term: info
  causal: error
fail-on: error
include: ["articles/**"]
exclude: ["drafts/**"]
extensions: [md, .RST]
front_matter_keys: [title, summary]
spacy-model: en_core_web_sm
max-file-size-mb: 2.5
accept-words: [Ekbom]
reject_words: [alot]
disclaimer-wordings: ["This is not medical advice."]
"""


def test_load_yaml_all_fields(tmp_path: Path) -> None:
    path = write(tmp_path / "site" / ".factlint.yaml", FULL)
    config = load_config(path)
    assert config.path == path
    assert config.rules == (
        tmp_path / "site" / "packs" / "house.yaml",
        tmp_path / "shared" / "pack.yaml",
        Path("/abs/pack.yaml"),
    )
    assert config.select == ("typo", "causal")
    assert config.ignore == ("preferred-term",)
    assert dict(config.severity) == {"preferred-term": Severity.INFO, "causal": Severity.ERROR}
    assert config.fail_on is Severity.ERROR
    assert config.include == ("articles/**",) and config.exclude == ("drafts/**",)
    assert config.extensions == (".md", ".rst")
    assert config.front_matter_keys == ("title", "summary")
    assert config.spacy_model == "en_core_web_sm"
    assert config.max_file_size_mb == 2.5
    assert config.accept_words == ("Ekbom",) and config.reject_words == ("alot",)
    assert config.disclaimer_wordings == ("This is not medical advice.",)


def test_kebab_and_snake_case_are_the_same_key(tmp_path: Path) -> None:
    kebab = load_config(write(tmp_path / "a.yaml", "fail-on: info\nmax-file-size-mb: 1\n"))
    snake = load_config(write(tmp_path / "b.yaml", "fail_on: info\nmax_file_size_mb: 1\n"))
    assert (kebab.fail_on, kebab.max_file_size_mb) == (snake.fail_on, snake.max_file_size_mb)
    assert kebab.fail_on is Severity.INFO and kebab.max_file_size_mb == 1.0


@needs_tomllib
def test_load_pyproject_table(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        """
        [project]
        name = "site"

        [tool.factlint]
        rules = ["packs/house.yaml"]
        fail-on = "info"
        extensions = [".md"]

        [tool.factlint.severity]
        preferred-term = "error"
        """,
    )
    config = load_config(path)
    assert config.path == path
    assert config.rules == (tmp_path / "packs" / "house.yaml",)
    assert config.fail_on is Severity.INFO
    assert config.extensions == (".md",)
    assert dict(config.severity) == {"preferred-term": Severity.ERROR}


# --------------------------------------------------------------------------- errors


def test_unknown_key_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / ".factlint.yaml", "select: [typo]\nfail-onn: error\n")
    assert error_of(path, monkeypatch) == ".factlint.yaml:2: unknown key 'fail-onn'"


def test_wrong_types_name_file_line_and_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(
        tmp_path / ".factlint.yaml",
        """
        select: typo
        severity:
          typo: fatal
        fail_on: 3
        max-file-size-mb: big
        spacy-model: [x]
        extensions: [md, ""]
        """,
    )
    assert error_of(path, monkeypatch).splitlines() == [
        ".factlint.yaml:1: select: expected a list",
        ".factlint.yaml:3: severity.typo: expected one of: error, warning, info",
        ".factlint.yaml:4: fail_on: expected one of: error, warning, info",
        ".factlint.yaml:5: max-file-size-mb: expected a number",
        ".factlint.yaml:6: spacy-model: expected a string or nothing (null)",
        ".factlint.yaml:7: extensions[1]: expected a non-empty string",
    ]


def test_size_must_be_positive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "factlint.yaml", "max_file_size_mb: 0\n")
    assert error_of(path, monkeypatch) == (
        "factlint.yaml:1: max_file_size_mb: expected a number greater than 0"
    )


def test_size_must_be_finite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``.nan`` and ``.inf`` pass the schema's number tests (NaN compares false with all)."""
    for value in (".nan", ".inf"):
        path = write(tmp_path / "factlint.yaml", f"max_file_size_mb: {value}\n")
        assert error_of(path, monkeypatch) == (
            "factlint.yaml:1: max_file_size_mb: expected a finite number"
        )
    path = write(tmp_path / "pyproject.toml", "[tool.factlint]\nmax_file_size_mb = nan\n")
    assert error_of(path, monkeypatch) == (
        "pyproject.toml: tool.factlint.max_file_size_mb: expected a finite number"
    )


def test_both_spellings_and_duplicates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "factlint.yaml", "fail-on: error\nselect: []\nfail_on: info\n")
    assert error_of(path, monkeypatch) == (
        "factlint.yaml:3: 'fail_on' repeats 'fail-on' (line 1); keep one"
    )
    path = write(tmp_path / "factlint.yaml", "select: [a]\nselect: [b]\n")
    assert error_of(path, monkeypatch) == (
        "factlint.yaml:2: duplicate key 'select' (first on line 1)"
    )


def test_top_level_and_syntax_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "factlint.yaml", "just words\n")
    assert error_of(path, monkeypatch) == (
        "factlint.yaml:1: the top level must be a mapping of settings"
    )
    path = write(tmp_path / "factlint.yaml", "select: [a\n")
    assert error_of(path, monkeypatch).startswith("factlint.yaml:2:1: invalid YAML: ")


def test_missing_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert error_of(tmp_path / "factlint.yaml", monkeypatch) == (
        "factlint.yaml: no such config file"
    )


@needs_tomllib
def test_pyproject_errors_name_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        """
        [tool.factlint]
        colour = "red"
        fail-on = "fatal"
        select = "typo"
        """,
    )
    assert error_of(path, monkeypatch).splitlines() == [
        "pyproject.toml: tool.factlint: unknown key 'colour'",
        "pyproject.toml: tool.factlint.fail-on: expected one of: error, warning, info",
        "pyproject.toml: tool.factlint.select: expected a list",
    ]
    path = write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert error_of(path, monkeypatch) == "pyproject.toml: no [tool.factlint] table"
