"""geomap: offline geoparsing and time-slider maps of protest events in Kazakhstan."""
from __future__ import annotations

__version__ = "0.1.0"
