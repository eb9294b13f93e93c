"""Reflections, and proposing one as a lesson to the kennisbank."""

import pytest
from django.test import Client

from atlas.models import Lesson
from deals.residence import services
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from tests.atlas.factories import AreaFactory, ThemeFactory
from tests.residence.factories import ReflectionFactory

from ._helpers import active as _active

pytestmark = pytest.mark.django_db


def test_reflections(world):
    residency = _active(world)
    first = services.reflection_write(
        actor=world.person, residency=residency, moment="tussentijds", text="Eerste"
    )
    again = services.reflection_write(
        actor=world.person, residency=residency, moment="tussentijds", text="Beter"
    )
    assert first.pk == again.pk and again.text == "Beter"
    with pytest.raises(NotAllowed):
        services.reflection_write(
            actor=world.municipality_admin, residency=residency, moment="eind", text="x"
        )
    services.residency_end(actor=world.person, residency=residency)
    residency.refresh_from_db()
    with pytest.raises(Conflict, match="tussentijdse"):
        services.reflection_write(
            actor=world.person, residency=residency, moment="tussentijds", text="Te laat"
        )
    assert (
        services.reflection_write(
            actor=world.person, residency=residency, moment="eind", text="Slot"
        ).moment
        == "eind"
    )


def test_a_reflection_proposed_as_lesson_arrives_in_the_kennisbank_with_its_link_back(
    world, client
):
    theme, area = ThemeFactory(name="Eenzaamheid"), AreaFactory(name="Feijenoord")
    world.deal.themes.add(theme)
    world.deal.areas.add(area)
    residency = _active(world)
    reflection = ReflectionFactory(
        residency=residency, moment="tussentijds", text="Wij leren elkaars taal spreken."
    )
    with pytest.raises(NotAllowed):
        services.reflection_propose_as_lesson(actor=world.outsider, reflection=reflection)
    assert not Lesson.objects.exists()

    services.reflection_propose_as_lesson(actor=world.person, reflection=reflection)

    reflection.refresh_from_db()
    assert reflection.proposed_as_lesson_at is not None
    lesson = Lesson.objects.get()
    assert lesson.status == Lesson.Status.VOORGESTELD
    assert lesson.proposed_by == world.person
    assert lesson.summary == "Wij leren elkaars taal spreken."
    assert lesson.title == "Partner in residence bij Samen aan tafel"
    assert (
        "Aanschuiftafel" in lesson.context
        and "Cluster Maatschappelijke Ontwikkeling" in lesson.context
    )
    assert lesson.kind == "samenwerking"
    assert (lesson.source_type, lesson.source_id) == ("residentie", str(residency.pk))
    assert lesson.source_url.endswith(residency.deal.get_absolute_url())
    # Anyone who reads the published lesson can follow its link: the running deal is public.
    assert Client().get(residency.deal.get_absolute_url()).status_code == 200
    assert list(lesson.themes.all()) == [theme] and list(lesson.areas.all()) == [area]
    with pytest.raises(Conflict, match="al als les voorgesteld"):
        services.reflection_propose_as_lesson(actor=world.person, reflection=reflection)
    assert Lesson.objects.count() == 1

    # The contentbeheerder finds it among the lessons to edit, and the lesson page links back.
    client.force_login(world.contentbeheerder)
    page = client.get(lesson.get_absolute_url())
    assert page.status_code == 200
    assert lesson.source_url in page.content.decode()
    assert "Partner in residence" in page.content.decode()


def test_a_refused_lesson_leaves_the_reflection_unproposed(world):
    """The kennisbank checks its own rules; when it refuses, nothing is marked as proposed."""
    reflection = ReflectionFactory(residency=_active(world), text="   ")
    with pytest.raises(ApplicationError):
        services.reflection_propose_as_lesson(actor=world.person, reflection=reflection)
    reflection.refresh_from_db()
    assert reflection.proposed_as_lesson_at is None
    assert not Lesson.objects.exists()
