"""The API's error shape: always {"detail": ...} in Dutch, never a 500 for bad input."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404

from reisgids.core.errors import ApplicationError, Conflict, api_exception_handler
from reisgids.core.selectors import audit_events_for
from reisgids.core.services import audit_record
from tests.core.factories import UserFactory


@pytest.mark.parametrize(
    ("exc", "status", "detail"),
    [
        (ApplicationError("Dat kan niet."), 400, "Dat kan niet."),
        (Conflict("Al besloten."), 409, "Al besloten."),
        (DjangoValidationError("Te lang."), 400, "Te lang."),
        (DjangoValidationError({"name": ["Verplicht."]}), 400, "Verplicht."),
        (Http404(), 404, "Niet gevonden."),
        (PermissionDenied(), 403, "U heeft geen toestemming voor deze handeling."),
    ],
)
def test_exceptions_become_a_dutch_detail(exc, status, detail):
    response = api_exception_handler(exc, {})
    assert response.status_code == status
    assert response.data["detail"] == detail


def test_field_errors_are_kept_next_to_the_detail():
    response = api_exception_handler(DjangoValidationError({"name": ["Verplicht."]}), {})
    assert response.data["errors"] == {"name": ["Verplicht."]}


def test_unknown_exceptions_are_left_to_django():
    assert api_exception_handler(RuntimeError("kapot"), {}) is None


@pytest.mark.django_db
def test_only_beheerders_read_the_audit_trail(beheerder, netwerkmanager):
    subject = UserFactory(name="Onderwerp")
    audit_record(
        actor=netwerkmanager, action="test_action", target=subject, changes={"veld": "waarde"}
    )
    events = list(
        audit_events_for(actor=beheerder, target_type="core.user", target_id=str(subject.pk))
    )
    assert [(e.action, e.actor_label, e.changes) for e in events] == [
        ("test_action", str(netwerkmanager), {"veld": "waarde"})
    ]
    from reisgids.core.errors import NotAllowed

    with pytest.raises(NotAllowed):
        audit_events_for(actor=netwerkmanager)
