"""python manage.py search_index rebuild|sync|status — keep the search engines in step."""

import sys

from django.core.management.base import BaseCommand, CommandError

from search import service
from search.base import EngineUnavailable

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "rebuild : reconstruit les index ; sync : rattrape les mises à jour manquées ; "
        "status : état de chaque moteur."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "sync", "status"])

    def handle(self, *args, action: str, **options):
        try:
            getattr(self, action)()
        except EngineUnavailable as error:
            raise CommandError(f"Moteur de recherche injoignable : {error}") from error

    def progress(self, engine: str, done: int, total: int) -> None:
        if total and (done == total or done % 25 == 0):
            filled = BAR_WIDTH * done // total
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stdout.write(f"\r{engine:<12} [{bar}] {done}/{total}", ending="")
            if done == total:
                self.stdout.write("")
            sys.stdout.flush()

    def rebuild(self) -> None:
        counts = service.rebuild(progress=self.progress)
        for engine, count in counts.items():
            self.stdout.write(f"{engine} : {count} fiche(s) indexée(s).")

    def sync(self) -> None:
        report = service.sync()
        self.stdout.write(
            f"{report.replayed} mise(s) à jour rattrapée(s), {report.indexed} fiche(s) indexée(s), "
            f"{report.removed} retirée(s)."
        )
        if report.still_missing:
            raise CommandError(f"{report.still_missing} mise(s) à jour encore en attente.")

    def status(self) -> None:
        for row in service.status():
            state = "joignable" if row["reachable"] else "INJOIGNABLE"
            self.stdout.write(
                f"{row['engine']} : {state}, {row['indexed']} fiche(s) indexée(s) sur "
                f"{row['public_practices']} publiée(s), {row['missed_updates']} mise(s) à jour "
                "en attente." + (f" Erreur : {row['error']}" if row.get("error") else "")
            )
