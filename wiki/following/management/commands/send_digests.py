"""`manage.py send_digests`: to run once a day (cron); sends the digests that are due."""

from django.core.management.base import BaseCommand, CommandError

from wiki.following.digests import send_digests


class Command(BaseCommand):
    help = (
        "Envoie à chaque personne dont le rythme tombe aujourd'hui ce qui a changé dans ce "
        "qu'elle suit. À lancer une fois par jour ; relancé le même jour, il n'envoie rien de plus."
    )

    def handle(self, *args, **options) -> None:
        run = send_digests()
        self.stdout.write(
            f"Nouvelles envoyées : {run.sent} ; rien de neuf pour {run.nothing_new} personne(s)."
        )
        if run.failed:
            raise CommandError(
                f"{run.failed} courriel(s) n'ont pas pu partir : ils seront retentés au prochain "
                "passage."
            )
