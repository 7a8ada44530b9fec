"""The wiki's models, one module per family: taxonomy, glossary, practice, surrounding pages,
the group's review step of the workflow and the experiences shared by visitors."""

from wiki.models.contribution import Contribution
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
    "Contribution",
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
