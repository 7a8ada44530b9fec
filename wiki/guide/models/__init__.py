"""Models of the guide: editions (curated, then frozen) and the builds of their files."""

from wiki.guide.models.build import GuideBuild
from wiki.guide.models.edition import GuideEdition

__all__ = ["GuideBuild", "GuideEdition"]
