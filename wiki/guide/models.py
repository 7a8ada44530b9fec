"""Models of the guide app."""
