"""Render stage: the event table -> a folium map with a time slider.

Events become circle markers on a Leaflet.timeline layer (each shown from its
first to the day after its last day), drawn on canvas so that tens of thousands
stay responsive. Events at the same point, dates and type share one marker.
Country-wide events are listed in a panel instead of being pinned on a city.
Everything that comes from an article is HTML-escaped in Python; the feature
JSON is embedded through Jinja's ``tojson``, which also escapes ``<``, ``>``,
``&`` and ``'``, so no text can close the ``<script>`` it sits in.
"""
from __future__ import annotations

import html
import itertools
import json
import logging
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote, urlsplit

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.plugins import Timeline, TimelineSlider
from folium.template import Template
from folium.utilities import JsCode

from . import assets as _assets
from .errors import GeomapError
from .fsutil import atomic_write_text

log = logging.getLogger(__name__)

REQUIRED_COLUMNS = (
    "event_id", "article_id", "event_date", "event_date_end", "time_precision", "event_type",
    "sub_event_type", "action", "location", "place_kind", "latitude", "longitude", "geo_precision",
    "participants_min", "participants_max", "participants_text", "injured", "killed", "detained",
    "evidence", "sources",
)

#: Okabe-Ito colours (readable with colour-vision deficiencies), one per ACLED event type.
TYPE_COLOURS = {
    "Protests": "#0072B2",
    "Riots": "#D55E00",
    "Strategic developments": "#009E73",
    "Violence against civilians": "#CC79A7",
    "Battles": "#E69F00",
}
OTHER_COLOUR = "#777777"

#: Marker outline by how exactly the place is known (keys are the feature's ``k``).
PRECISION_STYLES = {
    "x": {"label": "exact place (landmark)", "color": "#111111", "weight": 3, "dashArray": None},
    "c": {"label": "town or city centre", "color": None, "weight": 1.5, "dashArray": None},
    "r": {"label": "region centre (region-level)", "color": "#444444", "weight": 2, "dashArray": "5 4"},
}
TIME_PRECISION = {1: "exact day", 2: "within a few days", 3: "within the month"}
UNKNOWN_RADIUS = 5
FAR_FUTURE = "2999-12-31"
MAX_PANEL_ROWS = 300
AGGREGATE_ABOVE = 20_000
MAX_EVENTS_PER_POPUP = 3
MAX_EVIDENCE_CHARS = 500
KZ_BOUNDS = [[40.5, 46.4], [55.5, 87.4]]
ATTRIBUTION = ('Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0); '
               'outlines: <a href="https://www.naturalearthdata.com/">Natural Earth</a>')

_POINT_TO_LAYER = JsCode("""function (feature, latlng) {
    var p = feature.properties, s = %s[p.k];
    return L.circleMarker(latlng, {radius: p.r, color: s.color || p.c, weight: s.weight,
        dashArray: s.dashArray, fillColor: p.c, fillOpacity: p.u ? 0.08 : 0.7, opacity: 0.95});
}""" % json.dumps({k: {n: v[n] for n in ("color", "weight", "dashArray")} for k, v in PRECISION_STYLES.items()}))
_ON_EACH_FEATURE = JsCode("""function (feature, layer) {
    layer.bindPopup(feature.properties.p, {maxWidth: 380});
    layer.bindTooltip(feature.properties.t);
}""")
_GET_INTERVAL = JsCode("""function (feature) {
    var p = feature.properties;
    return {start: Date.parse(p.start), end: Date.parse(p.end), endExclusive: true};
}""")
_FORMAT_DAY = JsCode("function (time) { return moment.utc(time).format('YYYY-MM-DD'); }")

_CSS = """
.leaflet-container { background: #dfe9f0; }
.gm-panel { position: absolute; z-index: 1000; background: rgba(255,255,255,.94); padding: 6px 10px;
  border-radius: 6px; box-shadow: 0 1px 5px rgba(0,0,0,.4); font: 12px/1.35 system-ui, sans-serif;
  max-width: 340px; overflow-y: auto; }
.gm-panel summary { font-weight: 600; cursor: pointer; }
.gm-panel ol, .gm-panel ul { margin: 4px 0 0; padding-left: 18px; }
.gm-panel li { margin-bottom: 4px; }
.gm-panel li.gm-off { opacity: .35; }
#gm-country { top: 10px; right: 10px; max-height: 32vh; }
#gm-index { top: 80px; left: 10px; max-height: 50vh; }
#gm-legend { bottom: 150px; right: 10px; max-height: 50vh; }
.gm-muted { color: #666; }
.gm-pop q, .gm-panel q { display: block; margin: 4px 0; font-style: italic; }
.gm-pop hr { margin: 6px 0; }
.gm-city { font: 600 11px system-ui, sans-serif; color: #333; white-space: nowrap;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff; }
.gm-city::before { content: ""; display: inline-block; width: 5px; height: 5px; margin-right: 3px;
  border-radius: 50%; background: #333; vertical-align: middle; }
"""


class _Static(MacroElement):
    """Our own HTML/CSS/JS (already escaped where it carries article text) added to the page."""

    _template = Template("""
        {% macro header(this, kwargs) %}{% if this.css %}<style>{{ this.css }}</style>{% endif %}{% endmacro %}
        {% macro html(this, kwargs) %}{{ this.body }}{% endmacro %}
        {% macro script(this, kwargs) %}{{ this.js }}{% endmacro %}
    """)

    def __init__(self, body: str = "", css: str = "", js: str = "") -> None:
        super().__init__()
        self._name = "GeomapStatic"
        self.body, self.css, self.js = body, css, js


@contextmanager
def deterministic_ids(prefix: str) -> Iterator[None]:
    """Number branca element ids (normally random) so the same input gives the same HTML.

    Patches ``Element._generate_id`` only while the block runs (not thread-safe).
    """
    counter = itertools.count()
    original = Element.__dict__["_generate_id"]
    Element._generate_id = classmethod(lambda cls: f"{prefix}{next(counter):06d}")
    try:
        yield
    finally:
        Element._generate_id = original


def render_map(events: pd.DataFrame, articles: list[dict], *, title: str = "geomap", outline=None,
               cities: Sequence[tuple[str, float, float]] | None = None, tiles: str = "none",
               tiles_attr: str | None = None, cumulative: bool = False, index: bool | None = None,
               aggregate: bool | None = None) -> folium.Map:
    """Build the map of ``events`` (one article's or a corpus's).

    ``outline`` is a shapely geometry of Kazakhstan (default: the gazetteer's); ``cities`` are
    (name, lat, lon) labels; ``tiles`` is 'none', 'osm' or a URL template; ``cumulative`` keeps
    events on the map after they end; ``index`` lists ``articles`` with links to their
    ``map_file`` (default: when there is more than one article). Events at the same point with the
    same dates and type always share a marker; ``aggregate`` merges all events at a point that start
    on the same day (default: when more than AGGREGATE_ABOVE events are pinned, to keep the page light).
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in events.columns]
    if missing:
        raise GeomapError(f"event table lacks columns: {', '.join(missing)}")
    if outline is None:
        from .gazetteer import Gazetteer  # imported late: loading it is only needed here
        outline = Gazetteer.load().country_outline
    by_article = {str(a["article_id"]): a for a in articles}
    events = events.sort_values(["event_date", "event_id"], kind="stable")
    country = events[events["place_kind"] == "country"]
    pinned = events[events["place_kind"] != "country"]
    unplaced = pinned["latitude"].isna() | pinned["longitude"].isna()
    if unplaced.any():
        log.warning("%d events without coordinates left off the map", int(unplaced.sum()))
        pinned = pinned[~unplaced]

    with deterministic_ids("r"):
        m = folium.Map(location=[48.0, 67.0], zoom_start=5, tiles=None, prefer_canvas=True,
                       control_scale=True)
        m.get_root().title = html.escape(title)
        _add_tiles(m, tiles, tiles_attr)
        m.add_child(_Static(css=_CSS, js=f"{m.get_name()}.attributionControl.addAttribution("
                                         f"{json.dumps(ATTRIBUTION)});"))
        _add_outline(m, outline)
        for name, lat, lon in cities or ():
            folium.Marker([lat, lon], icon=folium.DivIcon(html=f'<span class="gm-city">{html.escape(name)}</span>',
                                                          class_name="gm-city-icon", icon_size=(0, 0)),
                          interactive=False, keyboard=False).add_to(m)
        if aggregate is None:
            aggregate = len(pinned) > AGGREGATE_ABOVE
        timeline = _add_timeline(m, pinned, by_article, cumulative, aggregate) if len(pinned) else None
        if len(country):
            _add_country_panel(m, country, by_article, timeline, cumulative)
        if index or (index is None and len(articles) > 1):
            m.add_child(_Static(body=_index_panel(articles)))
        m.add_child(_Static(body=_legend()))
        m.fit_bounds(_bounds(outline, pinned))
    return m


def save_map(m: folium.Map, path: str | Path, *, assets: str = "cdn") -> Path:
    """Write ``m`` atomically; ``assets`` 'local' or a mirror folder copies JS/CSS into ``lib/`` beside it."""
    path = Path(path)
    with deterministic_ids("s"):
        page = m.get_root().render()
    if assets != "cdn":
        page = _assets.localize_html(page, path.parent, _assets.mirror_root(None if assets == "local" else assets))
    return atomic_write_text(path, page)


def _add_tiles(m: folium.Map, tiles: str, attr: str | None) -> None:
    if tiles == "none":
        return
    if tiles == "osm":
        folium.TileLayer("OpenStreetMap").add_to(m)
    elif urlsplit(tiles).scheme in ("http", "https") and "{z}" in tiles:
        folium.TileLayer(tiles=tiles, attr=attr or html.escape(urlsplit(tiles).netloc)).add_to(m)
    else:
        raise GeomapError(f"tiles must be 'none', 'osm' or an http(s) URL template with {{z}}/{{x}}/{{y}}: {tiles!r}")


def _add_outline(m: folium.Map, outline) -> None:
    shape = outline.simplify(0.01, preserve_topology=True)  # ~1 km: plenty for a country-scale base
    style = {"color": "#555555", "weight": 1.2, "fillColor": "#f7f4ea", "fillOpacity": 1}
    folium.GeoJson({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"style": style}, "geometry": shape.__geo_interface__}]},
        name="Kazakhstan", control=False, interactive=False).add_to(m)


def _add_timeline(m: folium.Map, pinned: pd.DataFrame, by_article: dict, cumulative: bool,
                  aggregate: bool) -> Timeline:
    groups: dict[tuple, list[dict]] = {}
    for r in pinned.to_dict("records"):
        key = (r["latitude"], r["longitude"], str(r["event_date"]))
        groups.setdefault(key if aggregate else (*key, _end_date(r), str(r["event_type"])), []).append(r)
    features = []
    for rows in groups.values():
        first = rows[0]
        crowd = max((c for c in (_crowd(r) for r in rows) if c), default=None)
        end = FAR_FUTURE if cumulative else _day_after(max(_end_date(r) for r in rows))
        main_type = Counter(str(r["event_type"]) for r in rows).most_common(1)[0][0]
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(float(first["longitude"]), 5),
                                                          round(float(first["latitude"]), 5)]},
            "properties": {
                "start": str(first["event_date"]), "end": end,
                "r": _radius(crowd), "u": 0 if crowd else 1,
                "c": TYPE_COLOURS.get(main_type, OTHER_COLOUR), "k": _precision_key(first),
                "p": _popup(rows, by_article), "t": _tooltip(rows),
            },
        })
    timeline = Timeline({"type": "FeatureCollection", "features": features}, get_interval=_GET_INTERVAL,
                        point_to_layer=_POINT_TO_LAYER, on_each_feature=_ON_EACH_FEATURE).add_to(m)
    first_day = pinned["event_date"].min()
    last_day = max(_end_date(r) for r in pinned[["event_date", "event_date_end"]].to_dict("records"))
    days = (date.fromisoformat(last_day) - date.fromisoformat(first_day)).days
    slider = TimelineSlider(auto_play=False, start=_ms(first_day), end=_ms(last_day), steps=max(days, 1),
                            playback_duration=min(max(days, 1) * 600, 60000), show_ticks=True,
                            enable_keyboard_controls=True)
    slider.options["format_output"] = _FORMAT_DAY  # the plugin's formatter shows local time, not the day
    slider.add_timelines(timeline).add_to(m)
    return timeline


def _add_country_panel(m: folium.Map, country: pd.DataFrame, by_article: dict, timeline: Timeline | None,
                       cumulative: bool) -> None:
    items = []
    for row in country.head(MAX_PANEL_ROWS).to_dict("records"):
        end = FAR_FUTURE if cumulative else _day_after(_end_date(row))
        counts = _counts(row)
        items.append(
            f'<li data-s="{_ms(str(row["event_date"]))}" data-e="{_ms(end)}">'
            f'<b>{_esc(_date_range(row))}</b> {_esc(row["event_type"])}'
            f'{" · " + _esc(row["sub_event_type"]) if _present(row["sub_event_type"]) else ""}'
            f'{"<br>" + counts if counts else ""}'
            f'<q>{_esc(_clip(row["evidence"]))}</q>{_article_link(row, by_article)}</li>')
    more = len(country) - MAX_PANEL_ROWS
    tail = f'<p class="gm-muted">… and {more} more</p>' if more > 0 else ""
    body = (f'<details id="gm-country" class="gm-panel" open><summary>Country-level events ({len(country)})'
            f'</summary><ol>{"".join(items)}</ol>{tail}</details>')
    js = ""
    if timeline is not None:  # dim the entries the slider is not on
        js = ("(function (timeline) { function dim() { var t = timeline.time;"
              " document.querySelectorAll('#gm-country li').forEach(function (li) {"
              " li.classList.toggle('gm-off', !(t >= +li.dataset.s && t < +li.dataset.e)); }); }"
              f" timeline.on('change', dim); dim(); }})({timeline.get_name()});")
    m.add_child(_Static(body=body, js=js))


def _index_panel(articles: list[dict]) -> str:
    items = []
    for a in articles:
        target = str(a.get("map_file") or "")
        parts = urlsplit(target)
        label = _esc(a.get("title") or a["article_id"])
        link = (f'<a href="{html.escape(quote(target))}">{label}</a>'
                if target and not parts.scheme and not parts.netloc and not target.startswith("/") else label)
        meta = " · ".join(x for x in (_esc(a.get("published") or ""),
                                      f'{a["n_events"]} events' if a.get("n_events") is not None else "") if x)
        items.append(f'<li>{link} <span class="gm-muted">{meta}</span></li>')
    return (f'<details id="gm-index" class="gm-panel" open><summary>Articles ({len(articles)})</summary>'
            f'<ol>{"".join(items)}</ol></details>')


def _legend() -> str:
    def dot(fill: str, stroke: str, r: float, width: float = 1.5, dash: str | None = None,
            opacity: float = 0.7) -> str:
        size = 2 * r + 6
        return (f'<svg width="{size:g}" height="{size:g}"><circle cx="{size / 2:g}" cy="{size / 2:g}" r="{r:g}" '
                f'fill="{fill}" fill-opacity="{opacity}" stroke="{stroke}" stroke-width="{width}"'
                f'{f" stroke-dasharray={chr(34)}{dash}{chr(34)}" if dash else ""}/></svg>')

    rows = [f"<li>{dot(c, c, 6)} {html.escape(t)}</li>" for t, c in TYPE_COLOURS.items()]
    rows += [f"<li>{dot(OTHER_COLOUR, OTHER_COLOUR, 6)} other</li>"]
    sizes = " ".join(f"{dot('#999', '#999', _radius(n))} {n:,}" for n in (10, 1000, 100000))
    precision = [f"<li>{dot('#bbb', s['color'] or '#999', 6, s['weight'], s['dashArray'])} "
                 f"{html.escape(s['label'])}</li>" for s in PRECISION_STYLES.values()]
    return (f'<details id="gm-legend" class="gm-panel" open><summary>Legend</summary><ul style="list-style:none;'
            f'padding:0">{"".join(rows)}<li>crowd (log scale):<br>{sizes}</li>'
            f'<li>{dot("#999", "#999", UNKNOWN_RADIUS, opacity=0.08)} crowd size unknown</li>{"".join(precision)}'
            f'</ul><span class="gm-muted">Country-wide events are listed, not pinned.</span></details>')


def _popup(rows: list[dict], by_article: dict) -> str:
    parts = [_event_html(r, by_article) for r in rows[:MAX_EVENTS_PER_POPUP]]
    head = f"<b>{len(rows)} events here</b><hr>" if len(rows) > 1 else ""
    more = (f'<hr><span class="gm-muted">… and {len(rows) - MAX_EVENTS_PER_POPUP} more</span>'
            if len(rows) > MAX_EVENTS_PER_POPUP else "")
    return f'<div class="gm-pop">{head}{"<hr>".join(parts)}{more}</div>'


def _event_html(r: dict, by_article: dict) -> str:
    kind = str(r["place_kind"])
    where = {"landmark": "exact place", "region": "region centre, region-level"}.get(kind, f"{kind} centre")
    what = " · ".join(_esc(r[c]) for c in ("event_type", "sub_event_type", "action") if _present(r[c]))
    crowd = _crowd_text(r)
    counts = _counts(r)
    return (f'<b>{_esc(_date_range(r))}</b> <span class="gm-muted">'
            f'({TIME_PRECISION.get(_int(r["time_precision"]), "date precision unknown")})</span><br>'
            f'<b>{what}</b><br>'
            f'{_esc(r["location"])} <span class="gm-muted">({where}; geo precision {_esc(_int(r["geo_precision"]))})</span>'
            f'<br>{crowd}{"<br>" + counts if counts else ""}'
            f'<q>{_esc(_clip(r["evidence"]))}</q>{_article_link(r, by_article)}'
            f'<br><span class="gm-muted">event {_esc(r["event_id"])}{_sources(r)}</span>')


def _article_link(r: dict, by_article: dict) -> str:
    article = by_article.get(str(r["article_id"]), {})
    title = _esc(article.get("title") or r["article_id"])
    url = str(article.get("url") or "")
    if urlsplit(url).scheme.lower() in ("http", "https"):
        title = f'<a href="{html.escape(url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
    return f"Source: {title}"


def _sources(r: dict) -> str:
    sources = r["sources"]
    if isinstance(sources, str):
        sources = [s for s in sources.replace(",", ";").split(";") if s.strip()]
    elif not isinstance(sources, (list, tuple)):
        return ""
    others = [str(s).strip() for s in sources if str(s).strip() != str(r["article_id"])]
    return f" · also in {_esc(', '.join(others))}" if others else ""


def _tooltip(rows: list[dict]) -> str:
    r = rows[0]
    extra = f" · {len(rows)} events" if len(rows) > 1 else ""
    return f"{_esc(r['location'])} · {_esc(_date_range(r))}{extra}"


def _crowd_text(r: dict) -> str:
    lo, hi = _int(r["participants_min"]), _int(r["participants_max"])
    numbers = f"{lo:,}–{hi:,}" if lo is not None and hi is not None and lo != hi else \
        (f"{hi or lo:,}" if (hi or lo) is not None else "")
    text = _esc(r["participants_text"]) if _present(r["participants_text"]) else ""
    if not numbers:
        return f"Crowd: {'“' + text + '”, ' if text else ''}crowd size unknown"
    return f"Crowd: {numbers}{' (“' + text + '”)' if text else ''}"


def _counts(r: dict) -> str:
    return " · ".join(f"{label} {n:,}" for label, n in
                      (("injured", _int(r["injured"])), ("killed", _int(r["killed"])),
                       ("detained", _int(r["detained"]))) if n is not None)


def _crowd(r: dict) -> int | None:
    for column in ("participants_max", "participants_min"):
        n = _int(r[column])
        if n:
            return n
    return None


def _radius(crowd: int | None) -> float:
    return round(4 + 3 * math.log10(crowd), 1) if crowd else UNKNOWN_RADIUS


def _precision_key(r: dict) -> str:
    return {"landmark": "x", "region": "r"}.get(str(r["place_kind"]), "c")


def _date_range(r: dict) -> str:
    end = _end_date(r)
    return str(r["event_date"]) if end == str(r["event_date"]) else f"{r['event_date']} – {end}"


def _end_date(r: dict) -> str:
    return str(r["event_date_end"]) if _present(r["event_date_end"]) else str(r["event_date"])


def _day_after(day: str) -> str:
    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def _ms(day: str) -> int:
    return int(datetime.combine(date.fromisoformat(day), datetime.min.time(), timezone.utc).timestamp() * 1000)


def _bounds(outline, pinned: pd.DataFrame) -> list[list[float]]:
    if outline is not None:
        west, south, east, north = outline.bounds
        return [[south, west], [north, east]]
    if len(pinned):
        return [[pinned["latitude"].min(), pinned["longitude"].min()],
                [pinned["latitude"].max(), pinned["longitude"].max()]]
    return KZ_BOUNDS


def _present(value) -> bool:
    if isinstance(value, (list, tuple)):
        return bool(value)
    return value is not None and not (pd.api.types.is_scalar(value) and pd.isna(value)) and str(value) != ""


def _int(value) -> int | None:
    return int(value) if _present(value) else None


def _esc(value) -> str:
    return html.escape(str(value)) if _present(value) else ""


def _clip(text) -> str:
    text = str(text) if _present(text) else ""
    return text if len(text) <= MAX_EVIDENCE_CHARS else text[:MAX_EVIDENCE_CHARS - 1] + "…"

