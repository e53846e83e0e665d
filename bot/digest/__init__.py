"""The weekly team digest: each team channel's objectives and the workspace's, posted once per
channel and week by the `digest` job, and previewed with `/okr digest`."""
