"""Who may do what in the catalog. An LAO's organization follows the LAO's own staff roles (its
administrator administers it, officers and executives edit); explicit organization members add
to that; platform administrators (sysadmins) may do everything."""

from __future__ import annotations

from typing import Any

from thongthin.accounts import permissions as account_permissions
from thongthin.accounts.models import LAORole

from .models import Capacity, Dataset, Organization, OrganizationMember, Resource, State

_RANK: dict[str, int] = {Capacity.MEMBER: 1, Capacity.EDITOR: 2, Capacity.ADMIN: 3}
_EDITING_ROLES = {LAORole.ADMIN, LAORole.OFFICER, LAORole.EXECUTIVE}


def is_sysadmin(user: Any) -> bool:
    return account_permissions.is_platform_admin(user)


def capacity(user: Any, org: Organization) -> str | None:
    """The user's highest capacity in the organization, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if is_sysadmin(user):
        return Capacity.ADMIN
    best: str | None = None
    member = (
        OrganizationMember.objects.filter(organization=org, user=user)
        .values_list("capacity", flat=True)
        .first()
    )
    if member:
        best = member
    if org.lao_id:
        role = account_permissions.role_at(user, org.lao_id)
        derived: str | None = {
            str(LAORole.ADMIN): Capacity.ADMIN,
            str(LAORole.OFFICER): Capacity.EDITOR,
            str(LAORole.EXECUTIVE): Capacity.EDITOR,
        }.get(role or "")
        if derived and (best is None or _RANK[derived] > _RANK[best]):
            best = derived
    return best


def can_edit_org_datasets(user: Any, org: Organization) -> bool:
    return _RANK.get(capacity(user, org) or "", 0) >= _RANK[Capacity.EDITOR]


def can_admin_org(user: Any, org: Organization) -> bool:
    return capacity(user, org) == Capacity.ADMIN


def can_read_dataset(user: Any, dataset: Dataset) -> bool:
    if dataset.state == State.ACTIVE and not dataset.private:
        return True
    if dataset.state == State.DELETED:
        # As in CKAN: a deleted dataset is shown to whoever may update it (to restore it).
        return can_edit_org_datasets(user, dataset.owner_org)
    return capacity(user, dataset.owner_org) is not None


def resource_is_hidden(resource: Resource) -> bool:
    """GD Catalog's `resource_private: "True"` (ckanext-thai_gdc): a resource of a public dataset
    that only those who may update the dataset see."""
    return str((resource.extras or {}).get("resource_private")) == "True"


def can_read_resource(user: Any, resource: Resource) -> bool:
    dataset = resource.dataset
    if resource.state != State.ACTIVE or not can_read_dataset(user, dataset):
        return False
    return not resource_is_hidden(resource) or can_edit_org_datasets(user, dataset.owner_org)


def visible_resources(user: Any, dataset: Dataset) -> list[Resource]:
    """The dataset's active resources this user may see (from the prefetched resources; asks
    for the user's rights only when a hidden resource is there)."""
    active = [r for r in dataset.resources.all() if r.state == State.ACTIVE]
    if any(resource_is_hidden(r) for r in active) and not can_edit_org_datasets(
        user, dataset.owner_org
    ):
        return [r for r in active if not resource_is_hidden(r)]
    return active


def readable_org_ids(user: Any) -> set[str] | None:
    """Organizations whose private datasets the user may see (None: all, for sysadmins)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if is_sysadmin(user):
        return None
    ids = set(
        OrganizationMember.objects.filter(user=user).values_list("organization_id", flat=True)
    )
    lao_ids = set(account_permissions.lao_roles(user))
    if lao_ids:
        ids |= set(Organization.objects.filter(lao_id__in=lao_ids).values_list("id", flat=True))
    return ids


def editable_org_ids(user: Any) -> set[str]:
    """Organizations where the user may publish (editor or admin), not counting sysadmin rights."""
    if not getattr(user, "is_authenticated", False):
        return set()
    ids = set(
        OrganizationMember.objects.filter(
            user=user, capacity__in=[Capacity.EDITOR, Capacity.ADMIN]
        ).values_list("organization_id", flat=True)
    )
    roles = account_permissions.lao_roles(user)
    lao_ids = [lao_id for lao_id, role in roles.items() if role in _EDITING_ROLES]
    if lao_ids:
        ids |= set(Organization.objects.filter(lao_id__in=lao_ids).values_list("id", flat=True))
    return ids
