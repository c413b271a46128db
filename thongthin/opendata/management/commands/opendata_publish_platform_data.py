from django.core.management.base import BaseCommand

from thongthin.opendata.services.platform_data import platform_data_refresh


class Command(BaseCommand):
    help = (
        "Publish or refresh the platform's own datasets (LAO directory, verified e-mails, "
        "fiscal-discipline aggregates). Run daily (cron), or enqueue the job "
        "opendata.platform_data.refresh."
    )

    def handle(self, *args, **options) -> None:
        for name, outcome in platform_data_refresh().items():
            self.stdout.write(f"{name}: {outcome}")
