"""The map's canvas and its files: how large a map to draw, and the self-contained SVG or HTML page."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sitefinder.answers import MapResult
from sitefinder.errors import SitefinderError, UsageError
from sitefinder.output.views import (NEAR_COLUMNS, TRIAL, Column, answer_footer, columns_in, distance_cell,
                                     facility_cell, investigator_cell, lang_of, map_title, origin_words, say, site_trial,
                                     status_cell, trial_cell, where_cells)
from sitefinder.text import printable

MAP_FILE_KINDS = (".svg", ".html", ".htm")
MAP_FILE_ASPECT = 1.6
JSON_MAP_COLUMNS = 80  # `map --json` computes its view for a terminal this wide (Rich's default)



def check_map_file(out: Path) -> None:
    """Before any work: a map file's kind (a usage error), and a directory to write it into, which
    is never made (a typo in a path would make a tree of them): a missing one fails as a file that
    cannot be written does."""
    if out.suffix.lower() not in MAP_FILE_KINDS:
        raise UsageError(key="usage.map_file", name=out)  # as typed: /dev/full, not "full"
    folder = out.parent
    if not folder.is_dir():
        from sitefinder.wording import said

        raise SitefinderError(key="error.map_folder", path=out, folder=folder,
                              what=said("error.map_folder.file" if folder.exists() else "error.map_folder.missing"))


def terminal_canvas(columns: int) -> tuple[int, int, float]:
    """A terminal map `columns` wide (braille dots are square: 2 a column, 4 a row)."""
    rows = max(8, min(30, columns // 4))
    return columns, rows, columns * 2 / (rows * 4)


def page_language(lang: str) -> str:
    """The page's language tag: zh-Hant-TW or zh-Hant-HK where its words are in Traditional characters."""
    from sitefinder.output.streams import shown_in

    script = shown_in()
    return f"zh-Hant-{script.upper()}" if lang == "zh" and script else lang


def write_map_file(result: MapResult, out: Path, options: str = "") -> None:
    from sitefinder.mapdraw import SiteLabel, html, svg
    from sitefinder.paths import replace_atomically

    near, scene = result.near, result.scene
    chinese, lang = near.chinese, lang_of(near.chinese)
    labels = []
    for marker in scene.markers:
        site = marker.entry.site
        contact = investigator_cell(site)
        facility = (chinese.facilities.get(site.id) if chinese else "") or site.facility
        city = where_cells(site, chinese)[0]
        labels.append(SiteLabel(
            text=say("map.label", lang, rank=marker.rank, facility=facility, city=city, km=distance_cell(marker.entry)),
            # each line made visible apart: a line break of the data is shown, the lines' own are breaks
            details="\n".join(printable(part) for part in (
                say("map.details_head", lang, rank=marker.rank, facility=facility_cell(site, chinese), id=site.id),
                # the site's place in the answer's language: 江门、广东 in a Chinese one
                "、".join(part for part in where_cells(site, chinese, near.provinces) if part) if chinese is not None
                else f"{site.city}, {site.province}, {site.country}",
                say("map.details_distance", lang, km=distance_cell(marker.entry),
                    status=status_cell(site, site_trial(near, site), chinese)),
                say("map.details_investigator", lang, name=contact) if contact else "") if part)))
    footer = [printable(line) for line in answer_footer([entry.site for entry in near.sites], near.trial,
                                                        options=options, lang=lang, answer=near)]
    labels = [label._replace(text=printable(label.text), details=label.details) for label in labels]
    title = printable(map_title(near))
    origin = printable(origin_words(near) if chinese is not None else near.resolution.place.label)
    caption, attribution = say("map.caption", lang), say("map.attribution", lang)
    if out.suffix.lower() == ".svg":
        text = svg(scene, title, labels, footer=footer, caption=caption, attribution=attribution, origin=origin)
    else:
        rows = [[str(rank), str(entry.site.id), printable(facility_cell(entry.site, chinese)),
                 *map(printable, where_cells(entry.site, chinese, near.provinces)), distance_cell(entry),
                 status_cell(entry.site, site_trial(near, entry.site), chinese),
                 printable(investigator_cell(entry.site))]
                for rank, entry in enumerate(near.sites, 1)]
        columns: Sequence[Column] = NEAR_COLUMNS
        if near.many_trials:  # as the terminal's table: each row names its trial, after the facility
            columns = (*columns[:3], TRIAL, *columns[3:])
            rows = [[*row[:3], printable(trial_cell(site_trial(near, entry.site))), *row[3:]]
                    for row, entry in zip(rows, near.sites)]
        text = html(scene, title, labels, rows, tuple(column.header for column in columns_in(columns, lang)),
                    footer=footer, lang=page_language(lang), caption=caption, attribution=attribution, origin=origin)
    from sitefinder.output.streams import for_people

    text = for_people(text)  # Traditional characters where they are chosen: a page people read
    try:
        replace_atomically(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    except OSError as exc:
        from sitefinder.wording import os_reason
        raise SitefinderError(key="error.map_write", path=out, what=os_reason(exc)) from None
