"""The web pages' addresses, all named ``web:...``: each room (ADR 0021) lists its own, those
outside any council (``site``) and those of one council (``council``, under /o/<council>/)."""

from django.urls import include, path

from realise.web.audit import urls as audit
from realise.web.benefits import urls as benefits
from realise.web.cases import urls as cases
from realise.web.core import urls as core
from realise.web.funding import urls as funding
from realise.web.people import urls as people
from realise.web.portfolio import urls as portfolio
from realise.web.reconciliation import urls as reconciliation
from realise.web.reports import urls as reports
from realise.web.risks import urls as risks
from realise.web.settings import urls as settings

app_name = "web"

ROOMS = (
    core,
    portfolio,
    benefits,
    funding,
    risks,
    cases,
    reports,
    reconciliation,
    settings,
    people,
    audit,
)

urlpatterns = [
    *(route for room in ROOMS for route in room.site),
    path("o/<slug:org>/", include([route for room in ROOMS for route in room.council])),
]
