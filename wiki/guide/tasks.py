"""The background task that builds an edition's files, on the "guide" queue.

The worker (`manage.py db_worker --backend database --queue-name guide`, started by
`make run`) runs the task, and the task runs the rendering in a child process
(`manage.py build_guide --build ID`): WeasyPrint's caches grow in a long-lived process, and
a child that exits gives every byte back.
"""

import subprocess
import sys

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from wiki.guide.models import GuideBuild


@task(backend="database", queue_name="guide")
def build_edition_files(build_id: int) -> str:
    completed = subprocess.run(
        [
            sys.executable,
            str(settings.BASE_DIR / "manage.py"),
            "build_guide",
            "--build",
            str(build_id),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        # The child could not even record its failure (it crashed or was killed).
        unfinished = GuideBuild.objects.filter(
            pk=build_id, status__in=[GuideBuild.Status.QUEUED, GuideBuild.Status.RUNNING]
        )
        unfinished.update(
            status=GuideBuild.Status.FAILED,
            error=(completed.stderr or completed.stdout)[-4000:],
            finished_at=timezone.now(),
        )
        raise RuntimeError(f"build_guide --build {build_id} exited with {completed.returncode}")
    return GuideBuild.objects.get(pk=build_id).status


def enqueue_build(build: GuideBuild) -> None:
    build_edition_files.enqueue(build.pk)
