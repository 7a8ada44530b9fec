"""Settings of Passerelles, read from the environment (see base.py for every variable)."""

from .base import *  # noqa: F403
