"""Models of the following app."""
