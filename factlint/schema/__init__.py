"""JSON schemas shipped with factlint (rule packs)."""
