"""The database: models, the session factory, query functions and migrations."""
