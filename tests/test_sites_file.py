"""Every class of bad sites file gets one clear line naming the file and the line, and exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHIPPED_SITES
from sitefinder.errors import DataFileError
from sitefinder.sitesfile import read_sites_file

HEADER = "id,facility,city,province,country,status,latitude,longitude,contacts\n"
ROW = '1,A Hospital,Guangzhou,Guangdong,China,,23.1,113.2,"[{""name"": ""A. Li"", ""role"": ""PRIMARY""}]"\n'


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "sites.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


BAD_FILES = {
    "empty": ("", ":1: is empty"),
    "header only": (HEADER, ":1: has a header but no sites"),
    "missing column": ("id,facility,city,province,country\n1,A,B,C,D\n", ":1: missing column latitude, longitude"),
    "too many fields": (HEADER + ROW.replace("\n", ",extra\n"), ":2: has 10 fields, the header has 9"),
    "too few fields": (HEADER + "1,A,B\n", ":2: has 3 fields"),
    "bad number": (HEADER + ROW.replace("23.1", "north"), ":2: latitude 'north' is not a number"),
    "latitude out of range": (HEADER + ROW.replace("23.1", "123"), ":2: latitude 123 is out of range"),
    "longitude out of range": (HEADER + ROW.replace("113.2", "-181"), ":2: longitude -181 is out of range"),
    "nan": (HEADER + ROW.replace("23.1", "NaN"), ":2: latitude 'NaN' is not a finite number"),
    "inf": (HEADER + ROW.replace("113.2", "inf"), ":2: longitude 'inf' is not a finite number"),
    "one coordinate": (HEADER + ROW.replace("113.2", ""), ":2: has only one of latitude and longitude"),
    "duplicate id": (HEADER + ROW + ROW, ":3: id 1 is used again (first on line 2)"),
    "bad id": (HEADER + ROW.replace("1,A Hospital", "x1,A Hospital"), ":2: id 'x1' is not a whole number from 1 to 9223372036854775807"),
    "zero id": (HEADER + ROW.replace("1,A Hospital", "0,A Hospital"), ":2: id '0' is not a whole number from 1 to 9223372036854775807"),
    "empty facility": (HEADER + ROW.replace("A Hospital", ""), ":2: facility is empty"),
    "bad status": (HEADER + ROW.replace("China,,", "China,open,"), ":2: status 'open' is not a registry status"),
    "bad contacts": (HEADER + ROW.replace('"[{', '"{{'), ":2: contacts is not a JSON list"),
    "bad role": (HEADER + ROW.replace("PRIMARY", "BOSS"), ":2: contact role 'BOSS' is not one of"),
    "contacts not a list": (HEADER + ROW.replace('"[{', '"{').replace('}]"', '}"'), ":2: contacts must be a JSON list"),
    "long contact": (HEADER + ROW.replace("A. Li", "L" * 400), ":2: contact name is 400 characters long; at most 300"),
    "long field": (HEADER + ROW.replace("A Hospital", "H" * 5000), ":2: facility is 5000 characters long"),
    "huge field": (HEADER + ROW.replace("A Hospital", '"' + "H" * 200_000 + '"'), ":2: is not valid CSV"),
    "unterminated quote": (HEADER + '1,"A Hospital\n', ":2: is not valid CSV: unexpected end of data"),
    "stray quote": (HEADER + ROW.replace("A Hospital", '"A" Hospital'), ":2: is not valid CSV"),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_bad_file_is_a_one_line_error_with_file_and_line(tmp_path, cli, case: str) -> None:
    content, expected = BAD_FILES[case]
    path = write(tmp_path, content)
    with pytest.raises(DataFileError) as caught:
        read_sites_file(path)
    assert f"{path}{expected}" in str(caught.value)
    run = cli("list", "--sites", str(path), "--json")
    assert run.exit_code == 1 and run.stdout == ""
    assert run.stderr.startswith(f"Error: {path}") and run.stderr.count("\n") == 1
    assert "Traceback" not in run.stderr


def test_missing_file(tmp_path, cli) -> None:
    run = cli("near", "Beijing", "--sites", str(tmp_path / "nope.csv"))
    assert run.exit_code == 2 and "nope.csv: no such file" in run.stderr  # the option names nothing: usage


def test_directory_instead_of_file(tmp_path, cli) -> None:
    run = cli("list", "--sites", str(tmp_path))
    assert run.exit_code == 2 and "is a directory" in run.stderr


def test_a_datasets_directory_is_its_sites_file(tmp_path, cli) -> None:
    """`import --out DIR` makes a dataset: `--sites DIR` reads it, as DIR/sites.csv does (it was a
    usage error that named the file it knew was meant)."""
    from conftest import CTGOV_STUDY

    assert cli("import", str(CTGOV_STUDY), "--out", str(tmp_path / "trial")).exit_code == 0
    by_file = cli("list", "--json", "--sites", str(tmp_path / "trial" / "sites.csv"))
    by_folder = cli("list", "--json", "--sites", str(tmp_path / "trial"))
    assert by_folder.exit_code == 0 and by_folder.stdout == by_file.stdout and by_file.json()["sites"]
    near = cli("near", "Guangzhou", "--json", env={"SITEFINDER_SITES": str(tmp_path / "trial")})
    assert near.exit_code == 0 and near.json()["sites"]


def test_wrong_encoding_names_the_line(tmp_path) -> None:
    path = write(tmp_path, (HEADER + ROW + ROW.replace("1,A Hospital", "2,Caf\xe9")).encode("latin-1"))
    with pytest.raises(DataFileError, match=r":3: is not UTF-8 \(byte 0xe9\)"):
        read_sites_file(path)


def sparse(path, size: int):
    with path.open("wb") as handle:  # a sparse file: cheap to make, and never read whole
        handle.write(HEADER.encode())
        handle.truncate(size)
    return path


def test_the_size_cap_is_on_memory_not_on_the_file(tmp_path, cli) -> None:
    big = sparse(tmp_path / "big.csv", 100 * 1024 * 1024)
    run = cli("list", "--sites", str(big))  # read row by row into its index: the first bad row is the error
    assert run.exit_code == 1 and "big.csv:2: is not valid CSV" in run.stderr and "MB" not in run.stderr
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the cache directory should be", encoding="utf-8")
    run = cli("list", "--sites", str(big), env={"SITEFINDER_CACHE_DIR": str(blocked)})  # no index: held in memory
    assert run.exit_code == 1 and "is larger than 64 MB" in run.stderr and "split it" in run.stderr
    huge = sparse(tmp_path / "huge.csv", 5 * 1024**3)
    run = cli("list", "--sites", str(huge))
    assert run.exit_code == 1 and "is larger than 4 GB" in run.stderr and "split it" in run.stderr


def test_bom_crlf_blank_lines_and_extra_columns_are_fine(tmp_path) -> None:
    text = (HEADER.replace("contacts", "contacts,notes") + "\n" + ROW.replace("\n", ",hello\n") + "\n")
    path = write(tmp_path, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    data = read_sites_file(path)
    assert [(s.id, s.facility, s.latitude) for s in data.sites] == [(1, "A Hospital", 23.1)]
    assert data.sites[0].contacts[0].name == "A. Li"


def test_the_shipped_file_round_trips(tmp_path) -> None:
    from sitefinder.sitesfile import write_sites_file

    sites = read_sites_file(SHIPPED_SITES).sites
    out = tmp_path / "sites.csv"
    write_sites_file(out, sites)
    assert out.read_bytes() == SHIPPED_SITES.read_bytes()


def test_bad_trial_file_beside_the_sites(tmp_path, cli) -> None:
    path = write(tmp_path, HEADER + ROW)
    (tmp_path / "trial.json").write_text('{"nct_id": "NCT1",\n "enrollment": }', encoding="utf-8")
    run = cli("list", "--sites", str(path))
    assert run.exit_code == 1 and "trial.json:2: is not valid JSON" in run.stderr
    (tmp_path / "trial.json").write_text('{"overall_status": "OPEN"}', encoding="utf-8")
    assert "overall_status 'OPEN' is not a registry status" in cli("list", "--sites", str(path)).stderr


OLD_HEADER = "id,facility,city,province,country,status,latitude,longitude,coordinate_source,contacts\n"
QINGDAO_ROW = '1,A Hospital,Tsingtao,Shandong,China,,36.06,120.38,{source},"[]"\n'


@pytest.mark.parametrize("source", ["GeoNames 1797929 (Qingdao)", "GeoNames:1797929", "geonames #1797929",
                                    "GeoNames id 1797929"])
def test_an_old_file_with_the_geonames_id_only_in_its_source_still_gives_the_id(tmp_path: Path, source: str) -> None:
    site, = read_sites_file(write(tmp_path, OLD_HEADER + QINGDAO_ROW.format(source=source))).sites
    assert site.geonameid == 1797929


def test_a_hand_edited_source_does_not_turn_off_city_matching(tmp_path: Path, cli) -> None:
    path = write(tmp_path, OLD_HEADER + QINGDAO_ROW.format(source="GeoNames:1797929"))
    assert [site["id"] for site in cli("list", "--sites", str(path), "--city", "Qingdao", "--json").json()["sites"]] == [1]


def test_the_geonames_id_has_a_column_of_its_own(tmp_path: Path) -> None:
    header = "id,facility,city,province,country,status,latitude,longitude,coordinate_source,geonameid,contacts\n"
    row = '1,A Hospital,Tsingtao,Shandong,China,,36.06,120.38,hand-checked,1797929,"[]"\n'
    site, = read_sites_file(write(tmp_path, header + row)).sites
    assert site.geonameid == 1797929 and site.coordinate_source == "hand-checked"
    shipped = SHIPPED_SITES.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert "geonameid" in shipped


@pytest.mark.parametrize("value", ["abc", "-3", "1797929.5", "0"])
def test_a_bad_geonames_id_is_an_error_with_file_and_line(tmp_path: Path, value: str) -> None:
    header = "id,facility,city,province,country,status,latitude,longitude,geonameid,contacts\n"
    with pytest.raises(DataFileError, match=r":2: geonameid .* is not"):
        read_sites_file(write(tmp_path, header + f'1,A Hospital,Qingdao,Shandong,China,,36.06,120.38,{value},"[]"\n'))


FULL_HEADER = ("id,facility,city,province,country,status,latitude,longitude,coordinate_precision,"
               "coordinate_source,geonameid,location_note,contacts,nct_id").split(",")
# Rows the index build's quick reader (_FastRow) must read exactly as _parse_row does, or leave to it:
# good ones of every shape, and bad ones of every check (each must come back None, then _parse_row's error).
GOOD_ROWS = [
    ["1", "A", "B", "C", "D", "", "", "", "", "", "", "", "", ""],
    [" 7 ", " A Hospital ", " Jinan ", "Shandong", "China", "not yet recruiting", " 36.6 ", "-117.0", "city",
     "GeoNames: 1805753 (Jinan)", "", " note ", ' [{"name": " A. Li ", "role": "primary", "phone": " 1 "}] ', "nct07010263"],
    ["9223372036854775807", "Ä", "Ürümqi", "新疆", "China", "Active, not recruiting", "+1e1", ".5", "", "", "2147483647",
     "", "[]", "NCT00000001"],
    ["2", "A", "B", "C", "D", "COMPLETED", "-90", "180", "", "GeoNames 123", "", "", "  ", ""],
]
BAD_ROWS = {
    "id zero": ["0"], "id too big": ["9223372036854775808"], "id not ascii": ["２"], "id empty": [""],
    "facility empty": {"facility": " "}, "latitude alone": {"latitude": "23.1", "longitude": ""},
    "longitude alone": {"latitude": "", "longitude": "1"}, "latitude out": {"latitude": "90.01", "longitude": "1"},
    "longitude out": {"latitude": "1", "longitude": "-180.5"}, "nan": {"latitude": "nan", "longitude": "1"},
    "huge": {"latitude": "1e999", "longitude": "1"}, "underscore": {"latitude": "1_0", "longitude": "1"},
    "status": {"status": "open"}, "geonameid": {"geonameid": "0"}, "geonameid text": {"geonameid": "12a"},
    "nct": {"nct_id": "NCT123"}, "contacts json": {"contacts": "[{"}, "contacts shape": {"contacts": '{"name": "A"}'},
    "contact name": {"contacts": '[{"role": "PRIMARY"}]'}, "contact long": {"contacts": f'[{{"name": "{"x" * 301}"}}]'},
    "field long": {"city": "x" * 2001}, "deep": {"contacts": "[" * 100_000},
}


@pytest.mark.parametrize("fields", GOOD_ROWS)
def test_quick_row_reader_reads_good_rows_as_the_full_checks_do(fields: list[str]) -> None:
    from sitefinder.sitesfile import _FastRow, _parse_row

    quick = _FastRow(FULL_HEADER).site(fields)
    assert quick is not None
    assert quick == _parse_row(Path("s.csv"), 2, dict(zip(FULL_HEADER, fields)))


@pytest.mark.parametrize("name", BAD_ROWS)
def test_quick_row_reader_leaves_every_bad_row_to_the_full_checks(name: str) -> None:
    from sitefinder.sitesfile import _FastRow, _parse_row

    change = BAD_ROWS[name]
    fields = list(GOOD_ROWS[0])
    if isinstance(change, list):
        fields[0] = change[0]
    else:
        for column, value in change.items():
            fields[FULL_HEADER.index(column)] = value
    assert _FastRow(FULL_HEADER).site(fields) is None
    with pytest.raises(DataFileError, match=r"s\.csv:2: "):
        _parse_row(Path("s.csv"), 2, dict(zip(FULL_HEADER, fields)))


def test_quick_row_reader_takes_the_last_of_a_repeated_column_as_the_full_checks_do() -> None:
    from sitefinder.sitesfile import _FastRow, _parse_row

    header = ["id", "facility", "city", "province", "country", "latitude", "longitude", "city"]
    fields = ["1", "A", "First", "C", "D", "", "", "Second"]
    quick = _FastRow(header).site(fields)
    assert quick is not None and quick.city == "Second"
    assert quick == _parse_row(Path("s.csv"), 2, dict(zip(header, fields)))


def _record_of(fields: list[str], header: list[str] = FULL_HEADER) -> tuple:
    from sitefinder.sitesfile import _parse_row, site_record

    return site_record(_parse_row(Path("s.csv"), 2, dict(zip(header, fields))))


@pytest.mark.parametrize("batch", [
    GOOD_ROWS,  # placed and not, a GeoNames id given, read from the source, or none
    [GOOD_ROWS[2]] * 3,  # every row placed and with its GeoNames id: each column checked at once
    [GOOD_ROWS[1], GOOD_ROWS[3]],  # every row placed, the ids in the sources
    [GOOD_ROWS[0]] * 2,  # no row placed
])
def test_the_quick_reader_reads_a_batch_as_the_full_checks_read_each_row(batch: list[list[str]]) -> None:
    from sitefinder.sitesfile import _FastRow

    assert _FastRow(FULL_HEADER).records([list(fields) for fields in batch]) == [_record_of(fields) for fields in batch]


def test_the_quick_reader_reads_a_batch_of_a_file_without_the_optional_columns() -> None:
    from sitefinder.sitesfile import _FastRow

    header = ["id", "facility", "city", "province", "country", "latitude", "longitude"]
    batch = [["1", "A", "B", "C", "D", "1.5", "2"], ["2", " E ", "F", "G", "H", "", ""]]
    assert _FastRow(header).records(batch) == [_record_of(fields, header) for fields in batch]


@pytest.mark.parametrize("name", BAD_ROWS)
@pytest.mark.parametrize("where", [0, 2, 4])
@pytest.mark.parametrize("good", [GOOD_ROWS, [GOOD_ROWS[2]] * 4], ids=["mixed", "all placed"])
def test_a_batch_with_any_bad_row_is_left_to_the_row_by_row_reader(name: str, where: int, good: list[list[str]]) -> None:
    from sitefinder.sitesfile import _FastRow

    change = BAD_ROWS[name]
    bad = list(good[-1])
    if isinstance(change, list):
        bad[0] = change[0]
    else:
        for column, value in change.items():
            bad[FULL_HEADER.index(column)] = value
    batch = [list(fields) for fields in good]
    batch.insert(where, bad)
    assert _FastRow(FULL_HEADER).records(batch) is None


def test_a_blank_row_in_a_batch_is_read_row_by_row_and_keeps_its_place(tmp_path: Path) -> None:
    import io

    from sitefinder.sitesfile import SitesReader, _FastRow

    blank = [""] * len(FULL_HEADER)
    batch = [list(GOOD_ROWS[0]), blank, list(GOOD_ROWS[3])]
    assert _FastRow(FULL_HEADER).records(batch) is None
    reader = SitesReader(Path("s.csv"), io.StringIO(",".join(FULL_HEADER) + "\n"))
    assert list(reader.records([(2, batch[0]), (3, blank), (4, batch[2])])) == \
        [_record_of(batch[0]), None, _record_of(batch[2])]


def _spellings(word: str, count: int) -> list[str]:
    """`count` distinct spellings of a status, by the case of each letter."""
    letters = [at for at, ch in enumerate(word) if ch.isalpha()]
    spellings = ["".join(word[at].upper() if at in letters and bit >> letters.index(at) & 1 else word[at]
                         for at in range(len(word))) for bit in range(count)]
    assert len(set(spellings)) == count
    return spellings


def test_the_status_memo_of_batches_stays_bounded_and_right() -> None:
    from sitefinder.sitesfile import _MAX_STATUS_SPELLINGS, _FastRow

    reader = _FastRow(FULL_HEADER)
    spellings = _spellings("not yet recruiting", 3 * _MAX_STATUS_SPELLINGS)
    for start in range(0, len(spellings), _MAX_STATUS_SPELLINGS // 2):
        batch = [["1", "A", "B", "C", "D", text, *[""] * 8] for text in spellings[start:start + _MAX_STATUS_SPELLINGS // 2]]
        records = reader.records(batch)
        assert records is not None and {record[5] for record in records} == {"NOT_YET_RECRUITING"}
        assert len(reader.statuses) <= _MAX_STATUS_SPELLINGS
    # more distinct spellings in one batch than the memo holds: read row by row, as right
    batch = [["1", "A", "B", "C", "D", text, *[""] * 8] for text in spellings[:_MAX_STATUS_SPELLINGS + 1]]
    assert reader.records(batch) is None
    assert [reader.record(fields) for fields in batch] == [_record_of(fields) for fields in batch]


def _contacts_fully_read(text: str) -> str | None:
    """A contacts column's stored text as the full checks make it (json.loads, contact_records), or
    None when they refuse it: what the index build's one-pattern reading must give."""
    import json

    from sitefinder.contacts import contact_records, stored_text

    if not text.strip():
        return ""
    try:
        return stored_text(contact_records(json.loads(text)))
    except (ValueError, RecursionError):
        return None


_SPACES = [chr(code) for code in range(0x110000) if chr(code).isspace()]
_ONE = '[{{"name": "{}", "role": "PRIMARY"}}]'
CONTACT_TEXTS = [
    _ONE.format("A. Li"), _ONE.format("李"), _ONE.format("x" * 300), _ONE.format("x" * 301), _ONE.format(""),
    _ONE.format('A\\"B'), _ONE.format('A\\\\B'), _ONE.format("A\\u0042"), _ONE.format("A\u2028B"), _ONE.format("A\x7fB"),
    *[_ONE.format(f"{space}A") for space in _SPACES], *[_ONE.format(f"A{space}") for space in _SPACES],
    *[_ONE.format(f"A{space}B") for space in _SPACES],
    '[{"name": "A", "role": "primary"}]', '[{"name": "A"}]', '[{"role": "PRIMARY", "name": "A"}]',
    '[{"name": "A", "role": "HEAD"}]', '[{"name": "A", "role": "PRIMARY", "phone": ""}]',
    '[{"name": "A", "role": "PRIMARY", "phone": "1", "email": "a@b"}]',
    '[{"name": "A", "role": "PRIMARY", "email": "a@b", "phone": "1"}]',
    '[{"name": "A", "role": "PRIMARY", "phone": "1", "phone": "2"}]',
    '[{"name": "A", "name": "B", "role": "PRIMARY"}]', '[{"name": "A", "role": "PRIMARY", "fax": "1"}]',
    '[{"name": "A", "role": "PRIMARY", "phone_ext": "9", "phone_international": "+86 1", "phone_national": "01"}]',
    '[{"name": "A", "role": "BACKUP"}, {"name": "B", "role": "CONTACT"}]', '[{"name": "A", "role": "BACKUP"},{"name": "B", "role": "CONTACT"}]',
    '[{"name":"A","role":"PRIMARY"}]', ' [{"name": "A", "role": "PRIMARY"}]', '[{"name": "A", "role": "PRIMARY"}] ',
    '[]', ' [] ', '', '  ', '[{"name": "A", "role": "PRIMARY"}', '{"name": "A", "role": "PRIMARY"}', "[" * 10_000,
]


@pytest.mark.parametrize("text", CONTACT_TEXTS)
def test_a_contacts_text_is_stored_as_the_full_checks_store_it(text: str) -> None:
    from sitefinder.contacts import stored_texts

    full = _contacts_fully_read(text)
    assert stored_texts([text]) == (None if full is None else [full])
    assert stored_texts([text, _ONE.format("B")]) == (None if full is None else [full, _ONE.format("B")])


_CONTACT_CHARS = st.sampled_from(["A", "z", " ", "\u00a0", "\u3000", "\x85", "\u2028", '"', "\\", "\x1f", "\t", "李", "é"])
_CONTACT_VALUES = st.text(_CONTACT_CHARS, max_size=4) | st.sampled_from(["x" * 299, "x" * 300, "x" * 301]) | st.integers()
_CONTACT_KEYS = st.sampled_from(["name", "role", "phone", "phone_ext", "email", "phone_international", "phone_national", "fax"])


@given(st.lists(st.dictionaries(_CONTACT_KEYS, _CONTACT_VALUES | st.sampled_from(["PRIMARY", "primary", "CONTACT", "BOSS"]),
                                max_size=5), max_size=3),
       st.sampled_from([(", ", ": "), (",", ":"), (", ", ":")]), st.booleans())
@settings(max_examples=400, deadline=None)
def test_any_contacts_text_is_stored_as_the_full_checks_store_it(items: list[dict], separators: tuple[str, str],
                                                                  ascii_only: bool) -> None:
    import json

    from sitefinder.contacts import stored_texts

    text = json.dumps(items, separators=separators, ensure_ascii=ascii_only)
    full = _contacts_fully_read(text)
    assert stored_texts([text]) == (None if full is None else [full])
