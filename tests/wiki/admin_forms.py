"""POST data for the practice edit form in the Wagtail admin, built like the browser does."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from wiki.models import Audience, Stage, Theme


def practice_form_data(title="Une fiche de test", slug="une-fiche-de-test", complete=True, **extra):
    data = {
        "title": title,
        "slug": slug,
        "summary": "",
        "context": rich_text(""),
        "objectives": rich_text(""),
        "ingredients": rich_text(""),
        "what_worked": rich_text(""),
        "structure": "",
        "territory": "",
        "partners": inline_formset([]),
        "steps": inline_formset([]),
        "difficulties": inline_formset([]),
        "memo_items": inline_formset([]),
        "quotes": inline_formset([]),
        "resources": inline_formset([]),
        "comments": inline_formset([]),
    }
    if complete:
        data.update(
            {
                "summary": "Une phrase qui résume la pratique.",
                "context": rich_text("<p>Le point de départ.</p>"),
                "objectives": rich_text("<p>Les objectifs.</p>"),
                "stage": Stage.objects.get(slug="premier-contact").pk,
                "steps": inline_formset(
                    [{"title": "Étape un", "text": rich_text("<p>Faire.</p>")}]
                ),
                "difficulties": inline_formset(
                    [{"question": "Personne ne vient", "answer": rich_text("<p>Insister.</p>")}]
                ),
                "memo_items": inline_formset([{"text": "Ne pas oublier"}]),
            }
        )
    data.update(extra)
    form_data = nested_form_data(data)
    if complete:
        # Multiple-choice fields repeat their name, which nested_form_data cannot express.
        form_data["themes"] = [Theme.objects.get(slug="communiquer").pk]
        form_data["audiences"] = [Audience.objects.get(slug="csx").pk]
    return form_data
