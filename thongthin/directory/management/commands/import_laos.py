from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thongthin.core.errors import ApplicationError
from thongthin.directory.services import lao_import, parse_dla_file


class Command(BaseCommand):
    help = "Apply a newer DLA LAO file (CSV in the shipped format, optional merged_into column)."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options) -> None:  # type: ignore[no-untyped-def]
        try:
            report = lao_import(rows=parse_dla_file(path.read_bytes()), source=path.name)
        except ApplicationError as exc:
            raise CommandError(exc.render()) from exc
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"import: {report.as_dict()}"))
