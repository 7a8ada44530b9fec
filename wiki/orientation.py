"""'Se situer': six questions about a centre's relation with its school, and where it places it.

Each answer points to one of the three stages of the partnership (`wiki.vocabulary.STAGES`).
The scoring is deliberately simple so that a person can redo it by hand on the printed grid:
the stage chosen by the most answers wins; a tie goes to the earlier stage (see
`stage_for_answers`). Nothing about the person is stored: the answers travel in the query string.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wiki.guide.content import OrientationQuestion
from wiki.models import Stage
from wiki.vocabulary import STAGES
from wiki.welcome import StageStart, latest_practices

FIRST_CONTACT = "premier-contact"
OCCASIONAL = "cooperation-ponctuelle"
SETTLED = "partenariat-installe"
STAGE_ORDER: tuple[str, ...] = tuple(slug for slug, _title, _meaning in STAGES)
PRACTICES_PER_STAGE = 4

QUESTIONS: tuple[OrientationQuestion, ...] = (
    OrientationQuestion(
        "Connaissez-vous le nom de la direction de l'école ?",
        (
            ("Non, pas encore", FIRST_CONTACT),
            ("Oui, et nous nous sommes déjà parlé", OCCASIONAL),
            ("Oui, nous nous appelons quand il le faut", SETTLED),
        ),
    ),
    OrientationQuestion(
        "Avez-vous déjà mené une action avec l'école ?",
        (
            ("Jamais", FIRST_CONTACT),
            ("Une ou deux fois", OCCASIONAL),
            ("Oui, chaque année, préparée ensemble", SETTLED),
        ),
    ),
    OrientationQuestion(
        "Vous réunissez-vous avec l'équipe enseignante au moins une fois par trimestre ?",
        (
            ("Non", FIRST_CONTACT),
            ("Parfois, pour un projet précis", OCCASIONAL),
            ("Oui, c'est prévu dans notre calendrier", SETTLED),
        ),
    ),
    OrientationQuestion(
        "Le projet du centre mentionne-t-il l'école ?",
        (
            ("Non", FIRST_CONTACT),
            ("Oui, sans action précise", OCCASIONAL),
            ("Oui, avec des actions menées ensemble", SETTLED),
        ),
    ),
    OrientationQuestion(
        "L'école vous invite-t-elle à ses instances (conseil d'école, conseil école-collège…) ?",
        (
            ("Non", FIRST_CONTACT),
            ("C'est déjà arrivé", OCCASIONAL),
            ("Oui, nous y participons régulièrement", SETTLED),
        ),
    ),
    OrientationQuestion(
        "Les familles vous identifient-elles comme un lien avec l'école ?",
        (
            ("Pas vraiment", FIRST_CONTACT),
            ("Certaines familles, oui", OCCASIONAL),
            ("Oui, elles viennent nous parler de l'école", SETTLED),
        ),
    ),
)

# What each stage means in practice, and where to go from there.
STAGE_ADVICE = {
    FIRST_CONTACT: "Le plus utile maintenant : se faire connaître. Trouver le bon interlocuteur, "
    "présenter le centre à l'équipe enseignante, proposer un premier rendez-vous simple.",
    OCCASIONAL: "Vous avez déjà fait des choses ensemble. L'étape suivante : rendre ces "
    "actions régulières, les préparer à deux et les inscrire dans les projets de chacun.",
    SETTLED: "Vous préparez et menez des projets ensemble. Le plus utile maintenant : "
    "les faire durer quand les équipes changent, les évaluer et partager votre expérience.",
}


def stage_for_answers(answer_stages: Iterable[str]) -> str:
    """The stage slug chosen by the most answers; a tie goes to the earlier stage.

    Why the earlier stage: when a centre sits between two stages, easier first steps are the
    safer proposal; the result page also shows the practices of the next stage.
    """
    votes = Counter(answer_stages)
    return max(STAGE_ORDER, key=lambda slug: (votes[slug], -STAGE_ORDER.index(slug)))


def parameter(number: int) -> str:
    """The query-string name of question `number` (from 1): "q1", "q2"…"""
    return f"q{number}"


@dataclass
class ReadAnswers:
    chosen: dict[int, int]  # question number (from 1) → answer index (from 0)
    missing: list[int]  # numbers of the questions left without a valid answer

    @property
    def complete(self) -> bool:
        return not self.missing

    def stages(self) -> list[str]:
        return [QUESTIONS[number - 1].answers[index][1] for number, index in self.chosen.items()]


def read_answers(params: Mapping[str, str]) -> ReadAnswers:
    """The answers found in the query string; a missing or unknown value is unanswered."""
    chosen, missing = {}, []
    for number, question in enumerate(QUESTIONS, start=1):
        value = params.get(parameter(number), "")
        if value.isdigit() and int(value) < len(question.answers):
            chosen[number] = int(value)
        else:
            missing.append(number)
    return ReadAnswers(chosen, missing)


def proposed_practices(stage_slug: str) -> list[StageStart]:
    """A few public practices of the stage reached and of the next one, if any."""
    position = STAGE_ORDER.index(stage_slug)
    slugs = STAGE_ORDER[position : position + 2]
    stages = sorted(Stage.objects.filter(slug__in=slugs), key=lambda stage: slugs.index(stage.slug))
    return [StageStart(stage, latest_practices(stage, PRACTICES_PER_STAGE)) for stage in stages]


@dataclass
class QuestionRow:
    """One question as the form shows it, with the answer given so far."""

    number: int
    name: str
    text: str
    answers: list[tuple[int, str, bool]]  # (index, label, checked)
    missing: bool


def question_rows(answers: ReadAnswers | None) -> list[QuestionRow]:
    chosen = answers.chosen if answers else {}
    missing = answers.missing if answers else []
    return [
        QuestionRow(
            number,
            parameter(number),
            question.text,
            [
                (index, label, chosen.get(number) == index)
                for index, (label, _) in enumerate(question.answers)
            ],
            number in missing,
        )
        for number, question in enumerate(QUESTIONS, start=1)
    ]


def orientation_context(params: Mapping[str, str]) -> dict:
    """Everything the page shows: the form, and either what is missing or the result."""
    submitted = any(parameter(number) in params for number in range(1, len(QUESTIONS) + 1))
    answers = read_answers(params) if submitted else None
    context = {"questions": question_rows(answers), "answers": answers}
    if answers and answers.complete:
        slug = stage_for_answers(answers.stages())
        proposals = proposed_practices(slug)
        context.update(
            stage=proposals[0].stage,
            advice=STAGE_ADVICE[slug],
            proposals=proposals,
            next_stage=proposals[1].stage if len(proposals) > 1 else None,
        )
    return context
