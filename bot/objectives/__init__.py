"""Objectives and key results: writing them, checking them, coaching them, listing them."""
