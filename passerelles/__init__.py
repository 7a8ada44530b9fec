"""Passerelles: the Django project that holds settings, URLs and the WSGI entry point."""
