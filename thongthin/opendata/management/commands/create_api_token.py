from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from thongthin.opendata.services.tokens import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a user (printed once; only its hash is kept)."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("email")
        parser.add_argument("--name", default="command line")
        parser.add_argument(
            "--create-sysadmin",
            action="store_true",
            help="create the user as a platform administrator if there is no such user",
        )

    def handle(self, *args, email: str, name: str, create_sysadmin: bool, **options) -> None:
        users = get_user_model().objects
        user = users.filter(email__iexact=email).first()
        if user is None:
            if not create_sysadmin:
                raise CommandError(f"no user with the e-mail {email}")
            user = users.create_superuser(email=email)
        _token, raw = api_token_create(user=user, name=name)
        self.stdout.write(raw)
