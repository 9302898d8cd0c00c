"""The editor's page: ``factlint serve`` and the JSON API behind it (docs/web.md).

Only :mod:`factlint.web.server` needs Starlette and uvicorn, and the CLI imports it only when
``serve`` runs, so the linter itself never pays for the web stack.
"""
