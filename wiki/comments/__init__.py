"""Comments on the sections of a practice, written by members from the practice page itself.

They are Wagtail's own admin comments, so editors meet them in the page editor beside the
field they are about, and answer or resolve them there.
"""
