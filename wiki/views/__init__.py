"""Plain Django views of the wiki, one module per page (pages in the tree are served by Wagtail)."""
