"""Drawing a map scene: braille cells for a terminal, and self-contained SVG and HTML files.

Pure functions: a `geomap.Scene` in, text out. Nothing here loads anything from outside, fonts
included (the files name only the generic `sans-serif`), so a map file opens the same offline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from sitefinder.geomap import Marker, Scene, circle, nice_distance, view_width_km

# Braille: a cell is 2 dots wide and 4 high; bit of the dot at (column, row).
_BRAILLE_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
ORIGIN_MARK = "@"
CAPTION = ("Boundaries are illustrative (Natural Earth's de facto lines); distances are straight lines "
           "between city centres.")
ATTRIBUTION = "Map: Natural Earth (public domain). Places: GeoNames, CC BY 4.0."


def escape(text: str) -> str:
    """Text for SVG and HTML: markup characters as entities (xml.sax costs a terminal map 10 ms to import)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class Cell(NamedTuple):
    text: str
    kind: str  # "", "coast", "border", "origin", "site"


def terminal_cells(scene: Scene, columns: int, rows: int, braille: bool = True) -> list[list[Cell]]:
    """The scene as rows of cells: braille dots for lines (or . and : in ASCII), ASCII markers on top."""
    dots_x, dots_y = columns * 2, rows * 4
    coast = _dots(scene.coast, dots_x, dots_y)
    borders = _dots(scene.borders, dots_x, dots_y)
    grid: list[list[Cell]] = []
    for row in range(rows):
        line = []
        for column in range(columns):
            coast_bits, border_bits = coast.get((column, row), 0), borders.get((column, row), 0)
            bits = coast_bits | border_bits
            kind = "coast" if coast_bits else ("border" if border_bits else "")
            if not bits:
                line.append(Cell(" ", ""))
            elif braille:
                line.append(Cell(chr(0x2800 + bits), kind))
            else:
                line.append(Cell("." if coast_bits else ":", kind))
        grid.append(line)
    for label, column, row, kind in marker_labels(scene, columns, rows):
        for offset, char in enumerate(label):
            grid[row][column + offset] = Cell(char, kind)
    return grid


def marker_labels(scene: Scene, columns: int, rows: int) -> list[tuple[str, int, int, str]]:
    """(label, column, row, kind) for the origin and the sites. Sites that fall on one cell, or so
    near that their labels would touch, share a label ("2,4"); labels never leave the canvas."""
    placed: list[tuple[list[int], int, int]] = []  # ranks, column, row
    for marker in scene.markers:
        column, row = _cell_of(marker.x, marker.y, columns, rows)
        for ranks, other_column, other_row in placed:
            width = len(",".join(map(str, ranks)))
            if other_row == row and other_column - 1 <= column <= other_column + width:
                ranks.append(marker.rank)
                break
        else:
            placed.append(([marker.rank], column, row))
    labels = []
    if scene.origin is not None:
        column, row = _cell_of(*scene.origin, columns, rows)
        labels.append((ORIGIN_MARK, column, row, "origin"))
    taken = {(column, row) for _, column, row, _ in labels}
    for ranks, column, row in placed:
        label = _shared_label(ranks, columns)
        column, row = _free_spot(len(label), max(0, min(column, columns - len(label))), row, taken, columns, rows)
        labels.append((label, column, row, "site"))
        taken.update((column + offset, row) for offset in range(len(label)))
    return labels


# The moves a label may make from its spot to find room, nearest first: a row counts as two columns
# (a terminal cell is about twice as tall as it is wide), and of two as near, down before up before
# sideways (below the origin, as a map reads). Farther would misplace it more than it helps: a
# crowded map then draws it over another, and the legend below still names every site.
_MOVES = sorted(((row, column) for row in range(-2, 3) for column in range(-4, 5)),
                key=lambda move: (2 * abs(move[0]) + abs(move[1]), move[0] == 0, -move[0], move[1]))


def _free_spot(width: int, column: int, row: int, taken: set[tuple[int, int]], columns: int,
               rows: int) -> tuple[int, int]:
    """The nearest spot to (column, row) where a label of `width` cells has a blank cell on either
    side: never over the origin, never run into another label ("65" beside "106" read 65106)."""
    for row_move, column_move in _MOVES:
        left, line = column + column_move, row + row_move
        if left < 0 or left + width > columns or not 0 <= line < rows:
            continue
        if not any((cell, line) in taken for cell in range(left - 1, left + width + 1)):
            return left, line
    return column, row


CUT_MARK = "…"  # one cell wide in every terminal font: the legend below the map names every site


def _shared_label(ranks: list[int], room: int) -> str:
    """The ranks of sites that share a spot ("1,2,3"), cut with … after the last rank that fits the
    map's width: 150 sites in one city made a label wider than the map (IndexError)."""
    label = ",".join(map(str, ranks))
    if len(label) <= room:
        return label
    kept = ""
    for rank in map(str, ranks):
        longer = f"{kept},{rank}" if kept else rank
        if len(longer) + len(CUT_MARK) > room:
            break
        kept = longer
    return (kept + CUT_MARK)[:room]


def _cell_of(x: float, y: float, columns: int, rows: int) -> tuple[int, int]:
    return min(max(int(x * columns), 0), columns - 1), min(max(int(y * rows), 0), rows - 1)


def _dots(lines: Sequence[Sequence[tuple[float, float]]], width: int, height: int) -> dict[tuple[int, int], int]:
    """Braille bits per cell for polylines in the unit square (Bresenham between projected points)."""
    cells: dict[tuple[int, int], int] = {}
    for points in lines:
        previous = None
        for x, y in points:
            dot = (int(x * width), int(y * height))
            if previous is not None:
                _segment(previous, dot, width, height, cells)
            previous = dot
    return cells


def _segment(start: tuple[int, int], end: tuple[int, int], width: int, height: int,
             cells: dict[tuple[int, int], int]) -> None:
    (x0, y0), (x1, y1) = start, end
    if (x0 < 0 and x1 < 0) or (y0 < 0 and y1 < 0) or (x0 >= width and x1 >= width) or (y0 >= height and y1 >= height):
        return  # wholly outside on one side
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    error = dx + dy
    for _ in range(dx - dy + 1):
        if 0 <= x0 < width and 0 <= y0 < height:
            key = (x0 // 2, y0 // 4)
            cells[key] = cells.get(key, 0) | _BRAILLE_BITS[y0 % 4][x0 % 2]
        if x0 == x1 and y0 == y1:
            break
        twice = 2 * error
        if twice >= dy:
            error += dy
            x0 += sx
        if twice <= dx:
            error += dx
            y0 += sy


# ---------------------------------------------------------------- files

class SiteLabel(NamedTuple):
    """What a file says of a site beside its marker and on hover."""

    text: str  # "1 Jiangmen Central Hospital, Jiangmen, 61.5 km"
    details: str  # the hover text: id, facility, city, province, status, investigator


FOOTER_LINE = 14
FOOTER_CHARS = 150  # of 11-pixel sans-serif across a 1,000-pixel drawing


def svg(scene: Scene, title: str, labels: Sequence[SiteLabel], width: int = 1000, footer: Sequence[str] = (),
        caption: str = CAPTION, attribution: str = ATTRIBUTION, origin: str = "") -> str:
    """A self-contained SVG: land, borders, distance rings, a scale bar, markers, labels, a caption,
    then `footer` (whom to call, how old the data are: what the terminal says under a map).

    A label that cannot be put beside its marker without covering another (42 sites in
    `--view country`) is left out there and listed under the map instead, numbered as its marker."""
    from sitefinder.lines import wrap_words

    height = round(width / max(scene.view.aspect(), 0.2))
    origin = origin or scene.place.label  # the place's label, in the answer's language (广东广州 Guangzhou, …)
    placed = _placements(scene, labels, width, height, origin)
    listed = [text for _, _, _, texts, clear in placed if not clear for text in texts]
    footer_lines = [part for line in footer for part in wrap_words(line, FOOTER_CHARS)]
    caption_height = 64 + FOOTER_LINE * (len(footer_lines) + len(listed) + (1 if listed else 0))
    total = height + caption_height
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total}" width="{width}" '
             f'height="{total}" font-family="sans-serif" role="img">',
             f"<title>{escape(title)}</title>",
             f'<defs><clipPath id="map-area"><rect width="{width}" height="{height}"/></clipPath></defs>',
             f'<rect width="{width}" height="{total}" fill="#fff"/>',
             '<g clip-path="url(#map-area)">',
             f'<rect width="{width}" height="{height}" fill="#dbe9f4"/>',
             '<g fill="#f2efe6" stroke="none">']
    parts += [f'<path d="{_path(ring, width, height, close=True)}"/>' for ring in scene.land if len(ring) > 2]
    parts.append("</g>")
    parts.append('<g fill="none" stroke="#7c8c7c" stroke-width="0.8">')
    parts += [f'<path d="{_path(line, width, height)}"/>' for line in scene.coast if len(line) > 1]
    parts.append('</g><g fill="none" stroke="#9a9a9a" stroke-width="0.7" stroke-dasharray="3 2">')
    parts += [f'<path d="{_path(line, width, height)}"/>' for line in scene.borders if len(line) > 1]
    parts.append("</g>")
    parts += _rings(scene, width, height)
    parts += _scale_bar(scene, width, height)
    for (x, y), members, (left, top, anchor), texts, clear in placed:
        ranks = ",".join(str(marker.rank) for marker, _ in members)
        radius = _badge_radius(members)
        parts.append(f'<g><title>{escape(chr(10).join(label.details for _, label in members))}</title>'
                     f'<rect x="{x - radius:.1f}" y="{y - 9:.1f}" width="{2 * radius:.1f}" height="18" rx="9" '
                     f'fill="#1f5fa8" stroke="#fff" stroke-width="1.5"/>'
                     f'<text x="{x:.1f}" y="{y + 4:.1f}" font-size="11" fill="#fff" text-anchor="middle">'
                     f"{ranks}</text>")
        for line, text in enumerate(texts if clear else ()):
            parts.append(f'<text class="label" x="{left:.1f}" y="{top + 12 + LINE_HEIGHT * line:.1f}" font-size="12" '
                         f'fill="#1b1b1b" text-anchor="{anchor}" stroke="#fff" stroke-width="3" '
                         f'paint-order="stroke">{escape(text)}</text>')
        parts.append("</g>")
    if scene.origin is not None:
        x, y = scene.origin[0] * width, scene.origin[1] * height
        parts.append(f'<g><title>{escape(origin)}</title>'
                     f'<path d="M{x - 8:.1f} {y:.1f}H{x + 8:.1f}M{x:.1f} {y - 8:.1f}V{y + 8:.1f}" '
                     f'stroke="#c0392b" stroke-width="3"/>'
                     f'<text x="{x + 10:.1f}" y="{y - 8:.1f}" font-size="13" font-weight="bold" fill="#c0392b" '
                     f'stroke="#fff" stroke-width="3" paint-order="stroke">{escape(origin)}</text></g>')
    parts.append("</g>")
    parts.append(f'<text class="caption" x="12" y="{height + 24}" font-size="13" fill="#1b1b1b">{escape(title)}</text>')
    parts.append(f'<text class="caption" x="12" y="{height + 44}" font-size="11" fill="#444">{escape(caption)}</text>')
    parts.append(f'<text class="caption" x="12" y="{height + 58}" font-size="10" fill="#666">'
                 f'{escape(attribution)}</text>')
    y = height + 58 + FOOTER_LINE
    for footer_line in footer_lines:
        parts.append(f'<text class="footer" x="12" y="{y}" font-size="11" fill="#1b1b1b">{escape(footer_line)}</text>')
        y += FOOTER_LINE
    if listed:
        y += FOOTER_LINE // 2
        for text in listed:
            rank, _, rest = text.partition(" ")
            parts.append(f'<text class="listed" x="12" y="{y}" font-size="11" fill="#1b1b1b">'
                         f'{escape(rank)}. {escape(rest)}</text>')
            y += FOOTER_LINE
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def html(scene: Scene, title: str, labels: Sequence[SiteLabel], rows: Sequence[Sequence[str]],
         headers: Sequence[str], footer: Sequence[str] = (), lang: str = "en", caption: str = CAPTION,
         attribution: str = ATTRIBUTION, origin: str = "") -> str:
    """The SVG inline in one HTML page with the sites' table and `footer` (whom to call, how old
    the data are); hover a marker for its details. No script, no stylesheet and no font from
    anywhere else; a viewport, so that a phone shows it at its own width, not a desktop's shrunk."""
    table = ["<table><thead><tr>", *(f"<th>{escape(header)}</th>" for header in headers), "</tr></thead><tbody>"]
    for row in rows:
        table += ["<tr>", *(f"<td>{escape(cell)}</td>" for cell in row), "</tr>"]
    table.append("</tbody></table>")
    return "\n".join([
        "<!doctype html>", f'<html lang="{escape(lang)}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        "<style>body{font-family:sans-serif;margin:16px;color:#1b1b1b}svg{max-width:100%;height:auto}"
        ".sites{overflow-x:auto}table{border-collapse:collapse;margin-top:16px}"
        "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}td.phone{white-space:nowrap}"
        # Chinese words (江门, 广东) kept whole as a Chinese page sets them, not one character a line;
        # the facility column (the third) still breaks where it must.
        "th{white-space:nowrap}td{word-break:keep-all}td:nth-child(3){word-break:normal}"
        # A phone (390 px) shows the wide map at about 0.4: its 12 px labels would be 5 px. There the
        # map keeps its numbered badges and the table under it (numbered the same, in the page's own
        # type) names each site; the SVG's caption and footer are the page's paragraphs too.
        "@media (max-width:600px){body{margin:8px}svg text.label,svg text.caption,"
        "svg text.footer,svg text.listed{display:none}td,th{padding:4px}}"
        "</style>", "</head>", "<body>", f"<h1 style=\"font-size:18px\">{escape(title)}</h1>",
        svg(scene, title, labels, caption=caption, attribution=attribution, origin=origin), '<div class="sites">', *table, "</div>",
        *(f"<p>{escape(line)}</p>" for line in footer),
        f"<p>{escape(caption)} {escape(attribution)}</p>", "</body>", "</html>",
    ]) + "\n"


def _placements(scene: Scene, labels: Sequence[SiteLabel], width: int, height: int, origin: str = ""
                ) -> list[tuple[tuple[float, float], list[tuple[Marker, SiteLabel]], tuple[float, float, str],
                                list[str], bool]]:
    """Each cluster of markers with where its label goes and whether it fits there clear of others."""
    taken: list[tuple[float, float, float, float]] = []  # label boxes already placed
    if scene.origin is not None:
        ox, oy = scene.origin[0] * width, scene.origin[1] * height
        taken.append((ox + 8, oy - 22, ox + 14 + 7.5 * len(origin or scene.place.label), oy - 4))
    clusters = _clusters(scene, labels, width, height)
    for (x, y), members in clusters:  # no label covers another site's badge
        radius = _badge_radius(members)
        taken.append((x - radius, y - 9, x + radius, y + 9))
    placed = []
    for (x, y), members in clusters:
        texts = [label.text for _, label in members]
        left, top, anchor, clear = _label_place(x, y, _badge_radius(members), texts, width, height, taken)
        placed.append(((x, y), members, (left, top, anchor), texts, clear))
    return placed


LINE_HEIGHT = 15
CHAR_WIDTH = 6.6  # of 12-pixel sans-serif, on average: enough to keep labels apart


def _label_place(x: float, y: float, radius: float, texts: Sequence[str], width: int, height: int,
                 taken: list[tuple[float, float, float, float]]) -> tuple[float, float, str, bool]:
    """Where a marker's label goes: beside it, on the side with room, moved up or down until it
    overlaps no label already placed. Returns the text's x, its top, its anchor and whether it is
    clear of every other label; records its box when it is."""
    text_width = CHAR_WIDTH * max(len(text) for text in texts)
    block = LINE_HEIGHT * len(texts)
    sides = [("start", x + radius + 4), ("end", x - radius - 4)]
    if x > width * 0.6:
        sides.reverse()
    best = None
    for shift in (0, LINE_HEIGHT, -LINE_HEIGHT, 2 * LINE_HEIGHT, -2 * LINE_HEIGHT, 3 * LINE_HEIGHT, -3 * LINE_HEIGHT):
        for anchor, start in sides:
            top = y - 8 + shift
            box = (start, top, start + text_width, top + block) if anchor == "start" else \
                (start - text_width, top, start, top + block)
            inside = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
            own = (x - radius, y - 9, x + radius, y + 9)
            clear = not any(box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
                            for other in taken if other != own)
            if clear and inside:
                taken.append(box)
                return start, top, anchor, True
            if best is None and inside:
                best = (start, top, anchor, box)
    start, top, anchor, _ = best or (sides[0][1], y - 8, sides[0][0], (0.0, 0.0, 0.0, 0.0))
    return start, top, anchor, False


def _badge_radius(members: Sequence[tuple[Marker, SiteLabel]]) -> float:
    ranks = ",".join(str(marker.rank) for marker, _ in members)
    return 9 if len(ranks) <= 2 else 4 + 3.2 * len(ranks)


def _clusters(scene: Scene, labels: Sequence[SiteLabel], width: int, height: int
              ) -> list[tuple[tuple[float, float], list[tuple[Marker, SiteLabel]]]]:
    """Markers closer than a marker's size share one (two sites in one city): one badge "6,7" and
    their labels one under the other."""
    groups: list[tuple[tuple[float, float], list[tuple[Marker, SiteLabel]]]] = []
    for marker, label in zip(scene.markers, labels):
        x, y = marker.x * width, marker.y * height
        for (gx, gy), members in groups:
            if abs(gx - x) < 16 and abs(gy - y) < 16:
                members.append((marker, label))
                break
        else:
            groups.append(((x, y), [(marker, label)]))
    return groups


def _path(points: Sequence[tuple[float, float]], width: int, height: int, close: bool = False) -> str:
    text = "M" + "L".join(f"{x * width:.1f} {y * height:.1f}" for x, y in points)
    return text + ("Z" if close else "")


def _rings(scene: Scene, width: int, height: int) -> list[str]:
    """Distance rings around the origin, at round distances up to the farthest site shown."""
    if scene.origin is None or not scene.markers:
        return []
    farthest = max(marker.entry.distance_km for marker in scene.markers)
    radii: list[float] = []
    radius = nice_distance(max(farthest, 1.0))
    while radius >= farthest / 6 and len(radii) < 3:  # rings much smaller than the view are clutter
        radii.append(radius)
        radius = nice_distance(radius * 0.49)
    parts = ['<g fill="none" stroke="#c0392b" stroke-opacity="0.45" stroke-width="1" stroke-dasharray="6 4">']
    for radius in sorted(set(radii)):
        points = [scene.view.project(lon, lat) for lon, lat in circle(scene.place, radius)]
        parts.append(f'<path d="{_path(points, width, height, close=True)}"/>')
        top = min(points, key=lambda point: point[1])
        if 0 <= top[1] * height:
            parts.append(f'<text x="{top[0] * width + 4:.1f}" y="{top[1] * height + 12:.1f}" font-size="11" '
                         f'fill="#c0392b" stroke="none">{radius:g} km</text>')
    parts.append("</g>")
    return parts


def _scale_bar(scene: Scene, width: int, height: int) -> list[str]:
    km_across = view_width_km(scene.view)
    length_km = nice_distance(km_across / 5)
    pixels = width * length_km / km_across
    x, y = 16, height - 20
    return [f'<g><rect x="{x - 6}" y="{y - 18}" width="{pixels + 12:.1f}" height="30" fill="#fff" opacity="0.8"/>'
            f'<path d="M{x} {y}H{x + pixels:.1f}M{x} {y - 5}V{y + 5}M{x + pixels:.1f} {y - 5}V{y + 5}" '
            f'stroke="#1b1b1b" stroke-width="2"/>'
            f'<text x="{x}" y="{y - 7}" font-size="11" fill="#1b1b1b">{length_km:g} km</text></g>']


def scale_words(scene: Scene, columns: int, lang: str = "en") -> str:
    """"One column ≈ 12 km" for under a terminal map, in `lang`."""
    from sitefinder.wording import say

    per_column = view_width_km(scene.view) / columns
    return say("map.scale_km", lang, km=per_column) if per_column >= 1 else say("map.scale_m", lang, m=per_column * 1000)

