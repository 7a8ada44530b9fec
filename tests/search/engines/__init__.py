"""Tests of the search engines, one module per engine family."""
