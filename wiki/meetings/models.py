"""The network's meetings: one list page ("Rencontres") and one page per meeting.

Meetings are Wagtail pages so that their notes get revisions, comments and the same roles
as practices. Their notes and participants' names are internal work and personal data:
both pages are shown to logged-in members of the network only (see `serve`).
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from wiki.drafts import require_member

NOTES_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


class MeetingKind(models.TextChoices):
    PILOT_GROUP = "groupe-pilote", "Groupe pilote"
    EXCHANGE = "rencontre-echanges", "Rencontre d'échanges"
    SHOWCASE = "rencontre-valorisation", "Rencontre de valorisation"
    SCHOOL_DEPARTMENT = "rencontre-en", "Rencontre EN départementale"
    TEAM = "temps-equipe", "Temps d'équipe"


class MembersOnlyPage(Page):
    """Participants' names and working notes are not for the public: members only."""

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        return require_member(request) or super().serve(request, *args, **kwargs)


class MeetingIndexPage(MembersOnlyPage):
    intro = RichTextField("introduction", blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wiki.HomePage"]
    subpage_types = ["meetings.MeetingPage"]
    max_count = 1
    template = "meetings/meeting_index_page.html"

    class Meta:
        verbose_name = "liste des rencontres"

    def get_context(self, request, *args, **kwargs):
        from wiki.meetings.calendar import meetings_by_time
        from wiki.meetings.permissions import may_write_meetings

        context = super().get_context(request, *args, **kwargs)
        context.update(meetings_by_time(self))
        context["may_add_meeting"] = may_write_meetings(request.user)
        return context


class MeetingPage(MembersOnlyPage):
    start = models.DateTimeField("début")
    end = models.DateTimeField("fin", null=True, blank=True)
    kind = models.CharField("type de rencontre", max_length=30, choices=MeetingKind.choices)
    place = models.CharField("lieu", max_length=200, blank=True)
    participants = models.TextField(
        "participants",
        blank=True,
        help_text="Un nom par ligne, avec la structure si besoin. Pas besoin d'avoir un compte.",
    )
    agenda = RichTextField("ordre du jour", blank=True, features=NOTES_FEATURES)
    notes = RichTextField("compte rendu", blank=True, features=NOTES_FEATURES)
    decisions = RichTextField("décisions", blank=True, features=NOTES_FEATURES)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("kind"),
                FieldPanel("place"),
            ],
            heading="Quand et où",
        ),
        FieldPanel("participants"),
        FieldPanel("agenda"),
        InlinePanel("presented_practices", label="Pratiques présentées"),
        FieldPanel("notes"),
        FieldPanel("decisions"),
        InlinePanel("next_steps", label="Suites à donner"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("agenda"),
        index.SearchField("notes"),
        index.SearchField("decisions"),
    ]

    parent_page_types = ["meetings.MeetingIndexPage"]
    subpage_types: list[str] = []
    template = "meetings/meeting_page.html"

    class Meta:
        verbose_name = "rencontre"
        verbose_name_plural = "rencontres"

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "La fin doit venir après le début."})

    def set_lists(self, practices: Iterable, next_steps: Iterable[tuple]) -> None:
        """Replace, in memory, the practices presented and the (what, who, due) next steps."""
        self.presented_practices = [
            MeetingPractice(practice=practice, sort_order=order)
            for order, practice in enumerate(practices)
        ]
        self.next_steps = [
            MeetingNextStep(what=what, who=who, due=due, sort_order=order)
            for order, (what, who, due) in enumerate(next_steps)
        ]

    @property
    def participant_list(self) -> list[str]:
        return [line.strip() for line in self.participants.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        from wiki.meetings.calendar import meeting_context

        context = super().get_context(request, *args, **kwargs)
        context.update(meeting_context(self))
        context["may_edit"] = self.permissions_for_user(request.user).can_edit()
        return context


class MeetingPractice(Orderable):
    """A practice presented at the meeting, in the order it was presented."""

    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="presented_practices")
    practice = models.ForeignKey(
        "wiki.PracticePage",
        verbose_name="fiche pratique",
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("practice")]

    class Meta(Orderable.Meta):
        verbose_name = "pratique présentée"
        verbose_name_plural = "pratiques présentées"


class MeetingNextStep(Orderable):
    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="next_steps")
    what = models.CharField("quoi", max_length=300)
    who = models.CharField("qui", max_length=200, blank=True)
    due = models.DateField("pour quand", null=True, blank=True)

    panels = [FieldRowPanel([FieldPanel("what"), FieldPanel("who"), FieldPanel("due")])]

    class Meta(Orderable.Meta):
        verbose_name = "suite à donner"
        verbose_name_plural = "suites à donner"
