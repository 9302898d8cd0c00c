"""The default rule pack, shipped inside the wheel as ``factlint.rules``."""
