"""Streaks and badges: how many periods in a row someone checked in, and the badges they earn,
each told to its owner once by DM and shown on their Home tab."""
