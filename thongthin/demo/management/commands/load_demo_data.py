from django.core.management.base import BaseCommand

from thongthin.assessment.services.frameworks import framework_load_from_files
from thongthin.demo.data import load_demo_assessments, load_demo_data
from thongthin.demo.opendata import load_demo_datasets
from thongthin.directory.services import directory_load_reference
from thongthin.opendata.services.organizations import organization_sync_reference
from thongthin.opendata.services.platform_data import platform_data_refresh


class Command(BaseCommand):
    help = "Load reference data and the demo accounts and registrations (idempotent)."

    def handle(self, *args, **options) -> None:
        reference = directory_load_reference()
        self.stdout.write(f"reference data: {reference}")
        self.stdout.write(f"publishing organizations: {organization_sync_reference()}")
        self.stdout.write(f"assessment frameworks: {framework_load_from_files() or 'up to date'}")
        self.stdout.write(self.style.SUCCESS(f"demo data: {load_demo_data()}"))
        self.stdout.write(f"demo assessments: {load_demo_assessments()}")
        self.stdout.write(f"demo open data: {load_demo_datasets()}")
        self.stdout.write(f"platform datasets: {platform_data_refresh()}")
