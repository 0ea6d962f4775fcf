"""Checking sheets against the templates: converters, every kind of bad value, old addresses."""

import datetime as dt
from pathlib import Path

import pytest

from industry.core.i18n import Translator
from industry.files import importer, validation

FIXTURES = Path(__file__).parent / "fixtures" / "import_"


@pytest.mark.parametrize("text, number", [
    ("105.878366", 105.878366), ("21,03", 21.03), ("1.234.567", 1234567), ("1,234,567", 1234567),
    ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("1 234", 1234), ("-2.1", -2.1), (3, 3.0), (2.5, 2.5),
    ("105.787", 105.787),
])
def test_numbers_as_offices_write_them(text, number):
    assert validation.to_number(text) == pytest.approx(number)


@pytest.mark.parametrize("text", ["abc", "1,2,3", "", "nan", "inf", True])
def test_not_numbers(text):
    with pytest.raises(validation.BadValue):
        validation.to_number(text)


@pytest.mark.parametrize("value, date", [
    ("2023-03-01", dt.date(2023, 3, 1)), ("01/03/2023", dt.date(2023, 3, 1)), ("1.3.2023", dt.date(2023, 3, 1)),
    ("2023-03-01 00:00:00", dt.date(2023, 3, 1)), (dt.datetime(2023, 3, 1, 8), dt.date(2023, 3, 1)),
    (44986, dt.date(2023, 3, 1)), ("44986", dt.date(2023, 3, 1)),  # Excel serial numbers, also stored as text
])
def test_dates_iso_vietnamese_and_excel(value, date):
    assert validation.to_date(value) == date


@pytest.mark.parametrize("value", ["31/02/2023", "2023-13-01", "March 2023", "1.5", 0])
def test_not_dates(value):
    with pytest.raises(validation.BadValue):
        validation.to_date(value)


@pytest.mark.parametrize("value, result", [("có", True), ("Không", False), ("TRUE", True), ("0", False), (1, True), ("x", True)])
def test_booleans_in_both_languages(value, result):
    assert validation.to_boolean(value) is result


def test_integers_refuse_fractions_and_accept_numbers_stored_as_text():
    assert validation.to_integer("2012") == 2012 and validation.to_integer(2012.0) == 2012
    for bad in ("12.5", "năm 2012", 12.5):
        with pytest.raises(validation.BadValue):
            validation.to_integer(bad)


def test_text_is_nfc_and_an_exported_formula_guard_is_removed():
    assert validation.to_text("Cu\u0323m") == "Cụm"
    assert validation.to_text("'=1+1") == "=1+1"
    assert validation.to_text(475.0) == "475"


def _check(folder: str, base=None):
    return importer.check(importer.files_in([FIXTURES / folder]), base, today=dt.date(2026, 11, 23))


@pytest.mark.parametrize("folder", ["utf8", "utf8_bom", "utf16", "cp1258", "nfd", "semicolon_decimal_comma"])
def test_the_same_site_in_every_encoding_reads_the_same(folder):
    checked = _check(f"good/{folder}")
    assert checked.ok, [p.line(Translator("en")) for p in checked.problems.listed()]
    row = checked.tables["sites"].iloc[0]
    assert row["name_vi"] == "Cụm công nghiệp Thư Lâm"
    assert row["lon"] == pytest.approx(105.878366) and row["lat"] == pytest.approx(21.165561)
    assert row["area_ha"] == pytest.approx(65.5)
    assert row["is_demo"] is False and row["location_precision"] == "commune"


def test_an_old_address_is_mapped_with_the_conversion_table():
    checked = _check("good/old_address")
    assert checked.ok
    row = checked.tables["enterprises"].iloc[0]
    assert row["commune_code"] == "00454"  # Xã Cổ Loa (Huyện Đông Anh) went whole into Xã Đông Anh
    assert row["supporting_industry"] is True


def test_a_split_old_unit_is_never_guessed():
    checked = _check("bad/split_old_address")
    (problem,) = checked.problems.listed()
    assert (problem.file, problem.row, problem.column, problem.code) == ("enterprises.csv", 2, "commune_code", "old_address_split")
    message = problem.message(Translator("en"))
    assert "Đông Anh (00454)" in message and "Thư Lâm (00475)" in message


def test_problems_beyond_the_first_few_of_a_column_are_counted_not_dropped():
    header = "enterprise_id,name,commune_code,sector,supporting_industry,size,founded_year\n"
    rows = "".join(f"{i},A,00454,other,maybe,small,2010\n" for i in range(1, 101))
    checked = importer.check([("enterprises.csv", (header + rows).encode())])
    assert len(checked.problems) == 100
    listed = checked.problems.listed()
    assert listed[-1].code == "more" and listed[-1].params["count"] == 100 - 25


def test_an_english_name_left_out_is_an_empty_text_not_a_missing_value():
    """title_en and name_en may be left out (the pages show the Vietnamese name then), but the database requires a
    text: the template's default, an empty text, is what is loaded."""
    header = "activity_id,programme,year,kind,title_vi,status\n"
    checked = importer.check([("promotion_activities.csv",
                               (header + "KC-1,industrial_promotion_2021_2025,2025,training,Tập huấn,completed\n").encode())])
    assert checked.ok, [p.code for p in checked.problems.listed()]
    assert checked.tables["promotion_activities"]["title_en"].tolist() == [""]


def _enterprises_with_addresses(*addresses: str):
    header = "enterprise_id,name,address,sector,supporting_industry,size,founded_year\n"
    rows = "".join(f'{i},Công ty {i},"{a}",other,false,small,2010\n' for i, a in enumerate(addresses, start=1))
    return importer.check([("enterprises.csv", (header + rows).encode())])


def test_one_address_column_instead_of_commune_code():
    """The register's own address column: resolved as the converter resolves it, the row kept."""
    checked = _enterprises_with_addresses("Số 3, thôn 2, xã Phú Nghĩa, huyện Chương Mỹ, Hà Nội",
                                          "Lô 7, CCN Bát Tràng, Xã Bát Tràng, Hà Nội")
    assert checked.ok, [p.line(Translator("en")) for p in checked.problems.listed()]
    assert list(checked.tables["enterprises"]["commune_code"]) == ["10030", "00577"]


def test_an_address_that_is_not_one_commune_refuses_its_row_with_every_candidate():
    checked = _enterprises_with_addresses("P. Dịch Vọng Hậu, Q. Cầu Giấy", "xã Kim Chung", "Huyện Gia Lâm",
                                          "Quận 1, TP Hồ Chí Minh", "abc", "Xã Bát Tràng, Hà Nội")
    assert not checked.ok
    en = Translator("en")
    found = {p.row: p for p in checked.problems.listed()}
    assert sorted(found) == [2, 3, 4, 5, 6]  # the sixth address is fine; the import is all or nothing
    assert found[2].code == "old_address_split" and "(00160)" in found[2].message(en) and "(00166)" in found[2].message(en)
    assert found[3].code == "old_address_ambiguous" and "Huyện Đông Anh" in found[3].message(en)
    assert all(f"({c})" in found[3].message(en) for c in ("00493", "00508", "00613", "09832"))
    assert found[4].code == "address_district_only" and "(00577)" in found[4].message(en)
    assert found[5].code == "address_other_province" and "Hồ Chí Minh" in found[5].message(en)
    assert found[6].code == "address_unknown"
    assert {p.column for p in found.values()} == {"address", "commune_code"}
    assert found[5].value == "Quận 1, TP Hồ Chí Minh"
