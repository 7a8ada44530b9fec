"""Search engines: one module per engine family, each implementing search.base.SearchEngine."""
