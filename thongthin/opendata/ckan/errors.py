"""CKAN's action errors, as real clients (ckanapi, ckanr) expect them: the `__type` string, the
HTTP status, and messages whose prefix up to ": " ckanapi strips."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from thongthin.core import errors as app


class ActionError(Exception):
    type_name = "Internal Server Error"
    status = 500

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message

    def error_dict(self) -> dict[str, Any]:
        return {"__type": self.type_name, "message": self.message or self.type_name}


class NotFound(ActionError):
    type_name = "Not Found Error"
    status = 404

    def __init__(self, what: str = "") -> None:
        super().__init__(f"Not found: {what}" if what else "Not found")


class NotAuthorized(ActionError):
    type_name = "Authorization Error"
    status = 403

    def __init__(self, why: str = "") -> None:
        super().__init__(f"Access denied: {why}" if why else "Access denied")


class ValidationError(ActionError):
    """`errors` is {field: [messages]}; the error dict is that dict plus `__type`."""

    type_name = "Validation Error"
    status = 409

    def __init__(self, errors: dict[str, Any]) -> None:
        super().__init__("Validation Error")
        self.errors = errors

    def error_dict(self) -> dict[str, Any]:
        return {**self.errors, "__type": self.type_name}


class SearchQueryError(ActionError):
    type_name = "Search Query Error"
    status = 400

    def __init__(self, why: str) -> None:
        super().__init__(f"Search Query is invalid: {why}")


class SearchError(ActionError):
    type_name = "Search Error"
    status = 409

    def __init__(self, why: str) -> None:
        super().__init__(f"Search error: {why}")


class BadRequest(Exception):
    """Answered without the envelope: a bare JSON string and HTTP 400, as CKAN does for an unknown
    action and for request data it cannot read."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@contextmanager
def from_application_errors(
    *,
    fields: dict[str, str] | None = None,
    default_field: str = "__all__",
    conflict_field: str = "__all__",
    not_found: str | None = None,
) -> Iterator[None]:
    """The product's errors (thongthin.core.errors, from services and selectors) as CKAN's:
    invalid input and conflicts are Validation Errors keyed by field (renamed by `fields` to
    the action's parameter names), a missing sign-in or right is an Authorization Error, a
    missing thing a Not Found Error (named `not_found`)."""
    rename = fields or {}
    try:
        yield
    except app.ValidationFailed as exc:
        found = {rename.get(k, k): [str(v)] for k, v in exc.fields.items()}
        key = exc.field or default_field
        raise ValidationError(found or {rename.get(key, key): [exc.render()]}) from None
    except app.Conflict as exc:
        key = exc.field or conflict_field
        raise ValidationError({rename.get(key, key): [exc.render()]}) from None
    except (app.NotAuthenticated, app.PermissionDenied) as exc:
        raise NotAuthorized(exc.render()) from None
    except app.NotFound as exc:
        raise NotFound(not_found or exc.render()) from None
    except app.ApplicationError as exc:
        raise ValidationError({exc.field or default_field: [exc.render()]}) from None
