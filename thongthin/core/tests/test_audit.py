import pytest
from django.db import DatabaseError, connection, transaction

from thongthin.accounts.tests.factories import UserFactory
from thongthin.core.audit import audit_record
from thongthin.core.models import AppendOnlyError, AuditEvent

pytestmark = pytest.mark.django_db


def _event():
    user = UserFactory()
    return audit_record(
        actor=user, action="test.thing.changed", target=user, before={"a": 1}, after={"a": 2}
    )


def test_records_who_what_and_before_after():
    event = _event()
    assert event.actor_label.endswith("@example.com")
    assert event.target_type == "accounts.user"
    assert (event.before, event.after) == ({"a": 1}, {"a": 2})


def test_model_refuses_update_and_delete():
    event = _event()
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.parametrize(
    "sql", ["UPDATE core_auditevent SET action = 'x'", "DELETE FROM core_auditevent"]
)
def test_database_refuses_raw_update_and_delete(sql):
    _event()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert AuditEvent.objects.exclude(action="x").exists()


def test_ip_comes_from_the_request(client):
    from thongthin.accounts.models import LAORole
    from thongthin.accounts.tests.factories import lao, member

    admin = member(lao(), LAORole.ADMIN)
    client.force_login(admin)
    client.post(
        "/laos/4500103/contact",
        {"address": "1 ถนนทดสอบ", "phone": "053-111-111", "website": ""},
        REMOTE_ADDR="203.0.113.9",
    )
    event = AuditEvent.objects.get(action="directory.lao.contact_updated")
    assert event.ip == "203.0.113.9"
    assert event.after["phone"] == "053-111-111"
