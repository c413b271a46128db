"""Resource files kept here: served with the dataset's permissions, counted as downloads."""

from __future__ import annotations

import mimetypes

from django.http import FileResponse, Http404, HttpRequest

from .. import selectors

# Served inline only when a browser cannot run them as a page; everything else is an attachment.
INLINE_TYPES = {
    "text/csv",
    "application/json",
    "application/pdf",
    "image/png",
    "image/jpeg",
    "text/plain",
}


def resource_download(
    request: HttpRequest, dataset_id: str, resource_id: str, filename: str
) -> FileResponse:
    resource = selectors.resource_get(user=request.user, key=resource_id)
    if resource is None or resource.dataset_id != dataset_id or not resource.upload:
        raise Http404
    try:
        handle = resource.upload.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = resource.upload.name or "file"
    content_type = resource.mimetype or mimetypes.guess_type(name)[0] or ""
    inline = content_type in INLINE_TYPES
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=name.rsplit("/", 1)[-1],
        content_type=(content_type if inline else "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    from ..usage.services import count_download

    count_download(request=request, resource=resource)
    return response
