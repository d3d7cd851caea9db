"""English: the tables live in the stage modules themselves (the reference implementation)."""
from geomap.events import ENGLISH_RULES
from geomap.lang import Language
from geomap.timex import ENGLISH

LANGUAGE = Language("en", ENGLISH, ENGLISH_RULES)
