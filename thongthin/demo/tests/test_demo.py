"""`make run` loads the demo data on every start: a second run must change nothing."""

import pytest
from django.core.management import call_command

from thongthin.accounts.models import Membership, RoleGrant, User
from thongthin.assessment.models import Answer, Assessment, Finding
from thongthin.core.models import AuditEvent
from thongthin.directory.models import LAO
from thongthin.registry.models import EmailRegistration, RegistrationStatus

pytestmark = pytest.mark.django_db

TABLES = [
    User,
    Membership,
    RoleGrant,
    EmailRegistration,
    LAO,
    Assessment,
    Answer,
    Finding,
    AuditEvent,
]


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


def test_demo_data_gives_every_role_and_a_second_run_changes_nothing(mailoutbox):
    call_command("load_demo_data", verbosity=0)
    first = _counts()
    assert first["LAO"] == 7850
    assert EmailRegistration.objects.filter(status=RegistrationStatus.APPROVED).count() == 6
    for email in [
        "saraban@maehia.go.th", "somsri.officer@example.com", "prasert.mayor@example.com",
        "auditor@oag.example", "registry@dga.example", "editor@oag.example",
        "admin@thongthin.example",
    ]:  # fmt: skip
        assert User.objects.filter(email=email, is_active=True).exists(), email
    assert first["Assessment"] == 240
    call_command("load_demo_data", verbosity=0)
    assert _counts() == first
