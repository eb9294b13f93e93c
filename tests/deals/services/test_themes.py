"""Themes where deals are welcome, and the deal template."""

import datetime

import pytest

from deals import selectors, services
from deals.models import Deal, DealTheme
from reisgids.core.errors import ApplicationError, NotAllowed
from tests.atlas.factories import ThemeFactory
from tests.deals.factories import DealThemeFactory

pytestmark = pytest.mark.django_db


def test_themes_priorities_and_comments(world):
    theme = ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")
    with pytest.raises(NotAllowed):
        services.deal_theme_set(
            actor=world.outsider, theme=theme, priority=1, period_start=datetime.date(2026, 1, 1)
        )
    dt = services.deal_theme_set(
        actor=world.netwerkmanager,
        theme=theme,
        priority=2,
        period_start=datetime.date(2026, 1, 1),
        akkoord="Gezond010",
    )
    with pytest.raises(ApplicationError, match="einddatum"):
        services.deal_theme_set(
            actor=world.netwerkmanager,
            theme=theme,
            priority=1,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2025, 1, 1),
        )
    # The kompas (step 7) sets priorities through this service; a bestuurder may adopt them.
    [again] = services.deal_theme_priorities_set(
        actor=world.bestuurder,
        priorities=[{"theme": theme, "priority": 1, "period_start": datetime.date(2027, 1, 1)}],
    )
    assert again.pk == dt.pk and again.priority == 1 and again.source == DealTheme.Source.KOMPAS
    with pytest.raises(NotAllowed):
        services.deal_theme_priorities_set(
            actor=world.outsider,
            priorities=[{"theme": theme, "priority": 3, "period_start": datetime.date(2027, 1, 1)}],
        )
    comment = services.deal_theme_comment_create(
        actor=world.partner_member, deal_theme=dt, body="Graag!"
    )
    assert comment.author == world.partner_member
    with pytest.raises(ApplicationError):
        services.deal_theme_comment_create(actor=world.partner_member, deal_theme=dt, body=" ")
    services.deal_theme_end(actor=world.netwerkmanager, deal_theme=dt)
    assert list(selectors.deal_theme_list()) == []
    assert DealThemeFactory(theme=theme).is_active


def test_template_is_configurable_and_the_deal_follows_it(world):
    assert selectors.deal_template_elements()[0].key == "doelstelling"  # the report's defaults
    with pytest.raises(NotAllowed):
        services.deal_template_element_save(actor=world.aanjager_admin, label="Begroting")
    element = services.deal_template_element_save(
        actor=world.netwerkmanager, label="Begroting", required=True
    )
    assert [e.key for e in selectors.deal_template_elements()] == ["begroting"]
    deal = world.deal(Deal.Status.IDEE)  # its proposal has no begroting
    with pytest.raises(ApplicationError, match="Begroting"):
        services.deal_toetsing_start(actor=world.aanjager_member, deal=deal, method="expertsessie")
    services.deal_template_element_save(
        actor=world.netwerkmanager, element=element, label="Begroting", required=False
    )
    assert (
        services.deal_toetsing_start(
            actor=world.aanjager_member, deal=deal, method="expertsessie"
        ).status
        == "toetsing"
    )
    second = services.deal_template_element_save(actor=world.netwerkmanager, label="Begroting")
    assert second.key == "begroting-2"
    with pytest.raises(ApplicationError, match="naam"):
        services.deal_template_element_save(actor=world.netwerkmanager, label=" ")
