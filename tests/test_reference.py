import unicodedata

from industry.data.reference import Reference

REF = Reference()


def test_split_commune_prefers_the_successor_that_kept_the_name():
    # Xã Bát Tràng (Gia Lâm) was split between three new units; one of them is Xã Bát Tràng.
    assert REF.resolve("Xã Bát Tràng", "Huyện Gia Lâm").codes == ("00577",)


def test_hint_with_its_own_district_in_brackets():
    res = REF.resolve("Phùng Xá; Thị trấn Quốc Oai (Huyện Quốc Oai)", "Huyện Thạch Thất")
    assert res.precision == "commune"
    assert len(res.codes) >= 1


def test_district_of_the_hint_disambiguates_repeated_old_names():
    # "Liên Hà" existed in Đông Anh and in Đan Phượng.
    dong_anh = REF.resolve("Liên Hà", "Huyện Đông Anh").codes
    dan_phuong = REF.resolve("Liên Hà", "Huyện Đan Phượng").codes
    assert set(dong_anh).isdisjoint(dan_phuong)


def test_unknown_commune_falls_back_to_the_district_then_the_city():
    res = REF.resolve("Sài Đồng", "Quận Long Biên")  # merged before 2025: not in the conversion table
    assert res.precision == "district" and len(res.codes) > 1
    assert REF.resolve(None, None).precision == "city"
    assert len(REF.resolve(None, None).codes) == 126


def test_reference_text_is_nfc():
    for row in REF.sites + REF.villages + REF.conversion:
        for value in row.values():
            if value:
                assert unicodedata.is_normalized("NFC", value)
