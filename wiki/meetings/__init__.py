"""Meetings of the network and "what's new since the last meeting"."""
