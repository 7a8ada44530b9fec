"""Back up a whole site — its database and its media files — into one archive, and restore it
into an empty database.

An archive is a gzip-compressed tar holding:

    data.json       every row, as Django serialises it (loaddata reads it back)
    media/…         the files under MEDIA_ROOT: uploaded images and documents, the guide's PDFs
    manifest.json   format and version, date, database, rows per model, media files, migrations

Rows keep their primary keys, so everything that names a row by its id stays right (revisions
and logs name their page by id, even a deleted one). Only content types and permissions, which
`migrate` recreates with other ids in another database, are left out and referred to by natural
key. Sessions and the search indexes are left out too: a restore rebuilds the indexes.
"""

import io
import json
import os
import tarfile
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import DatabaseError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "passerelles-backup"
FORMAT_VERSION = 1
DATA_NAME = "data.json"
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media"

# Recreated by `migrate` (content types, permissions), short-lived (sessions, who is editing
# what right now) or derived from the pages (the search indexes, rebuilt after a restore).
EXCLUDED_APPS = {"contenttypes", "sessions", "thematic_search", "wagtailsearch"}
EXCLUDED_MODELS = {"auth.permission", "wagtailadmin.editingsession"}
# Referred to by natural key, since their ids differ from one database to another.
NATURAL_KEY_MODELS = (ContentType, Permission)

# What a site's users made: any of it in a database means that database is not empty.
CONTENT_MODELS = {
    "auth.user": "compte(s)",
    "wagtailcore.revision": "version(s) de page",
    "wiki.practicepage": "fiche(s) pratique(s)",
    "wiki.glossaryterm": "terme(s) du glossaire",
}


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message is in French, for the operator."""


@dataclass
class BackupReport:
    archive: Path
    counts: dict[str, int]
    media_files: int


@dataclass
class RestoreReport:
    counts: dict[str, int]
    media_files: int
    warnings: list[str] = field(default_factory=list)


class RegeneratedKeysSerializer(JSONSerializer):
    """Django's JSON serialiser, with natural keys only towards content types and
    permissions: every other reference keeps the id it has."""

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = field.remote_field.model in NATURAL_KEY_MODELS
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = field.remote_field.model in NATURAL_KEY_MODELS
        super().handle_m2m_field(obj, field)


def backed_up_models() -> list:
    """Every model whose rows go into a backup, parents before children (easier to read)."""
    by_app = [
        (config, [model for model in config.get_models() if is_backed_up(model)])
        for config in apps.get_app_configs()
    ]
    return serializers.sort_dependencies(by_app, allow_cycles=True)


def is_backed_up(model) -> bool:
    meta = model._meta
    return (
        meta.managed
        and not meta.proxy
        and meta.app_label not in EXCLUDED_APPS
        and meta.label_lower not in EXCLUDED_MODELS
    )


# Backup ------------------------------------------------------------------------------------


@contextmanager
def read_snapshot() -> Iterator[None]:
    """Read every table as of one instant while the site keeps taking edits."""
    if connection.in_atomic_block:  # the caller's transaction already gives one view
        yield
    elif connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    else:
        # SQLite in WAL mode: a deferred read transaction sees one snapshot and, unlike the
        # project's IMMEDIATE transactions, takes no write lock from the site meanwhile.
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            try:
                yield
            finally:
                cursor.execute("COMMIT")


def dump_rows(stream) -> dict[str, int]:
    """Write every backed-up row as JSON to `stream`; return the number of rows per model."""
    counts: Counter = Counter()

    def rows():
        for model in backed_up_models():
            for row in model._base_manager.order_by("pk").iterator(chunk_size=2000):
                counts[model._meta.label_lower] += 1
                yield row

    RegeneratedKeysSerializer().serialize(rows(), stream=stream)
    return dict(counts)


def media_files(media_root: Path, work_dir: Path) -> list[Path]:
    """The files under MEDIA_ROOT, except the backup's own (when it is written in there)."""
    if not media_root.is_dir():
        return []
    return sorted(
        path for path in media_root.rglob("*") if path.is_file() and work_dir not in path.parents
    )


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o644
    archive.addfile(info, fileobj=io.BytesIO(content))


def add_media(archive: tarfile.TarFile, media_root: Path, work_dir: Path) -> int:
    added = 0
    media_root = media_root.resolve()
    for path in media_files(media_root, work_dir):
        try:
            archive.add(path, arcname=f"{MEDIA_PREFIX}/{path.relative_to(media_root).as_posix()}")
        except FileNotFoundError:  # deleted by the site meanwhile
            continue
        added += 1
    return added


def write_archive(archive_path: Path, work_dir: Path) -> BackupReport:
    data_path = work_dir / DATA_NAME
    with data_path.open("w", encoding="utf-8") as data, read_snapshot():
        counts = dump_rows(data)
        migrations = applied_migrations()
    with tarfile.open(archive_path, "w:gz") as archive:
        archive.add(data_path, arcname=DATA_NAME)
        added = add_media(archive, Path(settings.MEDIA_ROOT), work_dir)
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "counts": counts,
            "media_files": added,
            "migrations": migrations,
        }
        add_bytes(archive, MANIFEST_NAME, json.dumps(manifest, indent=2).encode())
    return BackupReport(archive_path, counts, added)


def backup_site(target: Path) -> BackupReport:
    """Write the archive beside `target` under a temporary name, renamed at the very end:
    whatever happens midway (a full disk, a killed process), `target` is whole or absent."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}.") as work_dir:
        partial = Path(work_dir) / "archive.tar.gz"
        report = write_archive(partial, Path(work_dir))
        with partial.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, target)
    report.archive = target
    return report


# Restore -----------------------------------------------------------------------------------


def read_manifest_and_data(archive_path: Path, work_dir: Path) -> tuple[dict, Path]:
    """Check the archive and take out its manifest and rows (the media come later)."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            for member in archive:
                if member.name in (DATA_NAME, MANIFEST_NAME) and member.isfile():
                    archive.extract(member, work_dir, filter="data")
    except (OSError, tarfile.TarError, EOFError) as error:
        raise BackupError(f"{archive_path} : archive illisible ou incomplète ({error}).") from error
    manifest_path = work_dir / MANIFEST_NAME
    if not manifest_path.is_file() or not (work_dir / DATA_NAME).is_file():
        raise BackupError(f"{archive_path} : ce n'est pas une sauvegarde de Passerelles complète.")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{archive_path} : ce n'est pas une sauvegarde de Passerelles.")
    if manifest.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"{archive_path} : sauvegarde au format {manifest.get('version')}, "
            f"cette version de Passerelles lit le format {FORMAT_VERSION}."
        )
    return manifest, work_dir / DATA_NAME


def unknown_migrations(manifest: dict) -> list[str]:
    """Migrations the backed-up site had and this code lacks: a backup from a newer version."""
    known = {(migration.app_label, migration.name) for migration in all_migrations()}
    return [
        f"{app_label}.{name}"
        for app_label, names in manifest.get("migrations", {}).items()
        for name in names
        if (app_label, name) not in known
    ]


def all_migrations():
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(connection, ignore_no_migrations=True).disk_migrations.values()


def existing_content() -> dict[str, int]:
    """What users made that is already in the database (nothing, in an empty one)."""
    found = {}
    for label in CONTENT_MODELS:
        count = apps.get_model(label)._base_manager.count()
        if count:
            found[label] = count
    return found


def refuse_unless_empty() -> None:
    found = existing_content()
    if found:
        described = ", ".join(f"{count} {CONTENT_MODELS[label]}" for label, count in found.items())
        raise BackupError(
            f"La base de données n'est pas vide ({described}) : une sauvegarde ne se restaure "
            "que dans une base vide, pour ne rien écraser. Créez une base neuve, indiquez-la "
            "dans DATABASE_URL et relancez la restauration."
        )


def check_counts(expected: dict[str, int]) -> None:
    wrong = []
    for label, count in expected.items():
        found = apps.get_model(label)._base_manager.count()
        if found != count:
            wrong.append(f"{label} : {found} au lieu de {count}")
    if wrong:
        raise BackupError("Restauration annulée, le compte n'y est pas : " + "; ".join(wrong))


def load_rows(data_path: Path, manifest: dict) -> None:
    """Empty what `migrate` created (the starting page tree, roles, taxonomy), load every row,
    check the counts: all in one transaction, so a failure leaves the database as it was."""
    try:
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(data_path), verbosity=0)
            check_counts(manifest["counts"])
    except (DatabaseError, DeserializationError) as error:
        raise BackupError(
            f"Restauration annulée, la base est restée vide : les données ne se chargent pas "
            f"({error})."
        ) from error


def restore_media(archive_path: Path, media_root: Path) -> int:
    restored = 0
    media_root.mkdir(parents=True, exist_ok=True)
    prefix = f"{MEDIA_PREFIX}/"
    with tarfile.open(archive_path, "r:gz") as archive:
        for member in archive:
            if member.isfile() and member.name.startswith(prefix):
                member.name = member.name[len(prefix) :]
                # "data" refuses absolute paths, "..", links leaving the folder, devices.
                archive.extract(member, media_root, filter="data")
                restored += 1
    return restored


def rebuild_search_indexes() -> list[str]:
    """The thematic search (every engine) and Wagtail's admin search, from the restored pages."""
    from search import service
    from search.base import EngineUnavailable

    warnings = []
    try:
        service.rebuild()
    except EngineUnavailable as error:
        warnings.append(
            f"Moteur de recherche injoignable ({error}) : la recherche répond depuis la base "
            "en attendant ; lancez « manage.py search_index rebuild » quand il répond."
        )
    call_command("update_index", verbosity=0)
    return warnings


def restore_site(
    archive_path: Path, progress: Callable[[str], None] = lambda step: None
) -> RestoreReport:
    """Restore an archive of `backup_site` into an empty database and MEDIA_ROOT."""
    with tempfile.TemporaryDirectory(prefix="passerelles-restore-") as work_dir:
        manifest, data_path = read_manifest_and_data(archive_path, Path(work_dir))
        if newer := unknown_migrations(manifest):
            raise BackupError(
                "Cette sauvegarde vient d'une version plus récente de Passerelles (migrations "
                f"inconnues : {', '.join(newer[:5])}) : mettez le code à jour avant de restaurer."
            )
        progress("Mise à jour du schéma de la base (migrate)…")
        call_command("migrate", interactive=False, verbosity=0)
        refuse_unless_empty()
        progress("Chargement des données…")
        load_rows(data_path, manifest)
    progress("Copie des fichiers (images, documents, guides)…")
    media = restore_media(archive_path, Path(settings.MEDIA_ROOT))
    progress("Reconstruction des index de recherche…")
    warnings = rebuild_search_indexes()
    return RestoreReport(manifest["counts"], media, warnings)
