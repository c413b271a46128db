from django.core.management.base import BaseCommand

from thongthin.opendata.services.organizations import organization_sync_reference


class Command(BaseCommand):
    help = "Create the publishing organization of every LAO and the agencies (idempotent)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"organizations: {organization_sync_reference()}")
