"""The public form "Partager une expérience": a visitor's practice becomes a draft for review."""
