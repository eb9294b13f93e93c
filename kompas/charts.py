"""Board charts as inline SVG (matplotlib); every chart has a table beside it in the template."""

import base64
import hashlib
import io
import json

from django.core.cache import cache

CACHE_SECONDS = 24 * 60 * 60


def bar_chart_svg(rows: list[tuple[str, int]], *, title: str) -> str:
    """A horizontal bar chart of (label, value) rows as an SVG string; empty when there is no data.

    Drawing takes matplotlib most of a second, so the SVG is cached under a hash of exactly what it
    shows (title, labels, values): other figures make another key, and a stale chart cannot be served.
    """
    if not rows:
        return ""
    key = chart_cache_key(rows, title=title)
    svg = cache.get(key)
    if svg is None:
        svg = _draw(rows, title=title)
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def chart_cache_key(rows, *, title) -> str:
    shown = json.dumps([str(title), [[str(label), value] for label, value in rows]])
    return "kompas-chart:" + hashlib.sha256(shown.encode()).hexdigest()


def _draw(rows, *, title):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    matplotlib.rcParams["svg.fonttype"] = "none"
    labels = [str(label)[:40] for label, _v in rows][::-1]
    values = [value for _l, value in rows][::-1]
    fig, ax = plt.subplots(figsize=(6, 0.4 * len(rows) + 1))
    ax.barh(labels, values, color="#00811f")
    ax.set_title(title)
    ax.xaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
