from django.core.management.base import BaseCommand

from thongthin.directory.services import directory_load_reference


class Command(BaseCommand):
    help = "Load the shipped geography and the 7,850 LAOs (idempotent)."

    def handle(self, *args, **options) -> None:
        result = directory_load_reference()
        self.stdout.write(self.style.SUCCESS(f"reference data: {result}"))
