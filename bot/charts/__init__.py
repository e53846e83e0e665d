"""Progress charts: drawn as PNG, uploaded to Slack, sent by DM and shown on the Home tab."""
