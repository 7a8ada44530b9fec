"""gunicorn's settings for Passerelles, read from the environment (gunicorn loads this file
from the project directory): `python -m gunicorn` serves `passerelles.wsgi` with them."""

import os

wsgi_app = "passerelles.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")
# Synchronous workers: a page is a few fast queries; the guide's PDFs are built by the worker.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# A request stuck longer than this (a database that stopped answering) costs one worker for
# at most this long: gunicorn replaces it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Replacing workers now and then bounds the memory a long-lived process can pile up.
max_requests = 2000
max_requests_jitter = 200
# The reverse proxy in front sets X-Forwarded-Proto; only trust it from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
# gunicorn's control socket (one path per user) would collide between servers on one machine.
control_socket_disable = True
