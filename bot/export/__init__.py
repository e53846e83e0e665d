"""Export of a cycle (CSV and JSON) and import of the CSV: docs/EXPORT.md describes the format."""
