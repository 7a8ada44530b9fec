"""Thematic search: one search service with interchangeable engines."""
