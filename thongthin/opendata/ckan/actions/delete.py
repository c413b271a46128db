"""Delete actions (POST only, with an API token). Deleting marks the object deleted; nothing is
erased, and the audit log keeps who did it."""

from __future__ import annotations

from typing import Any

from ...services import datasets as dataset_services
from ...services import resources as resource_services
from ..auth import signed_in
from ..params import id_param
from ..registry import ActionContext, action


@action(auth=signed_in)
def package_delete(context: ActionContext, data: dict[str, Any]) -> None:
    """Delete a dataset (id or name). It can be restored with package_update."""
    dataset_services.package_delete(actor=context.user, key=id_param(data, "id"))


@action(auth=signed_in)
def resource_delete(context: ActionContext, data: dict[str, Any]) -> None:
    """Delete a resource (id)."""
    resource_services.resource_delete(actor=context.user, key=id_param(data, "id"))
