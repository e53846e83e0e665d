"""The `cycle` job: close reminders before a cycle ends, invitations to set the new cycle's
OKRs, and the summary of the cycle that ended, each once through the outbox."""
