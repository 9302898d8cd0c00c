"""Reporters: turn findings into text or JSON."""
