"""Delivery: messages the bot decides to send are queued in the outbox and sent exactly once."""
