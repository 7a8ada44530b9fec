"""Following a practice or a theme, and the digests sent on the group's rhythm."""
