"""Values as the department writes them: words to codes, numbers in the file's own convention, below detection."""

import pytest

from industry.files import values


@pytest.mark.parametrize(("written", "expected"), [
    ("Đang hoạt động", "operating"), ("đang hoat dong", "operating"), ("Đang đầu tư xây dựng hạ tầng", "under_construction"),
    ("Đã có quyết định thành lập", "planned"), ("Quy hoạch", "planned"), ("", None),
])
def test_status_words(written, expected):
    assert values.code("status", written, "sites") == expected


def test_an_unknown_word_is_said_not_guessed():
    with pytest.raises(values.Unreadable):
        values.code("status", "Tạm dừng", "sites")


@pytest.mark.parametrize(("written", "expected"), [("Có", True), ("x", True), ("X", True), ("✓", True), ("", False),
                                                   (None, False), ("Không", False), ("co", True)])
def test_yes_as_offices_mark_it(written, expected):
    assert values.yes(written) is expected


def test_the_files_own_convention_reads_every_number():
    column = ["15,59", "1.200", "3", "247,8"]
    assert values.convention(column) == "comma"
    assert [values.number(v, "comma") for v in column] == [15.59, 1200.0, 3.0, 247.8]
    english = ["15.59", "1,200", "3"]
    assert values.convention(english) == "point"
    assert [values.number(v, "point") for v in english] == [15.59, 1200.0, 3.0]
    assert values.convention(["1.200", "3"]) is None  # nothing tells: the caller uses the file's other columns
    assert values.number(12.5) == 12.5 and values.number("") is None
    with pytest.raises(values.Unreadable):
        values.number("1,2,3", "comma")


@pytest.mark.parametrize(("written", "value", "qualifier"), [
    ("<0,5", 0.5, "below"), ("< 0,5", 0.5, "below"), ("KPH", None, "not_detected"), ("kph", None, "not_detected"),
    ("12,3", 12.3, None), (7, 7.0, None),
])
def test_monitoring_results(written, value, qualifier):
    assert values.measured(written) == values.Measured(value, qualifier)
