"""Local copies of the JS/CSS a folium map loads from CDNs.

Air-gapped users (and the browser tests) cannot reach the CDNs folium 0.20 and
its Timeline plugin link to, so every such URL is mapped onto a file of a pinned
npm package; an npm mirror (``npm install`` of :data:`PACKAGES`, see
``tests/setup-browser.sh``) then provides the files. Two stylesheets are not on
npm and only style widgets geomap never uses: they become empty stubs. Leaflet.markercluster
(marker clusters) and pako (inflating the data of big maps) are geomap's own additions to that list.
"""
from __future__ import annotations

import json
import mimetypes
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import GeomapError
from .fsutil import atomic_write_bytes

#: npm packages (exact versions) that hold every asset folium 0.20 + Timeline load.
PACKAGES: dict[str, str] = {
    "leaflet": "1.9.3",
    "jquery": "3.7.1",
    "bootstrap": "5.2.2",
    "leaflet.awesome-markers": "2.0.5",
    "@fortawesome/fontawesome-free": "6.2.0",
    "leaflet.timeline": "1.6.0",
    "moment": "2.18.1",
    "leaflet.markercluster": "1.5.3",
    "pako": "2.1.0",
}

#: CDN URL prefixes whose files keep their layout inside the npm package
#: (stylesheets load images and fonts relative to themselves, so these cover those too).
_PREFIXES: tuple[tuple[str, str, str], ...] = (
    ("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/", "leaflet", ""),
    ("https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/", "bootstrap", ""),
    ("https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/", "@fortawesome/fontawesome-free", ""),
    ("https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/", "leaflet.awesome-markers", "dist/"),
    ("https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/", "leaflet.markercluster", ""),
    ("https://cdn.jsdelivr.net/npm/pako@2.1.0/", "pako", ""),
)

#: CDN URLs whose npm file has another name.
_RENAMED: dict[str, tuple[str, str]] = {
    "https://code.jquery.com/jquery-3.7.1.min.js": ("jquery", "dist/jquery.min.js"),
    # the npm build is already minified but has no .min in its name
    "https://cdn.jsdelivr.net/npm/leaflet.timeline@1.6.0/dist/leaflet.timeline.min.js":
        ("leaflet.timeline", "dist/leaflet.timeline.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/moment.js/2.18.1/moment.min.js": ("moment", "min/moment.min.js"),
}

#: Not on npm; styles only glyphicons / rotated awesome-markers, which geomap does not use.
_STUBS: dict[str, str] = {
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css": "bootstrap-glyphicons.css",
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css":
        "leaflet.awesome.rotate.min.css",
}
STUB_CSS = b"/* geomap: empty stand-in for a stylesheet that is not on npm */\n"

#: Folders a package's stylesheet loads from (relative url(...) references).
_COMPANIONS: dict[str, tuple[str, ...]] = {
    "leaflet": ("dist/images",),
    "leaflet.awesome-markers": ("dist/images",),
    "@fortawesome/fontawesome-free": ("webfonts",),
}

LIB_DIR = "lib"
_DEFAULT_MIRROR = Path(__file__).resolve().parents[1] / "tests" / ".assets" / "node_modules"
_LINK_RE = re.compile(r'(<script\b[^>]*\bsrc="|<link\b[^>]*\bhref=")(https?://[^"]+)"')


@dataclass(frozen=True, slots=True)
class Asset:
    """Where the content of one CDN URL lives: an npm package file, or a stub."""

    package: str | None
    path: str

    @property
    def local_path(self) -> str:
        """Path below ``lib/`` of a localized map (packages keep their layout)."""
        return f"{self.package}/{self.path}" if self.package else f"stubs/{self.path}"


def resolve(url: str) -> Asset | None:
    """The asset a CDN URL stands for, or None for a URL geomap does not mirror."""
    if url in _STUBS:
        return Asset(None, _STUBS[url])
    if url in _RENAMED:
        return Asset(*_RENAMED[url])
    for prefix, package, folder in _PREFIXES:
        if url.startswith(prefix):
            rest = url[len(prefix):].split("?", 1)[0].split("#", 1)[0]
            if rest and ".." not in rest.split("/"):
                return Asset(package, folder + rest)
    return None


def mirror_root(directory: str | Path | None = None) -> Path:
    """The npm mirror (a ``node_modules`` folder): argument, else $GEOMAP_ASSETS, else tests/.assets."""
    root = Path(directory or os.environ.get("GEOMAP_ASSETS") or _DEFAULT_MIRROR)
    if not root.is_dir():
        raise GeomapError(f"asset mirror {root} not found: run tests/setup-browser.sh "
                          "or point GEOMAP_ASSETS at an npm node_modules folder")
    return root


def check_mirror(root: Path) -> None:
    """Raise a GeomapError unless every pinned package is in the mirror at its pinned version."""
    for package in PACKAGES:
        _check_version(package, root)


def read_asset(asset: Asset, root: Path) -> bytes:
    """The bytes of ``asset`` from the mirror (a GeomapError names what is missing)."""
    if asset.package is None:
        return STUB_CSS
    _check_version(asset.package, root)
    file = root / asset.package / asset.path
    if not file.is_file():
        raise GeomapError(f"asset {asset.package}/{asset.path} missing from mirror {root}")
    return file.read_bytes()


def content_type(path: str) -> str:
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


def localize_html(html: str, out_dir: str | Path, root: Path) -> str:
    """Copy every linked JS/CSS file (and what it loads) into ``out_dir/lib`` and point the HTML at it."""
    lib = Path(out_dir) / LIB_DIR
    done: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        url = match.group(2)
        asset = resolve(url)
        if asset is None:
            raise GeomapError(f"no local copy known for asset {url}")
        if asset.local_path not in done:
            _copy(asset, root, lib)
            done.add(asset.local_path)
        return f'{match.group(1)}{LIB_DIR}/{asset.local_path}"'

    return _LINK_RE.sub(replace, html)


def _copy(asset: Asset, root: Path, lib: Path) -> None:
    _write_if_changed(lib / asset.local_path, read_asset(asset, root))
    for folder in _COMPANIONS.get(asset.package or "", ()):
        source = root / str(asset.package) / folder
        if not source.is_dir():
            raise GeomapError(f"asset folder {asset.package}/{folder} missing from mirror {root}")
        for file in sorted(p for p in source.rglob("*") if p.is_file()):
            _write_if_changed(lib / str(asset.package) / folder / file.relative_to(source), file.read_bytes())


def _write_if_changed(dest: Path, data: bytes) -> None:
    """Maps of a corpus share one lib/ folder: rewrite a file only when its content differs."""
    if dest.is_file() and dest.stat().st_size == len(data) and dest.read_bytes() == data:
        return
    atomic_write_bytes(dest, data)


def _check_version(package: str, root: Path) -> None:
    manifest = root / package / "package.json"
    try:
        version = json.loads(manifest.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError) as exc:
        raise GeomapError(f"npm package {package} missing or unreadable in mirror {root}") from exc
    if version != PACKAGES[package]:
        raise GeomapError(f"mirror {root} has {package}@{version}, geomap needs {PACKAGES[package]}")
