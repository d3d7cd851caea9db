"""The notebook API: clear errors for what it cannot take."""
from __future__ import annotations

from datetime import date

import pytest

import geomap
from geomap import InputError

TEXT = "Police detained 20 people in Zhanaozen on 5 January 2022."


def test_published_may_be_an_iso_string_and_is_checked_like_the_cli():
    assert len(geomap.extract(TEXT, published="2022-01-06")) == 1
    for bad, why in ((date(1, 1, 2), "before 1900"), (date(2099, 1, 1), "in the future"), ("x", "not a date")):
        with pytest.raises(ValueError, match=why):
            geomap.extract(TEXT, published=bad)


def test_bytes_are_text_and_other_types_a_type_error():
    assert len(geomap.extract(TEXT.encode(), published=date(2022, 1, 6))) == 1
    with pytest.raises(TypeError, match="NoneType"):
        geomap.extract(None)


def test_an_empty_string_is_no_path_to_the_current_folder():
    with pytest.raises(InputError, match="no article text"):
        geomap.extract("")


def test_a_map_of_inputs_that_all_failed_raises(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        geomap.map_articles([tmp_path / "nope"])


def test_an_empty_geocoder_query_finds_nothing():
    assert geomap.OfflineGeocoder().geocode("") is None
