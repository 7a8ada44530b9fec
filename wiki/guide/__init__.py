"""The reference guide: curated editions of chosen practices, frozen when published, and
their files (the booklet, its home-printing imposition, the poster) and online edition."""
