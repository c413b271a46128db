"""Update and patch actions (POST only, with an API token)."""

from __future__ import annotations

from typing import Any

from ...dictization import package_dict, resource_dict
from ...selectors import datasets_by_ids
from ...services import datasets as dataset_services
from ...services import resources as resource_services
from ..auth import signed_in
from ..registry import ActionContext, action
from .create import with_files


@action(auth=signed_in)
def package_update(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Replace a dataset (id or name): fields not given are cleared and resources not listed are
    removed; call package_show, change the result and send it back."""
    dataset = dataset_services.package_update(actor=context.user, data=data)
    return package_dict(datasets_by_ids([dataset.id])[0], user=context.user)


@action(auth=signed_in)
def package_patch(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Change only the fields given of a dataset (id or name)."""
    dataset = dataset_services.package_update(actor=context.user, data=data, partial=True)
    return package_dict(datasets_by_ids([dataset.id])[0], user=context.user)


@action(auth=signed_in)
def resource_update(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Replace a resource (id); a new file may be sent in `upload` (multipart/form-data)."""
    resource = resource_services.resource_update(actor=context.user, data=with_files(context, data))
    return resource_dict(resource)


@action(auth=signed_in)
def resource_patch(context: ActionContext, data: dict[str, Any]) -> dict[str, Any]:
    """Change only the fields given of a resource (id), or send a new file in `upload`."""
    resource = resource_services.resource_update(
        actor=context.user, data=with_files(context, data), partial=True
    )
    return resource_dict(resource)
