"""What keeps the wiki trustworthy: sign-in throttling, upload limits, edit conflicts."""
