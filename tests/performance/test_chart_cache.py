from django.core.cache import cache

from kompas import charts


def test_a_chart_is_cached_under_its_figures_and_redrawn_when_they_change():
    rows = [("Noord", 3), ("Zuid", 5)]
    first = charts.bar_chart_svg(rows, title="Deals per gebied")
    assert first.startswith("<svg")
    assert cache.get(charts.chart_cache_key(rows, title="Deals per gebied")) == first
    assert charts.bar_chart_svg(list(rows), title="Deals per gebied") == first

    # Other figures or another title: another key, so the cached chart is not shown for them.
    changed_rows = [("Noord", 4), ("Zuid", 5)]
    assert cache.get(charts.chart_cache_key(changed_rows, title="Deals per gebied")) is None
    changed = charts.bar_chart_svg(changed_rows, title="Deals per gebied")
    assert changed != first
    assert charts.chart_cache_key(rows, title="Lessen per soort") != charts.chart_cache_key(
        rows, title="Deals per gebied"
    )
    assert charts.bar_chart_svg([], title="Deals per gebied") == ""
