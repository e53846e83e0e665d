"""Check-in prompts: who is asked when (schedule), who is away, pauses, the prompt and its job."""
