"""Publishing from the browser: datasets (with the Thai metadata) and their files, for the
members of the owning organization. The same services as the CKAN API; their CKAN-style errors
are shown beside the fields."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, selectors
from ..ckan.errors import ActionError, NotAuthorized, ValidationError
from ..dictization import package_dict
from ..forms import DatasetForm, ResourceForm
from ..models import Dataset, Organization, OrganizationKind, State
from ..services import datasets as dataset_services
from ..services import resources as resource_services


def editable_organizations(user: Any, *, preselect: str = "") -> list[Organization]:
    orgs = [o for o in Organization.objects.filter(pk__in=permissions.editable_org_ids(user))]
    if permissions.is_sysadmin(user):
        orgs += list(Organization.objects.filter(kind=OrganizationKind.AGENCY))
    if preselect:
        chosen = Organization.objects.filter(name=preselect, state=State.ACTIVE).first()
        if chosen is not None and permissions.can_edit_org_datasets(user, chosen):
            orgs.insert(0, chosen)
    unique = {o.id: o for o in orgs}
    return sorted(
        unique.values(), key=lambda o: (o.id != (orgs[0].id if preselect and orgs else ""), o.title)
    )


def show_errors(form: Any, exc: ActionError) -> None:
    if isinstance(exc, ValidationError):
        for field, problems in exc.errors.items():
            if isinstance(problems, list) and problems and isinstance(problems[0], dict):
                problems = [str(m) for item in problems for msgs in item.values() for m in msgs]
            for message in problems if isinstance(problems, list) else [problems]:
                form.add_error(field if field in form.fields else None, str(message))
    else:
        form.add_error(None, exc.message)
    form._mark_invalid()


def _dataset_for_edit(request: HttpRequest, key: str) -> Dataset:
    dataset = selectors.dataset_get(user=request.user, key=key)
    if dataset is None:
        raise Http404
    if not permissions.can_edit_org_datasets(request.user, dataset.owner_org):
        raise PermissionDenied
    return dataset


@login_required
def dataset_new(request: HttpRequest) -> HttpResponse:
    orgs = editable_organizations(request.user, preselect=request.GET.get("org", ""))
    if not orgs:
        raise PermissionDenied
    form = DatasetForm(request.POST or None, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.to_package()
        data["state"] = State.DRAFT if "save_draft" in request.POST else State.ACTIVE
        try:
            dataset = dataset_services.package_create(actor=request.user, data=data)
        except ActionError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("บันทึกชุดข้อมูลแล้ว เพิ่มไฟล์ข้อมูลได้เลย"))
            return redirect("opendata:resource_new", key=dataset.name)
    return render(request, "opendata/dataset_form.html", {"form": form, "dataset": None})


@login_required
def dataset_edit(request: HttpRequest, key: str) -> HttpResponse:
    dataset = _dataset_for_edit(request, key)
    orgs = editable_organizations(request.user) or [dataset.owner_org]
    if dataset.owner_org not in orgs:
        orgs.insert(0, dataset.owner_org)
    initial = DatasetForm.initial_from(package_dict(dataset, user=request.user))
    form = DatasetForm(request.POST or None, initial=initial, organizations=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.to_package()
        data["id"] = dataset.id
        data["state"] = State.DRAFT if "save_draft" in request.POST else State.ACTIVE
        try:
            dataset = dataset_services.package_update(actor=request.user, data=data, partial=True)
        except ActionError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว"))
            return redirect("opendata:dataset", key=dataset.name)
    return render(request, "opendata/dataset_form.html", {"form": form, "dataset": dataset})


@login_required
@require_POST
def dataset_delete(request: HttpRequest, key: str) -> HttpResponse:
    dataset = _dataset_for_edit(request, key)
    try:
        dataset_services.package_delete(actor=request.user, key=dataset.id)
    except NotAuthorized as exc:
        raise PermissionDenied from exc
    messages.success(request, _('ลบชุดข้อมูล "%(title)s" แล้ว') % {"title": dataset.title})
    return redirect("opendata:organization", name=dataset.owner_org.name)


@login_required
def resource_new(request: HttpRequest, key: str) -> HttpResponse:
    dataset = _dataset_for_edit(request, key)
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        data["package_id"] = dataset.id
        try:
            resource_services.resource_create(actor=request.user, data=data)
        except ActionError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("เพิ่มไฟล์ข้อมูลแล้ว"))
            return redirect("opendata:dataset", key=dataset.name)
    return render(
        request, "opendata/resource_form.html", {"form": form, "dataset": dataset, "resource": None}
    )


@login_required
def resource_edit(request: HttpRequest, key: str, resource_id: str) -> HttpResponse:
    dataset = _dataset_for_edit(request, key)
    resource = dataset.resources.filter(pk=resource_id, state=State.ACTIVE).first()
    if resource is None:
        raise Http404
    initial = {
        "name": resource.name,
        "description": resource.description,
        "url": resource.url,
        "format": resource.format,
    }
    form = ResourceForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v is not None}
        if not data.get("upload"):
            data.pop("upload", None)
        if not data.get("url"):
            data.pop("url", None)
        data["id"] = resource.id
        try:
            resource_services.resource_update(actor=request.user, data=data, partial=True)
        except ActionError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("บันทึกการแก้ไขแล้ว"))
            return redirect("opendata:dataset", key=dataset.name)
    return render(
        request,
        "opendata/resource_form.html",
        {"form": form, "dataset": dataset, "resource": resource},
    )


@login_required
@require_POST
def resource_delete(request: HttpRequest, key: str, resource_id: str) -> HttpResponse:
    dataset = _dataset_for_edit(request, key)
    if not dataset.resources.filter(pk=resource_id, state=State.ACTIVE).exists():
        raise Http404
    resource_services.resource_delete(actor=request.user, key=resource_id)
    messages.success(request, _("ลบไฟล์ข้อมูลแล้ว"))
    return redirect("opendata:dataset", key=dataset.name)
