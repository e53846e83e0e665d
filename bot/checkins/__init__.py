"""Check-ins: the modal, the message parser, history and edits, as use cases over a session."""
