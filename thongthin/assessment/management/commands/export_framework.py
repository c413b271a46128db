from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thongthin.assessment.framework.exporter import write_directory
from thongthin.assessment.framework.loader import FRAMEWORKS_DIR
from thongthin.assessment.models import FrameworkVersion


class Command(BaseCommand):
    help = (
        "Write a framework version from the database to thongthin/assessment/frameworks/<version>/."
    )

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("version")
        parser.add_argument("--to", type=Path, default=None, help="directory (default: the repo's)")

    def handle(self, *args, version: str, to: Path | None, **options) -> None:  # type: ignore[no-untyped-def]
        framework = FrameworkVersion.objects.filter(version=version).first()
        if framework is None:
            raise CommandError(f"no framework version {version!r}")
        target = to or FRAMEWORKS_DIR / version
        if target.exists() and any(target.iterdir()) and to is None:
            raise CommandError(f"{target} exists; choose --to")
        for path in write_directory(framework.document, target):
            self.stdout.write(str(path))
