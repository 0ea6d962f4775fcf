"""Addresses as offices write them, to the new commune: every unit of the official table, every way of writing it."""

from __future__ import annotations

import io
import subprocess
import sys
import unicodedata
from collections import defaultdict

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

from industry.core.text import fold
from industry.data import addresses
from industry.data.reference import Reference
from industry.files import address_lists
from tests.conftest import ROOT

REF = Reference()
NEW = {r["code"]: r for r in REF.commune_list}
SUCCESSORS: dict[str, set[str]] = defaultdict(set)
UNITS: dict[str, dict] = {}
for _row in REF.conversion:
    SUCCESSORS[_row["old_code"]].add(_row["new_code"])
    UNITS.setdefault(_row["old_code"], _row)
SPLIT = sorted(c for c, s in SUCCESSORS.items() if len(s) > 1)
WHOLE = sorted(c for c, s in SUCCESSORS.items() if len(s) == 1)
SHORT = {"Phường": "P.", "Xã": "X.", "Thị trấn": "TT.", "Quận": "Q.", "Huyện": "H.", "Thị xã": "TX."}


def resolve(text):
    return addresses.resolve(text)


def short(name: str) -> str:
    for word, abbreviation in SHORT.items():
        if name.startswith(word + " "):
            return abbreviation + " " + name[len(word) + 1:]
    return name


def test_the_table_has_split_and_whole_units():
    assert len(UNITS) == 526 and len(SPLIT) == 198 and len(WHOLE) == 328


def test_every_new_commune_written_in_the_new_form_is_that_commune(no_network):
    for code, row in NEW.items():
        for text in (f"{row['full_name']}, Hà Nội", f"{row['full_name']}, Thành phố Hà Nội", row["full_name"]):
            got = resolve(text)
            assert (got.code, got.match, got.name) == (code, "new", row["full_name"]), text
            assert got.candidates == (code,)


@pytest.mark.parametrize("form", ["full", "short", "folded", "upper", "nfd", "dashes", "spaces", "bare_district"])
def test_every_former_unit_with_its_district_goes_through_the_table(form, no_network):
    """All 526 former units of the official table: the one commune of a unit taken in whole; every commune of a
    split unit, and none of them alone."""
    for old_code, unit in UNITS.items():
        name, district = unit["old_name"], unit["old_district"]
        text = {
            "full": f"{name}, {district}, Hà Nội",
            "short": f"{short(name)}, {short(district)}, TP. Hà Nội",
            "folded": fold(f"{name}, {district}"),
            "upper": f"{name.upper()}, {district.upper()}, HN",
            "nfd": unicodedata.normalize("NFD", f"{name}, {district}"),
            "dashes": f"{name} - {district} - Hà Nội",
            "spaces": fold(f"{name} {district} ha noi"),
            "bare_district": f"{name}, {district.split(' ', 1)[1] if not district.startswith('Thị xã') else 'Sơn Tây'}",
        }[form]
        got = resolve(text)
        expected = SUCCESSORS[old_code]
        if form in ("folded", "spaces"):  # without diacritics, names that fold alike are all candidates
            same = {c for c, u in UNITS.items() if fold(u["old_name"]) == fold(name)
                    and fold(u["old_district"]) == fold(district)}
            expected = set().union(*(SUCCESSORS[c] for c in same))
        assert set(got.candidates) == expected, (text, got)
        if len(expected) == 1:
            assert got.code == next(iter(expected)) and got.match in ("old_whole", "old_several"), (text, got)
        else:
            assert got.code is None and got.match in ("old_split", "old_several"), (text, got)


def test_the_part_that_matched_is_shown_as_written():
    got = resolve("Số 12, ngõ 34, đường Ngọc Hà, P. Đội Cấn, Q. Ba Đình, Hà Nội")
    assert got.matched == "P. Đội Cấn, Q. Ba Đình"
    assert got.match == "old_split" and got.code is None
    assert set(got.candidates) == SUCCESSORS[next(c for c, u in UNITS.items() if u["old_name"] == "Phường Đội Cấn")]


@pytest.mark.parametrize("text", [
    "Số 5, ngõ 2, P. Dịch Vọng Hậu, Q. Cầu Giấy, HN",
    "Số 5 ngõ 2 phố Trần Thái Tông, phường Dịch Vọng Hậu, quận Cầu Giấy, thành phố Hà Nội, Việt Nam",
    "P.Dịch Vọng Hậu - Q.Cầu Giấy",
    "F. Dich Vong Hau, Cau Giay, Ha Noi",
    "PHƯỜNG DỊCH VỌNG HẬU QUẬN CẦU GIẤY",
    "Phường Dịch Vọng Hậu, Cầu Giấy, TP Hà Nội",
])
def test_the_same_former_ward_however_it_is_written(text):
    got = resolve(text)
    expected = SUCCESSORS[next(c for c, u in UNITS.items() if u["old_name"] == "Phường Dịch Vọng Hậu")]
    assert set(got.candidates) == expected and got.match == "old_split", (text, got)


@pytest.mark.parametrize("ending", ["", ", Hà Nội", ", TP Hà Nội", ", Thành phố Hà Nội", ", HN", ", Việt Nam",
                                    ", Hà Nội, Việt Nam", " Hà Nội"])
def test_every_ending_of_the_city(ending):
    got = resolve("Thôn 3, xã Phú Nghĩa, huyện Chương Mỹ" + ending)
    assert (got.code, got.match) == ("10030", "old_whole"), got


def test_a_district_without_its_unit_word():
    assert resolve("Xã Phú Nghĩa, Chương Mỹ, Hà Nội").code == "10030"
    whole = resolve("Gia Lâm, Hà Nội")  # a former district alone: its communes, none chosen
    assert whole.match == "district_only" and whole.code is None and "00577" in whole.candidates


def test_a_former_name_in_two_districts_without_its_district_gives_both():
    kim_chung = [c for c, u in UNITS.items() if u["old_name"] == "Xã Kim Chung"]
    assert len({UNITS[c]["old_district"] for c in kim_chung}) == 2
    got = resolve("xã Kim Chung, Hà Nội")
    assert got.match == "old_several" and got.code is None
    assert set(got.candidates) == set().union(*(SUCCESSORS[c] for c in kim_chung))
    one = resolve("xã Kim Chung, huyện Hoài Đức")
    assert set(one.candidates) == SUCCESSORS[next(c for c in kim_chung if "Hoài Đức" in UNITS[c]["old_district"])]


def test_diacritics_tell_apart_names_that_fold_alike():
    van = {u["old_name"]: c for c, u in UNITS.items() if fold(u["old_name"]) == "xa van phuc"}
    assert set(van) == {"Xã Vạn Phúc", "Xã Vân Phúc"}
    assert set(resolve("Xã Vân Phúc").candidates) == SUCCESSORS[van["Xã Vân Phúc"]]
    assert set(resolve("Xã Vạn Phúc").candidates) == SUCCESSORS[van["Xã Vạn Phúc"]]
    assert set(resolve("xa van phuc").candidates) == SUCCESSORS[van["Xã Vân Phúc"]] | SUCCESSORS[van["Xã Vạn Phúc"]]


def test_tone_placement_is_one_spelling():
    assert resolve("Xã Ứng Hoà, Hà Nội").code == resolve("Xã Ứng Hòa, Hà Nội").code == "10402"


@pytest.mark.parametrize("text", ["Số 1 đường Ngọc Hà, Hà Nội", "thôn Đông, Hà Nội", "CCN Phú Nghĩa",
                                  "Cụm công nghiệp Phú Nghĩa, Hà Nội", "Làng Vạn Phúc", "Ngõ Bát Tràng"])
def test_a_street_hamlet_or_cluster_named_like_a_unit_decides_nothing(text):
    got = resolve(text)
    assert got.code is None and got.candidates == () and got.match == "not_found", (text, got)


def test_a_street_before_the_unit_does_not_change_the_unit():
    got = resolve("Lô 5, CCN Phú Nghĩa, đường Ngọc Hà, xã Phú Nghĩa, huyện Chương Mỹ")
    assert (got.code, got.matched) == ("10030", "xã Phú Nghĩa, huyện Chương Mỹ")


@pytest.mark.parametrize("text", ["Quận 1, TP Hồ Chí Minh", "Phường 12, Quận 3, TP.HCM", "Thành phố Bắc Ninh, tỉnh Bắc Ninh",
                                  "Thị xã Từ Sơn, Bắc Ninh"])
def test_another_province_is_said(text):
    got = resolve(text)
    assert got.match == "other_province" and got.code is None, (text, got)


@pytest.mark.parametrize("text", ["", "   ", "abc xyz", "Số 12", "Hà Nội", "Việt Nam", "xã Không Có, huyện Nào Đó"])
def test_nothing_recognisable_gives_no_commune_and_says_so(text):
    got = resolve(text)
    assert got.code is None and got.candidates == () and got.match == "not_found", (text, got)


def test_a_new_name_straight_under_the_city_is_the_new_commune_not_the_former_unit():
    """Phường Ngọc Hà exists now, and was a ward that was split: written straight under the city it is the new one."""
    assert resolve("Phường Ngọc Hà, Hà Nội").code == "00008"
    assert resolve("Phường Ngọc Hà, Quận Ba Đình").code is None


# --- the command line -------------------------------------------------------------------------------------------

ROWS = [("Công ty A", "Số 5, ngõ 2, P. Dịch Vọng Hậu, Q. Cầu Giấy, HN", "x"), ("Công ty B", "Xã Bát Tràng, Hà Nội", ""),
        ("Công ty C", "Quận 1, TP Hồ Chí Minh", ""), ("Công ty D", "xa kim chung", ""), ("Công ty E", "", "trống")]


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "industry.addresses", *map(str, args)], cwd=ROOT,
                          capture_output=True, timeout=60)


def written_csv(rows, encoding="utf-8", delimiter=",", nfd=False) -> bytes:
    text = "\n".join(delimiter.join(r) for r in [("Tên doanh nghiệp", "Địa chỉ", "Ghi chú"), *rows]) + "\n"
    if nfd:
        text = unicodedata.normalize("NFD", text)
    if encoding == "cp1258":  # as an older office PC saves it: base letters with combining tone marks
        from tests.fixtures.import_.make import cp1258

        return cp1258(text)
    return text.encode(encoding)


@pytest.mark.parametrize(("encoding", "delimiter", "nfd"), [("utf-8-sig", ",", False), ("cp1258", ";", False),
                                                            ("utf-16", "\t", False), ("utf-8", ";", True)])
def test_the_command_keeps_every_row_and_column_and_adds_the_commune(tmp_path, encoding, delimiter, nfd):
    rows = [tuple(v.replace(delimiter, " ") if delimiter != "," else v for v in r) for r in ROWS]
    if delimiter == ",":
        rows = [tuple(f'"{v}"' for v in r) for r in ROWS]
    source = tmp_path / "danh_sach.csv"
    source.write_bytes(written_csv(rows, encoding, delimiter, nfd))
    out = tmp_path / "ket_qua.csv"
    done = run_cli(source, "--column", "Địa chỉ", "--out", out)
    assert done.returncode == 0, done.stderr.decode()
    assert out.read_bytes().startswith("\ufeff".encode())
    table = pd.read_csv(out, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(table.columns) == ["Tên doanh nghiệp", "Địa chỉ", "Ghi chú", *address_lists.ADDED]
    assert list(table["Tên doanh nghiệp"]) == [r[0] for r in ROWS]
    assert list(table["Ghi chú"]) == [r[2] for r in ROWS]
    assert list(table["match"]) == ["old_split", "new", "other_province", "old_several", "not_found"]
    assert list(table["commune_code"]) == ["", "00577", "", "", ""]
    assert list(table["commune_name"]) == ["", "Xã Bát Tràng", "", "", ""]
    assert table["candidates"][0] == ";".join(sorted(resolve(ROWS[0][1]).candidates))
    summary = done.stderr.decode()
    assert "5 rows: 1 resolved" in summary and "1 in a split" in summary and "1 not found" in summary


def test_the_command_reads_and_writes_excel(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Doanh nghiệp"
    ws.append(["STT", "Tên", "Địa chỉ trụ sở"])
    for i, (name, address, _) in enumerate(ROWS, start=1):
        ws.append([i, name, address])
    source = tmp_path / "dn.xlsx"
    wb.save(source)
    out = tmp_path / "dn_moi.xlsx"
    done = run_cli(source, "--column", "dia chi tru so", "--out", out, "--lang", "vi")  # the header without diacritics
    assert done.returncode == 0, done.stderr.decode()
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("STT", "Tên", "Địa chỉ trụ sở", *address_lists.ADDED)
    assert rows[2][3:] == ("00577", "Xã Bát Tràng", None, "new")
    assert [r[0] for r in rows[1:]] == [1, 2, 3, 4, 5]
    assert "5 dòng" in done.stderr.decode()


def test_the_command_writes_to_standard_output_without_out(tmp_path):
    source = tmp_path / "a.csv"
    source.write_bytes(written_csv([tuple(f'"{v}"' for v in r) for r in ROWS[:2]]))
    done = run_cli(source, "--column", "Địa chỉ")
    assert done.returncode == 0
    table = pd.read_csv(io.BytesIO(done.stdout), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(table["commune_code"]) == ["", "00577"]


def test_a_missing_column_or_an_unreadable_file_exits_2_and_says_why(tmp_path):
    source = tmp_path / "a.csv"
    source.write_bytes(written_csv(ROWS[:1]))
    done = run_cli(source, "--column", "Address")
    assert done.returncode == 2
    assert "Address" in done.stderr.decode() and "Tên doanh nghiệp, Địa chỉ, Ghi chú" in done.stderr.decode()
    assert run_cli(tmp_path / "missing.csv", "--column", "x").returncode == 2
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    done = run_cli(broken, "--column", "x")
    assert done.returncode == 2 and done.stderr
    binary = tmp_path / "photo.csv"
    binary.write_bytes(bytes(range(256)) * 10)
    assert run_cli(binary, "--column", "x").returncode == 2


def test_an_added_column_never_overwrites_the_lists_own():
    data = written_csv([("A", "Xã Bát Tràng", "")]).replace("Ghi chú".encode(), b"match")
    converted = address_lists.convert("a.csv", data, "Địa chỉ")
    assert list(converted.table.columns) == ["Tên doanh nghiệp", "Địa chỉ", "match_0", *address_lists.ADDED]


@pytest.mark.parametrize(("text", "chain"), [
    ("Kim Lan", ("Xã Kim Lan", "Xã Kim Đức")),
    ("thôn 3, xã Kim Lan, huyện Gia Lâm, Hà Nội", ("Xã Kim Lan", "Xã Kim Đức")),
    ("xa Van Duc, Gia Lam", ("Xã Văn Đức", "Xã Kim Đức")),
])
def test_a_name_merged_before_july_2025_leads_through_the_unit_it_joined(text, chain):
    """Kim Lan joined Kim Đức on 1/1/2025 (Resolution 1286/NQ-UBTVQH15), which went whole into Xã Bát Tràng."""
    place = addresses.resolve(text)
    assert (place.match, place.code, place.name) == ("old_whole", "00577", "Xã Bát Tràng"), place
    assert tuple(unit for unit, _district in place.former) == chain


def test_an_earlier_merger_into_a_split_unit_gives_every_candidate():
    place = addresses.resolve("Xã Phú Thị, Huyện Gia Lâm")  # into Phú Sơn (2025), split in July 2025
    assert place.match == "old_split" and place.code is None and len(place.candidates) == 2


def test_every_earlier_merger_has_its_resolution_and_source():
    import csv

    from industry.core import paths

    rows = list(csv.DictReader((paths.ROOT / "data" / "geo" / "hanoi_earlier_mergers.csv").open(encoding="utf-8")))
    assert len(rows) >= 20
    for r in rows:
        assert r["resolution"] == "1286/NQ-UBTVQH15" and r["effective"] == "01/01/2025", r
        assert r["source_url"].startswith("http"), r


def test_a_commune_named_outranks_a_bare_district_name_that_is_also_a_wards():
    """"thôn Đông, xã Tây Tựu, Từ Liêm": Từ Liêm is the former district's name (and Phường Từ Liêm's now); the
    commune named decides, and xã Tây Tựu was split, so the reader is asked, as for "xã Tây Tựu" alone."""
    both, alone = addresses.resolve("thôn Đông, xã Tây Tựu, Từ Liêm"), addresses.resolve("xã Tây Tựu")
    assert both.code is None and both.match == alone.match == "old_split"
    assert both.candidates == alone.candidates and "00592" not in both.candidates  # not Phường Từ Liêm


def test_an_address_that_names_a_site_the_dashboard_knows_is_placed_where_the_site_is(demo_db):
    import duckdb

    from industry.data import metrics

    with duckdb.connect(str(demo_db), read_only=True) as con:
        places = addresses.place_index(metrics.named_places(con)[["name_vi", "commune_code"]].itertuples(index=False))
    for text in ("Cum CN Phu Nghia, Chuong My", "CCN Phú Nghĩa, Chương Mỹ", "Lô 5, KCN Phú Nghĩa, huyện Chương Mỹ"):
        place = addresses.at_named_site(addresses.resolve(text), places)
        assert (place.match, place.code, place.name) == ("site", "10030", "Xã Phú Nghĩa"), (text, place)
    # the units named disagree with the site: asked, never placed by the site
    assert addresses.at_named_site(addresses.resolve("CCN Phú Nghĩa, Gia Lâm"), places).match == "district_only"
    # a site placed only within its district (demonstration location) places nothing
    assert "thang long" not in places


def test_a_list_reads_the_same_with_its_answers_kept_and_the_bench_measures_it():
    """The list's addresses are read through the kept answers (an office's list repeats its streets and communes):
    the same rows as reading each one afresh; python -m industry.addressbench times the command on such a list."""
    from industry.data import addresses as one
    from industry.files import address_lists
    from industry.tools import address_bench

    listed = address_bench.addresses(3000, seed=7)
    data = ("Địa chỉ\n" + "\n".join(f'"{a}"' for a in listed)).encode("utf-8")
    kept = address_lists.convert("list.csv", data, "Địa chỉ")
    afresh = address_lists.convert("list.csv", data, "Địa chỉ", gazetteer=one.gazetteer())
    assert kept.table.equals(afresh.table)
    assert kept.counts["old_whole"] > 800 and kept.counts["old_split"] > 0 and kept.counts["district_only"] > 0
    assert kept.counts["not_found"] == 0
    result = address_bench.measure(500, {"this": ROOT}, rounds=1)
    assert result["this"]["rate"] > 0 and 0 < result["this"]["rss_mb"] < 500
    assert "addresses a second after start-up" in address_bench.report(result, 500, 1)
