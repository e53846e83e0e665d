"""`/okr settings`: what a workspace's admins tune (fiscal year, time zone, focus limit)."""
