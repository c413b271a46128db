"""API tokens for the CKAN-compatible API: each person makes their own, sees it once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thongthin.core.errors import ApplicationError
from thongthin.core.forms import add_service_error

from ..forms import TokenForm
from ..models import ApiToken
from ..services.tokens import api_token_create, api_token_revoke


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, raw = api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ApplicationError as exc:
            add_service_error(form, exc)
        else:
            form = TokenForm()
    tokens = ApiToken.objects.filter(user_id=_user_id(request), revoked_at__isnull=True).order_by(
        "-created"
    )
    return render(request, "opendata/tokens.html", {"form": form, "tokens": tokens, "raw": raw})


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = ApiToken.objects.filter(
        pk=token_id, user_id=_user_id(request), revoked_at__isnull=True
    ).first()
    if token is None:
        raise Http404
    api_token_revoke(user=request.user, token=token)
    messages.success(request, _('ยกเลิกโทเค็น "%(name)s" แล้ว') % {"name": token.name})
    return redirect("opendata:tokens")


def _user_id(request: HttpRequest) -> int:
    """The signed-in user's id (the views are behind login_required)."""
    assert request.user.pk is not None
    return int(request.user.pk)
