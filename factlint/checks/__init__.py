"""Checks: one module per rule family; each registers its rules in the registry."""
