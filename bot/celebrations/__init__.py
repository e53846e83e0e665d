"""Milestone shout-outs: when a check-in carries a key result across a milestone, or completes
an objective, one message celebrates it, once."""
