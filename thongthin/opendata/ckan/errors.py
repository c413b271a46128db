"""CKAN's action errors, as real clients (ckanapi, ckanr) expect them: the `__type` string, the
HTTP status, and messages whose prefix up to ": " ckanapi strips."""

from __future__ import annotations

from typing import Any


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
