"""Board charts as inline SVG (matplotlib); every chart has a table beside it in the template."""

import base64
import io


def bar_chart_svg(rows: list[tuple[str, int]], *, title: str) -> str:
    """A horizontal bar chart of (label, value) rows as an SVG string; empty when there is no data."""
    if not rows:
        return ""
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
