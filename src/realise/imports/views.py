"""Import pages (upload -> preview -> confirm) and list exports, GOV.UK patterns.

Imports need MANAGE_SETTINGS (TMO admins); exports and templates need VIEW."""

from __future__ import annotations

import secrets
import shutil
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from realise.accounts.access import Action, can, organisation_for
from realise.core.limits import IMPORT_BYTES
from realise.imports.engine import Outcome, run_import
from realise.imports.exports import export_file
from realise.imports.forms import UploadForm
from realise.imports.kinds import KINDS
from realise.imports.preview import HEADINGS, import_preview
from realise.imports.templates import template_xlsx
from realise.portfolio.models import Organisation
from realise.reports.formats import LIST_FORMATS, Format, find

SESSION_KEY = "realise_import"


# How long an uploaded file waits for its preview to be confirmed.
PREVIEW_LIFETIME = timedelta(days=1)


def _uploads() -> Path:
    return Path(tempfile.gettempdir()) / "realise-imports"


def _expire_previews() -> None:
    """Remove the uploads of previews never confirmed, a day after they were stored."""
    root = _uploads()
    if not root.is_dir():
        return
    oldest = time.time() - PREVIEW_LIFETIME.total_seconds()
    for folder in root.iterdir():
        try:
            expired = folder.is_dir() and folder.stat().st_mtime < oldest
        except OSError:  # removed meanwhile by another request
            continue
        if expired:
            shutil.rmtree(folder, ignore_errors=True)


def _council(request: HttpRequest, slug: str, action: Action) -> Organisation | HttpResponse:
    """The council, through the access gateway (404 for anyone without a role there, 403 for a
    role without ``action``), left on the request for the council's menu; the sign-in page for
    someone not signed in."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisation = organisation_for(request.user, slug, action)
    request.organisation = organisation  # type: ignore[attr-defined]
    return organisation


def _page(request: HttpRequest, org: Organisation, outcome: Outcome, done: bool) -> HttpResponse:
    context: dict[str, Any] = {
        "organisation": org,
        "outcome": outcome,
        "done": done,
        "preview": import_preview(outcome, done=done),
        "headings": HEADINGS,
        "more": outcome.problem_count - len(outcome.problems),
    }
    return render(request, "imports/preview.html", context, status=200 if outcome.ok else 422)


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    org = _council(request, slug, Action.MANAGE_SETTINGS)
    if isinstance(org, HttpResponse):
        return org
    limit = IMPORT_BYTES.value()
    posted = request.method == "POST"
    form = UploadForm(
        request.POST if posted else None, request.FILES if posted else None, limit=limit
    )
    context: dict[str, Any] = {"organisation": org, "kinds": KINDS.values(), "form": form}
    if not posted:
        return render(request, "imports/upload.html", context)
    if not form.is_valid():
        return render(request, "imports/upload.html", context, status=422)
    uploaded, kind = form.cleaned_data["file"], form.cleaned_data["kind"]
    _expire_previews()
    token = secrets.token_urlsafe(16)
    name = Path(uploaded.name).name
    folder = _uploads() / token
    folder.mkdir(parents=True)
    path = folder / f"upload{Path(name).suffix.lower()}"
    with path.open("wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    request.session[SESSION_KEY] = {"token": token, "name": name, "kind": kind, "org": org.slug}
    outcome = run_import(
        path, organisation=org, filename=name, kind=KINDS.get(kind), by=request.user
    )
    return _page(request, org, outcome, done=False)


@require_POST
def confirm(request: HttpRequest, slug: str) -> HttpResponse:
    org = _council(request, slug, Action.MANAGE_SETTINGS)
    if isinstance(org, HttpResponse):
        return org
    pending = request.session.get(SESSION_KEY) or {}
    folder = _uploads() / str(pending.get("token", "missing"))
    path = folder / f"upload{Path(pending.get('name', '')).suffix.lower()}"
    if pending.get("org") != org.slug or not path.is_file():
        return redirect("imports:upload", slug=org.slug)
    outcome = run_import(
        path,
        organisation=org,
        filename=pending["name"],
        kind=KINDS.get(pending["kind"]),
        dry_run=False,
        by=request.user,
    )
    if outcome.ok:
        shutil.rmtree(folder, ignore_errors=True)
        del request.session[SESSION_KEY]
    return _page(request, org, outcome, done=outcome.ok)


def exports(request: HttpRequest, slug: str) -> HttpResponse:
    """Every list with links to download it as XLSX, ODS or CSV."""
    org = _council(request, slug, Action.VIEW)
    if isinstance(org, HttpResponse):
        return org
    context = {
        "organisation": org,
        "kinds": KINDS.values(),
        "formats": LIST_FORMATS,
        "can_import": can(request.user, org, Action.MANAGE_SETTINGS),
    }
    return render(request, "imports/exports.html", context)


def template(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    org = _council(request, slug, Action.VIEW)
    if isinstance(org, HttpResponse):
        return org
    if kind not in KINDS:
        raise Http404("No such kind of list")
    response = HttpResponse(template_xlsx(KINDS[kind], org), content_type=Format.xlsx.content_type)
    response["Content-Disposition"] = f'attachment; filename="{org.slug}-{kind}-template.xlsx"'
    return response


def export(request: HttpRequest, slug: str, kind: str, fmt: str) -> HttpResponse:
    org = _council(request, slug, Action.VIEW)
    if isinstance(org, HttpResponse):
        return org
    output = find(fmt)
    if kind not in KINDS or output is None or not output.list_export:
        raise Http404("No such export")
    response = HttpResponse(export_file(kind, org, output), content_type=output.content_type)
    response["Content-Disposition"] = f'attachment; filename="{org.slug}-{kind}.{fmt}"'
    return response
