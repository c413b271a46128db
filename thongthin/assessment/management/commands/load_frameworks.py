from django.core.management.base import BaseCommand, CommandError

from thongthin.assessment.framework.schema import FrameworkProblem
from thongthin.assessment.services.frameworks import framework_load_from_files
from thongthin.core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Load the assessment framework versions in thongthin/assessment/frameworks/ (idempotent)."
    )

    def handle(self, *args, **options) -> None:
        try:
            loaded = framework_load_from_files()
        except (ApplicationError, FrameworkProblem) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"frameworks loaded: {loaded or 'none new'}"))
