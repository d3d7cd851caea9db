"""Render stage: the event table -> a folium map with a time slider.

Events become circle markers on Leaflet.timeline layers, one layer per event type so the layer
control can switch a type off while the shared slider keeps driving all of them. A marker is shown
from its first day to the day after its last day, drawn on canvas so that tens of thousands stay
responsive. Events at the same point, dates and type share one marker. Over the slider a histogram
shows the events per day. Country-wide events are listed in a panel instead of being pinned on a
city; an optional layer shows the events per first-level region at the region's centre.

Everything that comes from an article is HTML-escaped in Python before it is embedded. Embedded
data goes through :func:`_script_json`, so no text can end or comment out the ``<script>`` it sits in.

Markers that pile up are clustered (Leaflet.markercluster, one cluster group per type, so the
layer control still switches a type). A Leaflet.timeline layer adds and removes its markers on
itself at every slider step, so the timelines stay off the map and each step's additions and
removals are handed to the cluster group in one batch. Events at the same point are merged before
(see ``aggregate``).
"""
from __future__ import annotations

import base64
import html
import itertools
import json
import logging
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote, urlsplit

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.map import Layer
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
MAX_PANEL_ROWS = 300
INDEX_OPEN_UP_TO = 8
AGGREGATE_ABOVE = 20_000
MAX_EVENTS_PER_POPUP = 3
MAX_EVENTS_PER_AGGREGATED_POPUP = 1   # big corpora: keeps the 100k-event page < 25 MB
MAX_EVIDENCE_CHARS = 500
REGION_LAYER = "Events per region (all dates)"
KZ_BOUNDS = [[40.5, 46.4], [55.5, 87.4]]
ATTRIBUTION = ('Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0); '
               'outlines: <a href="https://www.naturalearthdata.com/">Natural Earth</a>')
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
DAY_MS = 86_400_000
HIST_HEIGHT = 36   # px of the histogram over the slider
FIT_PADDING_BOTTOM = 150
THUMB_PX = 14      # the slider thumb's width; the histogram's bars line up with its centre
CLUSTER_RADIUS_PX = 30      # markers closer than this on screen are drawn as one cluster ...
CLUSTER_UNTIL_ZOOM = 10     # ... up to this zoom (a city's squares apart), where all are single
MAX_ZOOM = 18                # OSM tiles go to 18; marker clusters need a bound even without tiles
MARKERCLUSTER_JS = "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/leaflet.markercluster.js"
MARKERCLUSTER_CSS = "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/MarkerCluster.css"
PAKO_JS = "https://cdn.jsdelivr.net/npm/pako@2.1.0/dist/pako_inflate.min.js"
PACK_ABOVE = 2_000  # markers: above this the marker data is embedded deflated (the page parses 5-8x faster)

_MARKER_STYLE = json.dumps({k: {n: v[n] for n in ("color", "weight", "dashArray")}
                            for k, v in PRECISION_STYLES.items()})
_ON_EACH_FEATURE = JsCode("""function (feature, layer) {
    layer.bindPopup(feature.properties.p, {maxWidth: 380});
    layer.bindTooltip(feature.properties.t);
}""")
_FORMAT_DAY = JsCode("function (time) { return moment.utc(time).format('YYYY-MM-DD'); }")

_CSS = """
.leaflet-container { background: #dfe9f0; }
.gm-panel { background: rgba(255,255,255,.94); padding: 6px 10px; border-radius: 6px;
  box-shadow: 0 1px 5px rgba(0,0,0,.4); font: 12px/1.35 system-ui, sans-serif; max-width: 340px;
  overflow-y: auto; box-sizing: border-box; }
.gm-panel summary { font-weight: 600; cursor: pointer; }
.gm-panel ol, .gm-panel ul { margin: 4px 0 0; padding-left: 18px; }
.gm-panel li { margin-bottom: 4px; }
.gm-panel li.gm-off { opacity: .35; }
#gm-country { max-height: 32vh; }
#gm-index { max-height: 50vh; max-width: 280px; }
.leaflet-bottom .leaflet-control#gm-legend { float: right; clear: both; margin: 0 2% 4px 0; max-width: 300px; }
#gm-legend ul { list-style: none; padding: 0; }
#gm-legend li { margin-bottom: 1px; }
#gm-legend svg { vertical-align: middle; }
small { color: #666; font-size: inherit; }
.gm-pop q, .gm-panel q { display: block; margin: 4px 0; font-style: italic; }
.gm-pop hr { margin: 6px 0; }
.gm-cluster div { width: 100%; height: 100%; border-radius: 50%; color: #fff; opacity: .85;
  font: 600 11px/1 system-ui, sans-serif; display: flex; align-items: center; justify-content: center;
  box-shadow: 0 0 0 3px rgba(255,255,255,.6); }
.gm-city { font: 600 11px system-ui, sans-serif; color: #333; white-space: nowrap;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff; }
.gm-city::before { content: ""; display: inline-block; width: 5px; height: 5px; margin-right: 3px;
  border-radius: 50%; background: #333; vertical-align: middle; }
.gm-swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin: 0 2px 0 1px;
  vertical-align: -1px; opacity: .8; }
.leaflet-control-layers { font: 12px/1.35 system-ui, sans-serif; }
.leaflet-timeline-control.gm-has-hist { position: relative; padding-top: HISTBOXpx; }
.leaflet-timeline-control input.time-slider { -webkit-appearance: none; appearance: none; height: 6px;
  margin: 12px 0; padding: 0; border-radius: 3px; background: #c5ced6; }
.leaflet-timeline-control input.time-slider::-webkit-slider-thumb { -webkit-appearance: none;
  box-sizing: border-box; width: THUMBpx; height: THUMBpx; border-radius: 50%; background: #1f4e79;
  border: 2px solid #fff; box-shadow: 0 0 2px #000; cursor: pointer; }
.leaflet-timeline-control input.time-slider::-moz-range-thumb { box-sizing: border-box; width: THUMBpx;
  height: THUMBpx; border-radius: 50%; background: #1f4e79; border: 2px solid #fff; cursor: pointer; }
#gm-hist { position: absolute; height: HISTpx; overflow: hidden; cursor: pointer; }
#gm-hist .gm-day rect.gm-bar { opacity: .45; }
#gm-hist .gm-day:hover rect.gm-bar, #gm-hist .gm-day.gm-now rect.gm-bar { opacity: 1; }
#gm-hist rect.gm-hit { fill: transparent; }
#gm-hist .gm-day.gm-now rect.gm-hit { fill: #1f4e79; fill-opacity: .12; }
""".replace("HISTBOX", str(HIST_HEIGHT + 10)).replace("HIST", str(HIST_HEIGHT)).replace("THUMB", str(THUMB_PX))

#: A type's cluster group fed by its (off-map) timeline: what a slider step adds and removes is
#: passed on in one batch when the timeline reports the change. A cluster shows the number of
#: events it holds (``n`` of its markers) in the type's colour.
_CLUSTER_JS = """function geomapCluster(timeline, colour) {
    var group = L.markerClusterGroup({maxClusterRadius: RADIUS, disableClusteringAtZoom: UNTIL,
        showCoverageOnHover: false, spiderfyOnMaxZoom: false, chunkedLoading: true,
        iconCreateFunction: function (cluster) {
            var n = cluster.getAllChildMarkers().reduce(function (a, m) {
                return a + ((m.feature && m.feature.properties.n) || 1); }, 0),
                size = Math.round(22 + 6 * Math.log10(n));
            return L.divIcon({html: '<div style="background:' + colour + '">' + n + '</div>',
                className: 'gm-cluster', iconSize: [size, size]});
        }}), added = [], removed = [];
    timeline.on('layeradd', function (e) { added.push(e.layer); });
    timeline.on('layerremove', function (e) {
        var i = added.indexOf(e.layer);
        if (i >= 0) added.splice(i, 1); else removed.push(e.layer);
    });
    timeline.on('change', function () {
        if (removed.length) group.removeLayers(removed);
        if (added.length) group.addLayers(added);
        added = []; removed = [];
    });
    return group;
}""".replace("RADIUS", str(CLUSTER_RADIUS_PX)).replace("UNTIL", str(CLUSTER_UNTIL_ZOOM))

#: The marker data of a big map comes deflated and base64-encoded: the browser parses a few MB of
#: text instead of tens, and base64 holds nothing that could end a <script>.
_UNPACK_JS = """function geomapUnpack(b64) {
    var s = atob(b64), bytes = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    return JSON.parse(pako.inflate(bytes, {to: 'string'}));
}"""

#: Moves the panels into Leaflet's control corners (so they stack instead of overlapping) and
#: shrinks the scrolling panels at the top to the room left above the bottom controls.
_LAYOUT_JS = """(function (map) {
    function dock(id, position) {
        var el = document.getElementById(id), control = L.control({position: position});
        if (!el) return;
        control.onAdd = function () {
            L.DomEvent.disableClickPropagation(el); L.DomEvent.disableScrollPropagation(el); return el; };
        control.addTo(map);
    }
    dock('gm-index', 'topleft'); dock('gm-country', 'topright'); dock('gm-legend', 'bottomleft');
    var legend = document.getElementById('gm-legend');
    function fit() {
        var low = [].slice.call(map.getContainer().querySelectorAll('.leaflet-bottom .leaflet-control')),
            cramped = false;
        ['gm-index', 'gm-country'].forEach(function (id) {
            var el = document.getElementById(id);
            if (!el) return;
            el.style.maxHeight = '';
            var box = el.getBoundingClientRect(), limit = map.getContainer().getBoundingClientRect().bottom;
            low.forEach(function (c) {
                var b = c.getBoundingClientRect();
                if (b.height && b.left < box.right && b.right > box.left) limit = Math.min(limit, b.top);
            });
            var room = limit - box.top - 10;
            cramped = cramped || room < 60;
            el.style.maxHeight = Math.max(40, room) + 'px';
        });
        if (cramped && legend && legend.open) { legend.open = false; fit(); }
    }
    if (legend) legend.addEventListener('toggle', fit);
    document.addEventListener('click', function (e) {  // article links open in a new tab
        var a = e.target.closest && e.target.closest('.gm-pop a[href], .gm-panel a[href]');
        if (a && /^https?:/i.test(a.getAttribute('href'))) { a.target = '_blank'; a.rel = 'noopener noreferrer'; }
    }, true);
    window.addEventListener('resize', fit);
    fit();
})(MAP);"""

#: The histogram of events per day over the slider's track: one bar (stacked by event type) per
#: day, lined up with the thumb; the bar of the slider's day is highlighted, a click jumps there.
_HISTOGRAM_JS = """(function (slider, timeline, data) {
    var NS = 'http://www.w3.org/2000/svg', DAY = 864e5, THUMB = THUMB_PX, MAX_BAR = 28, box = slider.container,
        input = box.querySelector('input.time-slider'), n = data.days.length, top = 1, days = [];
    data.days.forEach(function (stack) {
        top = Math.max(top, stack.reduce(function (a, b) { return a + b; }, 0)); });
    var svg = document.createElementNS(NS, 'svg');
    svg.id = 'gm-hist';
    svg.setAttribute('preserveAspectRatio', 'none');
    data.days.forEach(function (stack, i) {
        var g = document.createElementNS(NS, 'g'), title = document.createElementNS(NS, 'title'),
            y = top, total = 0, parts = [];
        function rect(y0, h, cls, fill) {
            var r = document.createElementNS(NS, 'rect');
            r.setAttribute('y', y0); r.setAttribute('height', h); r.setAttribute('class', cls);
            if (fill) r.setAttribute('fill', fill);
            g.appendChild(r);
        }
        g.setAttribute('class', 'gm-day');
        rect(0, top, 'gm-hit');
        stack.forEach(function (count, t) {
            if (!count) return;
            y -= count; total += count;
            rect(y, count, 'gm-bar', data.colours[t]);
            parts.push(data.types[t] + ' ' + count);
        });
        title.textContent = moment.utc(data.start + i * DAY).format('YYYY-MM-DD') + ': ' + total +
            (total === 1 ? ' event' : ' events') + (parts.length ? ' (' + parts.join(', ') + ')' : '');
        g.appendChild(title);
        g.addEventListener('click', function () { slider.pause(); slider.setTime(data.start + i * DAY); });
        svg.appendChild(g);
        days.push(g);
    });
    L.DomEvent.disableClickPropagation(svg);
    box.classList.add('gm-has-hist');
    box.appendChild(svg);
    input.step = String(DAY);
    function place() {  // day i's bar is centred where the thumb's centre is on day i
        var unit = (input.offsetWidth - THUMB) / Math.max(n - 1, 1), w = Math.min(0.84, MAX_BAR / unit);
        svg.setAttribute('viewBox', (-w / 2) + ' 0 ' + (n - 1 + w) + ' ' + top);
        svg.style.left = (input.offsetLeft + THUMB / 2 - unit * w / 2) + 'px';
        svg.style.width = (unit * (n - 1 + w)) + 'px';
        svg.style.top = (input.offsetTop - HIST_HEIGHT - 4) + 'px';
        days.forEach(function (g, i) {
            g.querySelectorAll('rect').forEach(function (r) {
                var width = r.getAttribute('class') === 'gm-hit' ? 1 : w;
                r.setAttribute('x', i - width / 2); r.setAttribute('width', width);
            });
        });
    }
    function mark() {
        var now = Math.floor((timeline.time - data.start) / DAY);
        days.forEach(function (g, i) { g.classList.toggle('gm-now', i === now); });
    }
    timeline.on('change', mark);
    window.addEventListener('resize', place);
    place();
    // open on the busiest day, not on the first event of a corpus that spans decades
    slider.setTime(data.start + data.peak * DAY);
    mark();
})(ARGS);""".replace("THUMB_PX", str(THUMB_PX)).replace("HIST_HEIGHT", str(HIST_HEIGHT))

#: Circles at region centres for the events per first-level region, kept under the event markers.
_REGIONS_JS = """(function (group, base, rows) {
    rows.forEach(function (r) {
        group.addLayer(L.circleMarker([r[0], r[1]], {radius: r[2], color: '#5b4a8b', weight: 1.5,
            dashArray: '4 3', fillColor: '#5b4a8b', fillOpacity: 0.18}).bindPopup(r[3]).bindTooltip(r[4]));
    });
    group.on('add', function () { group.bringToBack(); base.bringToBack(); });
})(ARGS);"""


_JINJA_OPENER = re.compile(r"\{(?=[{%#])")


def _script_json(value) -> str:
    """Compact UTF-8 JSON that is safe inside a ``<script>``.

    Inside a script element only ``</`` (which could close it) and ``<!--`` (which changes how the
    closing tag is parsed) matter; both are replaced by equivalent JSON/JS string escapes, so the
    data cannot break out whatever it contains, while our own popup markup stays compact.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = text.replace("</", "<\\/").replace("<!--", "<\\u0021--")
    return _JINJA_OPENER.sub(r"\\u007b", text)   # in case it ever reaches a Jinja template


class _Verbatim(Element):
    """Finished text that goes into the page as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class _VerbatimRender:
    """Renders an element's macros once and adds the output verbatim.

    branca compiles every macro's output as a new Jinja template: slow for megabytes of data, and a
    ``{{ … }}`` in an article would be evaluated (and ``{%`` would break the build).
    """

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        for part in ("header", "html", "script"):
            macro = self._template.module.__dict__.get(part)
            if macro is not None:
                getattr(figure, part).add_child(_Verbatim(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class _Static(_VerbatimRender, MacroElement):
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


class _TypeTimeline(_VerbatimRender, Timeline):
    """A Timeline whose features are embedded with :func:`_script_json` (compact, no HTML-escaping
    blow-up of the popup markup) and that shows in the layer control under ``name``; with
    ``clustered`` it stays off the map and its :class:`_TypeCluster` shows its markers."""

    _template = Template("""
        {% macro script(this, kwargs) %}
          var {{ this.get_name() }} = L.timeline({{ this.embedded }}, {{ this.options|tojavascript }});
          {% if not this.clustered %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
    """)

    def __init__(self, features: list[dict], name: str, *, clustered: bool = False, packed: bool = False,
                 **kwargs) -> None:
        super().__init__({"type": "FeatureCollection", "features": features}, **kwargs)
        self.layer_name, self.clustered, self.control, self.packed = name, clustered, not clustered, packed

    @property
    def embedded(self) -> str:
        if not self.packed:
            return _script_json(self.data)
        raw = json.dumps(self.data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        return f'geomapUnpack("{base64.b64encode(zlib.compress(raw.encode("utf-8"), 9)).decode("ascii")}")'


class _Unpacker(JSCSSMixin, _Static):
    """The inflater big maps need (pako, from npm like every other asset) and geomapUnpack."""

    default_js = [("pako", PAKO_JS)]

    def __init__(self) -> None:
        super().__init__(js=_UNPACK_JS)


class _TypeCluster(JSCSSMixin, _VerbatimRender, Layer):
    """The cluster group that shows a clustered :class:`_TypeTimeline`'s markers (see _CLUSTER_JS)."""

    default_js = [("markercluster", MARKERCLUSTER_JS)]
    default_css = [("markerclustercss", MARKERCLUSTER_CSS)]
    _template = Template("""
        {% macro script(this, kwargs) %}
          var {{ this.get_name() }} = geomapCluster({{ this.timeline.get_name() }}, {{ this.colour }});
          {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, timeline: _TypeTimeline, colour: str) -> None:
        super().__init__(name=timeline.layer_name, overlay=True)
        self._name = "TypeCluster"
        self.timeline, self.colour = timeline, _script_json(colour)


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
               cities: Sequence[tuple[str, float, float]] | None = None,
               regions: Sequence[tuple[str, float, float]] | None = None, tiles: str = "none",
               tiles_attr: str | None = None, cumulative: bool = False, index: bool | None = None,
               aggregate: bool | None = None, cluster: bool = True) -> folium.Map:
    """Build the map of ``events`` (one article's or a corpus's).

    ``outline`` is a shapely geometry of Kazakhstan (default: the gazetteer's); ``cities`` are
    (name, lat, lon) labels; ``regions`` are (name, lat, lon) centres of the first-level regions
    that the ``admin1`` column names (no region layer without them); ``tiles`` is 'none', 'osm' or
    a URL template, ``tiles_attr`` its attribution (HTML); ``cumulative`` keeps events on the map
    after they end; ``index`` lists ``articles`` with links to their ``map_file`` (default: when
    there is more than one article). Events at the same point with the same dates and type always
    share a marker; ``aggregate`` merges all events of a type at a point that start on the same day
    (default: when more than AGGREGATE_ABOVE events are pinned, to keep the page light);
    ``cluster`` draws markers that pile up at the map's zoom as one numbered cluster.
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
        m.options["max_zoom"] = MAX_ZOOM  # folium sets it only on tile layers; clusters need it
        m.get_root().title = html.escape(title)
        _add_tiles(m, tiles, tiles_attr)
        m.add_child(_Static(css=_CSS, js=f"{m.get_name()}.attributionControl.addAttribution("
                                         f"{_script_json(ATTRIBUTION)});"))
        base = _add_outline(m, outline, transparent=tiles != "none")
        for name, lat, lon in cities or ():
            folium.Marker([lat, lon], icon=folium.DivIcon(html=f'<span class="gm-city">{_esc(name)}</span>',
                                                          class_name="gm-city-icon", icon_size=(0, 0)),
                          interactive=False, keyboard=False).add_to(m)
        if aggregate is None:
            aggregate = len(pinned) > AGGREGATE_ABOVE
        timeline = None
        if len(pinned):
            span = _Span.of(pd.concat([pinned, country]))
            if cluster:
                m.add_child(_Static(js=_CLUSTER_JS))
            timelines = _add_timelines(m, pinned, by_article, span, cumulative, aggregate, cluster)
            slider = _add_slider(m, timelines, span)
            timeline = timelines[0]
            m.add_child(_Static(js=_HISTOGRAM_JS.replace("ARGS", f"{slider.get_name()}, {timeline.get_name()}, "
                                                                 f"{_script_json(_histogram(events, span))}")))
        if len(country):
            _add_country_panel(m, country, by_article, timeline, cumulative)
        if regions and "admin1" in events.columns:
            _add_regions(m, events, regions, base)
        if index or (index is None and len(articles) > 1):
            m.add_child(_Static(body=_index_panel(articles)))
        m.add_child(_Static(body=_legend()))
        folium.LayerControl(collapsed=False).add_to(m)
        m.add_child(_Static(js=_LAYOUT_JS.replace("MAP", m.get_name())))
        m.fit_bounds(_bounds(outline, pinned), padding_top_left=(10, 10),
                     padding_bottom_right=(10, FIT_PADDING_BOTTOM))  # keep the south above the slider
    return m


def save_map(m: folium.Map, path: str | Path, *, assets: str = "cdn") -> Path:
    """Write ``m`` atomically; ``assets`` 'local' or a mirror folder copies JS/CSS into ``lib/`` beside it."""
    path = Path(path)
    with deterministic_ids("s"):
        page = m.get_root().render()
    if assets != "cdn":
        page = _assets.localize_html(page, path.parent, _assets.mirror_root(None if assets == "local" else assets))
    return atomic_write_text(path, page)


def tile_url(tiles: str) -> str | None:
    """The tile URL template ``tiles`` ('none', 'osm' or a URL) stands for; a GeomapError if it
    is none of them (checked before a batch starts, so no article is blamed for it)."""
    if tiles == "none":
        return None
    if tiles == "osm":
        tiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    parts = urlsplit(tiles)
    if parts.scheme not in ("http", "https") or "{z}" not in tiles:
        raise GeomapError(f"tiles must be 'none', 'osm' or an http(s) URL template with {{z}}/{{x}}/{{y}}: {tiles!r}")
    return tiles


def _add_tiles(m: folium.Map, tiles: str, attr: str | None) -> None:
    tiles = tile_url(tiles)
    if tiles is None:
        return
    host = (urlsplit(tiles).hostname or "").lower()
    if not attr:
        attr = (OSM_ATTRIBUTION if host == "openstreetmap.org" or host.endswith(".openstreetmap.org")
                else f"Tiles: {html.escape(host)}")
    folium.TileLayer(tiles=tiles, attr=attr, name="tiles", control=False, max_zoom=19).add_to(m)


def _add_outline(m: folium.Map, outline, transparent: bool) -> folium.GeoJson:
    """The country's shape, filled so the map reads without tiles (and see-through over tiles)."""
    shape = outline.simplify(0.01, preserve_topology=True)  # ~1 km: plenty for a country-scale base
    style = {"color": "#555555", "weight": 1.2, "fillColor": "#f7f4ea", "fillOpacity": 0.15 if transparent else 1}
    return folium.GeoJson({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"style": style}, "geometry": shape.__geo_interface__}]},
        name="Kazakhstan", control=False, interactive=False).add_to(m)


class _Span:
    """The slider's days: ``first`` .. ``last`` (inclusive), as day numbers from ``first``."""

    __slots__ = ("first", "last", "_days")

    def __init__(self, first: date, last: date) -> None:
        self.first, self.last, self._days = first, last, {}

    @classmethod
    def of(cls, frame: pd.DataFrame) -> _Span:
        return cls(date.fromisoformat(str(frame["event_date"].min())), date.fromisoformat(_end_dates(frame).max()))

    @property
    def n_days(self) -> int:
        return (self.last - self.first).days + 1

    def day(self, iso: str) -> int:
        """Day number of an ISO date (cached: a corpus repeats few dates)."""
        n = self._days.get(iso)
        if n is None:
            n = self._days[iso] = (date.fromisoformat(iso) - self.first).days
        return n

    def ms(self, day: int) -> int:
        return _ms(self.first.isoformat()) + day * DAY_MS


def _ordered_types(types) -> list[str]:
    """Event types in legend order: the known ones first, then the others alphabetically."""
    present = set(types)
    return [t for t in TYPE_COLOURS if t in present] + sorted(present - TYPE_COLOURS.keys())


def _add_timelines(m: folium.Map, pinned: pd.DataFrame, by_article: dict, span: _Span, cumulative: bool,
                   aggregate: bool, cluster: bool) -> list[_TypeTimeline]:
    # grouped in pandas: only the rows a popup shows are turned into dicts (100k rows would take seconds)
    frame = pinned.assign(_type=pinned["event_type"].astype(str), _start=pinned["event_date"].astype(str),
                          _end=_end_dates(pinned), _crowd=_crowds(pinned))
    keys = ["_type", "latitude", "longitude", "_start"] + ([] if aggregate else ["_end"])
    grouped = frame.groupby(keys, sort=False, dropna=False)
    frame["_group"] = grouped.ngroup()
    summary = grouped.agg(end=("_end", "max"), crowd=("_crowd", "max"), n=("_type", "size"))
    limit = MAX_EVENTS_PER_AGGREGATED_POPUP if aggregate else MAX_EVENTS_PER_POPUP
    shown: dict[int, list[dict]] = {}
    for r in frame[grouped.cumcount() < limit].to_dict("records"):
        shown.setdefault(r["_group"], []).append(r)
    per_type: dict[str, list[dict]] = {}
    for group, (end, crowd, n) in enumerate(summary.itertuples(index=False, name=None)):
        rows = shown[group]       # ngroup() numbers the groups in the order agg() lists them
        first = rows[0]
        crowd = None if pd.isna(crowd) else int(crowd)
        per_type.setdefault(first["_type"], []).append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(float(first["longitude"]), 5),
                                                          round(float(first["latitude"]), 5)]},
            "properties": {"s": span.day(first["_start"]), "e": span.n_days if cumulative else span.day(end) + 1,
                           "r": _radius(crowd), "u": 0 if crowd else 1, "k": _precision_key(first), "n": int(n),
                           "p": _popup(rows, n, by_article), "t": _tooltip(first, n)},
        })
    counts = frame["_type"].value_counts()
    interval = JsCode(f"""function (feature) {{
    var p = feature.properties;
    return {{start: {span.ms(0)} + p.s * {DAY_MS}, end: {span.ms(0)} + p.e * {DAY_MS}, endExclusive: true}};
}}""")
    timelines = []
    packed = sum(map(len, per_type.values())) > PACK_ABOVE
    if packed:
        m.add_child(_Unpacker())
    for event_type in _ordered_types(per_type):
        colour = TYPE_COLOURS.get(event_type, OTHER_COLOUR)
        point = JsCode(f"""function (feature, latlng) {{
    var p = feature.properties, s = {_MARKER_STYLE}[p.k];
    return L.circleMarker(latlng, {{radius: p.r, color: s.color || "{colour}", weight: s.weight,
        dashArray: s.dashArray, fillColor: "{colour}", fillOpacity: p.u ? 0.08 : 0.7, opacity: 0.95}});
}}""")
        name = (f'<span class="gm-swatch" style="background:{colour}"></span>{_esc(event_type)} '
                f'<small>({counts[event_type]:,})</small>')
        timeline = _TypeTimeline(per_type[event_type], name, clustered=cluster, packed=packed, get_interval=interval,
                                 point_to_layer=point, on_each_feature=_ON_EACH_FEATURE).add_to(m)
        if cluster:
            _TypeCluster(timeline, colour).add_to(m)
        timelines.append(timeline)
    return timelines


def _add_slider(m: folium.Map, timelines: list[_TypeTimeline], span: _Span) -> TimelineSlider:
    steps = max(span.n_days - 1, 1)
    slider = TimelineSlider(auto_play=False, start=span.ms(0), end=span.ms(span.n_days - 1), steps=steps,
                            playback_duration=min(steps * 600, 60000), show_ticks=False,
                            enable_keyboard_controls=True)
    slider.options["format_output"] = _FORMAT_DAY  # the plugin's formatter shows local time, not the day
    return slider.add_timelines(*timelines).add_to(m)


def _histogram(events: pd.DataFrame, span: _Span) -> dict:
    """Events (pinned and country-wide) active on each day of ``span``, by type."""
    types = _ordered_types(events["event_type"].astype(str).unique())
    counts = np.zeros((span.n_days + 1, len(types)), dtype=np.int64)
    starts = events["event_date"].astype(str).map(span.day).to_numpy()
    ends = _end_dates(events).map(span.day).to_numpy()
    kinds = events["event_type"].astype(str).map({t: i for i, t in enumerate(types)}).to_numpy()
    np.add.at(counts, (starts, kinds), 1)           # +1 from the first day,
    np.add.at(counts, (ends + 1, kinds), -1)        # -1 after the last: a running sum gives the days
    days = np.cumsum(counts, axis=0)[:-1]
    return {"start": span.ms(0), "types": [html.escape(t) for t in types],
            "colours": [TYPE_COLOURS.get(t, OTHER_COLOUR) for t in types],
            "days": days.tolist(), "peak": int(days.sum(axis=1).argmax()) if len(days) else 0}


def _add_regions(m: folium.Map, events: pd.DataFrame, regions: Sequence[tuple[str, float, float]],
                 base: folium.GeoJson) -> None:
    """A layer (off at first) of circles at the region centres, sized by the region's events."""
    centres = {str(name): (lat, lon) for name, lat, lon in regions}
    inside = events[events["admin1"].map(lambda a: _present(a) and str(a) in centres)]
    if not len(inside):
        return
    by_region = inside.groupby(inside["admin1"].astype(str))
    top = by_region.size().max()
    rows = []
    for name, group in by_region:
        total = len(group)
        types = Counter(str(t) for t in group["event_type"])
        listing = "".join(f'<li><span class="gm-swatch" style="background:{TYPE_COLOURS.get(t, OTHER_COLOUR)}">'
                          f'</span>{html.escape(t)}: {types[t]:,}</li>' for t in _ordered_types(types))
        days = f"{group['event_date'].min()} – {_end_dates(group).max()}"
        popup = (f'<div class="gm-pop"><b>{html.escape(name)}</b><br>{total:,} events '
                 f'<small>({html.escape(days)})</small><ul>{listing}</ul></div>')
        lat, lon = centres[name]
        rows.append([round(float(lat), 5), round(float(lon), 5), round(8 + 22 * math.sqrt(total / top), 1),
                     popup, f"{html.escape(name)}: {total:,} events"])
    group = folium.FeatureGroup(name=REGION_LAYER, show=False).add_to(m)
    m.add_child(_Static(js=_REGIONS_JS.replace("ARGS", f"{group.get_name()}, {base.get_name()}, "
                                                       f"{_script_json(rows)}")))


def _add_country_panel(m: folium.Map, country: pd.DataFrame, by_article: dict, timeline: Timeline | None,
                       cumulative: bool) -> None:
    items = []
    for row in country.head(MAX_PANEL_ROWS).to_dict("records"):
        end = _ms(_day_after(_end_date(row)))
        counts = _counts(row)
        items.append(
            f'<li data-s="{_ms(str(row["event_date"]))}" data-e="{"Infinity" if cumulative else end}">'
            f'<b>{_esc(_date_range(row))}</b> {_esc(row["event_type"])}'
            f'{" · " + _esc(row["sub_event_type"]) if _present(row["sub_event_type"]) else ""}'
            f'{"<br>" + counts if counts else ""}'
            f'<q>{_esc(_clip(row["evidence"]))}</q>{_article_link(row, by_article)}</li>')
    more = len(country) - MAX_PANEL_ROWS
    tail = f'<p><small>… and {more} more</small></p>' if more > 0 else ""
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
        items.append(f'<li>{link} <small>{meta}</small></li>')
    is_open = " open" if len(articles) <= INDEX_OPEN_UP_TO else ""  # a long list would hide the west
    return (f'<details id="gm-index" class="gm-panel"{is_open}><summary>Articles ({len(articles)})</summary>'
            f'<ol>{"".join(items)}</ol></details>')


def _legend() -> str:
    def dot(fill: str, stroke: str, r: float, width: float = 1.5, dash: str | None = None,
            opacity: float = 0.7) -> str:
        size = 2 * r + 6
        return (f'<svg width="{size:g}" height="{size:g}"><circle cx="{size / 2:g}" cy="{size / 2:g}" r="{r:g}" '
                f'fill="{fill}" fill-opacity="{opacity}" stroke="{stroke}" stroke-width="{width}"'
                f'{f" stroke-dasharray={chr(34)}{dash}{chr(34)}" if dash else ""}/></svg>')

    sizes = " ".join(f"{dot('#999', '#999', _radius(n))} {n:,}" for n in (10, 1000, 100000))
    precision = [f"<li>{dot('#bbb', s['color'] or '#999', 6, s['weight'], s['dashArray'])} "
                 f"{html.escape(s['label'])}</li>" for s in PRECISION_STYLES.values()]
    return (f'<details id="gm-legend" class="gm-panel" open><summary>Legend</summary><ul>'
            f'<li>Colour: event type (switch types on and off in the layer list)</li>'
            f'<li>crowd (log scale):<br>{sizes}</li>'
            f'<li>{dot("#999", "#999", UNKNOWN_RADIUS, opacity=0.08)} crowd size unknown</li>{"".join(precision)}'
            f'</ul><small>A numbered disc holds markers that pile up (its events counted): zoom in '
            f'or click it. Bars over the slider: events per day. '
            f'Country-wide events are listed, not pinned.</small></details>')


def _popup(rows: list[dict], total: int, by_article: dict) -> str:
    """``rows`` (the first of ``total`` events at a marker) in full, with evidence and source."""
    head = f"<b>{total} events here</b><hr>" if total > 1 else ""
    more = f"<hr><small>… and {total - len(rows)} more</small>" if total > len(rows) else ""
    return f'<div class="gm-pop">{head}{"<hr>".join(_event_html(r, by_article) for r in rows)}{more}</div>'


def _event_html(r: dict, by_article: dict) -> str:
    kind = str(r["place_kind"])
    where = {"landmark": "exact place", "region": "region centre, region-level"}.get(kind, f"{kind} centre")
    what = " · ".join(_esc(r[c]) for c in ("event_type", "sub_event_type", "action") if _present(r[c]))
    crowd = _crowd_text(r)
    counts = _counts(r)
    return (f'<b>{_esc(_date_range(r))}</b> <small>'
            f'({TIME_PRECISION.get(_int(r["time_precision"]), "date precision unknown")})</small><br>'
            f'<b>{what}</b><br>'
            f'{_esc(r["location"])} <small>({where}; geo precision {_esc(_int(r["geo_precision"]))})</small>'
            f'<br>{crowd}{"<br>" + counts if counts else ""}'
            f'<q>{_esc(_clip(r["evidence"]))}</q>{_article_link(r, by_article)}'
            f'<br><small>event {_esc(r["event_id"])}{_sources(r)}</small>')


def _article_link(r: dict, by_article: dict) -> str:
    article = by_article.get(str(r["article_id"]), {})
    title = _esc(article.get("title") or r["article_id"])
    url = str(article.get("url") or "")
    if urlsplit(url).scheme.lower() in ("http", "https"):
        title = f'<a href="{html.escape(url)}">{title}</a>'   # opened in a new tab by _LAYOUT_JS
    return f"Source: {title}"


def _sources(r: dict) -> str:
    sources = r["sources"]
    if isinstance(sources, str):
        sources = [s for s in sources.replace(",", ";").split(";") if s.strip()]
    elif not isinstance(sources, (list, tuple)):
        return ""
    others = [str(s).strip() for s in sources if str(s).strip() != str(r["article_id"])]
    return f" · also in {_esc(', '.join(others))}" if others else ""


def _tooltip(first: dict, total: int) -> str:
    extra = f" · {total} events" if total > 1 else ""
    return f"{_esc(first['location'])} · {_esc(_date_range(first))}{extra}"


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


def _crowds(frame: pd.DataFrame) -> pd.Series:
    """Crowd size per event: the upper figure, else the lower one; NaN when unknown (or zero)."""
    def known(column: str) -> pd.Series:
        n = pd.to_numeric(frame[column], errors="coerce").astype("float64")
        return n.where(n > 0)
    return known("participants_max").fillna(known("participants_min"))


def _radius(crowd: int | None) -> float:
    return round(4 + 3 * math.log10(crowd), 1) if crowd else UNKNOWN_RADIUS


def _precision_key(r: dict) -> str:
    return {"landmark": "x", "region": "r"}.get(str(r["place_kind"]), "c")


def _date_range(r: dict) -> str:
    end = _end_date(r)
    return str(r["event_date"]) if end == str(r["event_date"]) else f"{r['event_date']} – {end}"


def _end_date(r: dict) -> str:
    return str(r["event_date_end"]) if _present(r["event_date_end"]) else str(r["event_date"])


def _end_dates(frame: pd.DataFrame) -> pd.Series:
    """Last day of each event as an ISO string (the first day when no end is given)."""
    ends = frame["event_date_end"]
    return ends.where(ends.map(_present), frame["event_date"]).astype(str)


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
    """HTML-escaped text; braces too, for the strings that pass through folium's Jinja templates."""
    return html.escape(str(value)).replace("{", "&#123;") if _present(value) else ""


def _clip(text) -> str:
    text = str(text) if _present(text) else ""
    return text if len(text) <= MAX_EVIDENCE_CHARS else text[:MAX_EVIDENCE_CHARS - 1] + "…"

