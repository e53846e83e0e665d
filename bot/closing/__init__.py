"""Closing a cycle: scores, reflections and carrying objectives over to the next cycle."""
