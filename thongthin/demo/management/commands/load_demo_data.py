from django.core.management.base import BaseCommand

from thongthin.assessment.services.frameworks import framework_load_from_files
from thongthin.demo.data import load_demo_assessments, load_demo_data
from thongthin.directory.services import directory_load_reference


class Command(BaseCommand):
    help = "Load reference data and the demo accounts and registrations (idempotent)."

    def handle(self, *args, **options) -> None:
        reference = directory_load_reference()
        self.stdout.write(f"reference data: {reference}")
        self.stdout.write(f"assessment frameworks: {framework_load_from_files() or 'up to date'}")
        self.stdout.write(self.style.SUCCESS(f"demo data: {load_demo_data()}"))
        self.stdout.write(f"demo assessments: {load_demo_assessments()}")
