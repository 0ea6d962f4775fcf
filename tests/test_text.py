import unicodedata

from industry.core.text import fold, nfc, sort_key, strip_unit


def test_fold_removes_diacritics_and_maps_d_stroke():
    assert fold("Đông Anh") == "dong anh"
    assert fold("Bát Tràng") == "bat trang"
    assert fold("  ĐỐNG   ĐA ") == "dong da"


def test_fold_treats_old_and_new_tone_placement_as_equal():
    assert fold("Hòa Lạc") == fold("Hoà Lạc")
    assert fold("Thụy Lâm") == fold("Thuỵ Lâm")


def test_fold_handles_decomposed_input():
    assert fold(unicodedata.normalize("NFD", "Bát Tràng")) == "bat trang"


def test_nfc_normalises_and_trims():
    decomposed = unicodedata.normalize("NFD", "Ứng Hòa")
    assert nfc(f"  {decomposed}\t") == "Ứng Hòa"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))
    assert nfc(None) is None


def test_strip_unit():
    assert strip_unit("Thị trấn Quang Minh") == "Quang Minh"
    assert strip_unit("Xã Bát Tràng") == "Bát Tràng"
    assert strip_unit("Phường Ba Đình") == "Ba Đình"
    assert strip_unit("Huyện Đông Anh") == "Đông Anh"


def test_vietnamese_sort_order():
    names = ["Đông Anh", "Dương Hoà", "Ba Vì", "Ứng Hòa", "Ô Diên", "Ân Thi", "Uy Nỗ", "Bát Tràng", "An Khánh"]
    assert sorted(names, key=sort_key) == [
        "An Khánh", "Ân Thi", "Ba Vì", "Bát Tràng", "Dương Hoà", "Đông Anh", "Ô Diên", "Uy Nỗ", "Ứng Hòa",
    ]


def test_letters_decide_before_tones():
    """Sorted by code point these read "Bình Minh, Bình Phú, Bích Hòa, Bắc Từ Liêm"; tones only break ties."""
    names = ["Bình Minh", "Bình Phú", "Bích Hòa", "Bắc Từ Liêm", "Bát Tràng", "Bạch Mai", "Ba Vì", "Bà Vì", "Ba Đình"]
    assert sorted(names, key=sort_key) == [
        "Ba Đình", "Ba Vì", "Bà Vì", "Bạch Mai", "Bát Tràng", "Bắc Từ Liêm", "Bích Hòa", "Bình Minh", "Bình Phú",
    ]


def test_the_sort_is_duckdbs_vietnamese_collation_over_every_name(con):
    """Python's sort (lists built in pandas) and SQL's ``collate vi`` (lists ordered in DuckDB) agree."""
    for table, column in (("communes", "name_vi"), ("sites", "name_vi"), ("craft_villages", "name_vi"),
                          ("commune_predecessors", "old_name")):
        names = [r[0] for r in con.execute(f"select distinct {column} from {table} where {column} is not null").fetchall()]
        in_sql = [r[0] for r in con.execute(
            f"select distinct {column} as n from {table} where {column} is not null order by n collate vi").fetchall()]
        assert sorted(names, key=sort_key) == in_sql, table
