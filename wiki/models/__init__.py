"""The wiki's models, one module per family: taxonomy, glossary, practice, surrounding pages
and the group's review step of the workflow."""

from wiki.models.glossary import GlossaryTerm
from wiki.models.pages import GlossaryPage, HomePage, PracticeIndexPage, ThemeIndexPage
from wiki.models.practice import (
    PracticeDifficulty,
    PracticeMemoItem,
    PracticePage,
    PracticePartner,
    PracticeQuote,
    PracticeResource,
    PracticeStep,
)
from wiki.models.review import GroupReviewTask
from wiki.models.taxonomy import Audience, Level, Stage, Theme

__all__ = [
    "Audience",
    "GlossaryPage",
    "GlossaryTerm",
    "GroupReviewTask",
    "HomePage",
    "Level",
    "PracticeDifficulty",
    "PracticeIndexPage",
    "PracticeMemoItem",
    "PracticePage",
    "PracticePartner",
    "PracticeQuote",
    "PracticeResource",
    "PracticeStep",
    "Stage",
    "Theme",
    "ThemeIndexPage",
]
