"""python manage.py load_demo — load the French demo content (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from wiki.demo import load_demo


class Command(BaseCommand):
    help = "Charge le contenu de démonstration : glossaire, accueil, fiches, comptes de démo."

    def handle(self, *args, **options):
        report = load_demo()
        practices = report.practices
        for refusal in practices.refused:
            self.stderr.write(refusal)
        self.stdout.write(
            f"Glossaire : {report.glossary_terms} termes. Fiches : {len(practices.created)} "
            f"créée(s), {len(practices.updated)} mise(s) à jour, "
            f"{len(practices.unchanged)} inchangée(s)."
        )
        self.stdout.write("Comptes de démonstration (pour la démo seulement) :")
        for role, username, password in report.accounts:
            self.stdout.write(
                f"  {role:<22} identifiant : {username:<14} mot de passe : {password}"
            )
        if practices.refused:
            raise CommandError(f"{len(practices.refused)} fiche(s) de démo refusée(s).")
