"""Create actions (POST only, with an API token)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from ...dictization import organization_dict, package_dict, resource_dict
from ...models import Organization, State
from ...selectors import datasets_by_ids
from ...services import datasets as dataset_services
from ...services import organizations as org_services
from ...services import resources as resource_services
from ..auth import signed_in, sysadmin
from ..errors import NotFound, ValidationError
from ..params import id_param, str_param
from ..registry import ActionContext, action


def with_files(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    return {**data, **context.files}


@action(auth=signed_in)
def package_create(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Create a dataset in an organization you edit for. Required for a published dataset: title,
    notes, owner_org, maintainer, maintainer_email, license_id, tags and the Thai metadata
    (data_type, objective, update_frequency_unit, geo_coverage, data_source, data_format,
    data_category); `state: draft` saves an incomplete one. `name` is made from the title when
    not given."""
    dataset = dataset_services.package_create(actor=context.user, data=with_files(context, data))
    return package_dict(datasets_by_ids([dataset.id])[0], user=context.user)


@action(auth=signed_in)
def resource_create(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Add a resource: package_id and either `url` or a file in `upload` (multipart/form-data)."""
    resource = resource_services.resource_create(actor=context.user, data=with_files(context, data))
    return resource_dict(resource)


@action(auth=sysadmin)
def organization_create(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Create an agency organization (platform administrators; every LAO already has one)."""
    org = org_services.organization_create(
        actor=context.user,
        name=str_param(data, "name"),
        title=str_param(data, "title"),
        description=str_param(data, "description"),
        image_url=str_param(data, "image_url"),
        org_id=str_param(data, "id") or None,
    )
    return {**(organization_dict(org, package_count=0) or {}), "users": [], "extras": []}


@action(auth=signed_in)
def organization_member_create(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Make a user a member of an organization: id (organization), username (e-mail or user id),
    role (admin, editor or member). The organization's administrators only."""
    key = id_param(data, "id")
    org = Organization.objects.filter(Q(pk=key) | Q(name=key)).first()
    if org is None or org.state == State.DELETED:
        raise NotFound(_("องค์กร"))
    username = id_param(data, "username")
    role = str_param(data, "role")
    if not role:
        raise ValidationError({"role": [_("จำเป็นต้องระบุ")]})
    users = get_user_model().objects.filter(is_active=True)
    user = users.filter(email__iexact=username).first()
    if user is None and username.isdigit():
        user = users.filter(pk=int(username)).first()
    if user is None:
        raise NotFound(_("ผู้ใช้"))
    member = org_services.organization_member_create(
        actor=context.user, org=org, user=user, capacity=role
    )
    return {
        "id": str(member.pk),
        "table_name": "user",
        "table_id": str(user.pk),
        "capacity": member.capacity,
        "group_id": org.id,
        "state": "active",
    }
