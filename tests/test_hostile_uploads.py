"""Two hundred malformed uploads, generated: each refused with a message, nothing changed, memory bounded."""

from __future__ import annotations

import codecs
import hashlib
import io
import random
import shutil
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from industry.core.i18n import Translator
from industry.files import importer

SITE_HEADER = "site_id,kind,name_vi,name_en,commune_code,lon,lat,area_ha,status,opened_year,craft_village_cluster,source"
SITE = "CCN-X-{i},cluster,Cụm công nghiệp {i},Cluster {i},00475,105.878366,21.165561,65.5,operating,2015,false,S"
TYPED = {4: "commune_code", 5: "lon", 6: "lat", 8: "status", 9: "opened_year", 1: "kind", 7: "area_ha"}


def _xlsx(rows: list[list], sheet: str = "sites", formula: str | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    if formula:
        ws["F2"] = formula  # a formula with no cached value where a number is required
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _bomb(mb: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"<row>" + b"0" * (mb * 1_000_000) + b"</row>")
    return buf.getvalue()


def hostile_files() -> list[tuple[str, str, bytes]]:
    """(case, file name, bytes): 200 uploads that must all be refused."""
    rng = random.Random(2025)
    good_csv = (SITE_HEADER + "\n" + "\n".join(SITE.format(i=i) for i in range(5)) + "\n").encode()
    good_xlsx = _xlsx([SITE_HEADER.split(",")] + [SITE.format(i=i).split(",") for i in range(5)])
    out: list[tuple[str, str, bytes]] = []
    for _ in range(20):  # a workbook cut short in transit
        out.append(("truncated xlsx", "sites.xlsx", good_xlsx[: rng.randrange(10, len(good_xlsx) - 10)]))
    for _ in range(20):  # random bytes named as CSV
        out.append(("binary csv", "sites.csv", bytes(rng.randrange(256) for _ in range(rng.randrange(200, 4000)))))
    for k in range(20):  # random bytes named as a workbook, some starting like a zip
        head = b"PK\x03\x04" if k % 2 else b""
        out.append(("binary xlsx", "sites.xlsx", head + bytes(rng.randrange(256) for _ in range(rng.randrange(50, 4000)))))
    for mb in (6, 8, 10, 15, 20, 25, 30, 40, 50, 60):  # zip bombs disguised as workbooks (zeros compress 1000:1)
        out.append(("zip bomb", "sites.xlsx", _bomb(mb)))
    for _k, encoding in enumerate(["utf-32", "utf-32-be", "utf-32-le", "cp500", "cp037"] * 2):  # encodings not read
        out.append(("wrong encoding", "sites.csv", good_csv.decode().encode(encoding) if "utf" in encoding
                    else good_csv.decode().replace("ụ", "u").replace("ệ", "e").replace("ô", "o").encode(encoding,
                                                                                                        "replace")))
    for k in range(10):  # formulas where numbers are required
        row = SITE.format(i=k).split(",")
        row[5 + k % 2] = rng.choice(["=1+1", "=HYPERLINK(\"http://x\")", "@SUM(A1)", "+cmd|' /C calc'!A0", "=0/0"])
        out.append(("formula csv", "sites.csv", (SITE_HEADER + "\n" + ",".join(row) + "\n").encode()))
    for k in range(10):
        out.append(("formula xlsx", "sites.xlsx", _xlsx([SITE_HEADER.split(","), SITE.format(i=k).split(",")],
                                                        formula=f"=A{k + 1}*2")))
    for k in range(5):  # one enormous cell, and rows far wider than the header
        huge = SITE.format(i=k).replace(",S", ',"' + "x" * (200_000 * (k + 1)))
        out.append(("huge cell", "sites.csv", (SITE_HEADER + "\n" + huge).encode()))
        wide = SITE.format(i=k) + ",9" * (5000 * (k + 1))
        out.append(("huge row", "sites.csv", (SITE_HEADER + "\n" + wide + "\n").encode()))
    for data in (b"", b" ", b"\n\n\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"\t\r\n", b"#", b"# only a comment\n",
                 SITE_HEADER.encode(), (SITE_HEADER + "\n\n").encode()):  # empty, or a header and nothing
        out.append(("empty", "sites.csv", data))
        out.append(("empty", "enterprises.csv", data))
    for k in range(10):  # NUL bytes inside text
        text = bytearray(good_csv)
        for _ in range(k + 1):
            text[rng.randrange(len(text))] = 0
        out.append(("nul bytes", "sites.csv", bytes(text)))
    while len(out) < 180:  # a valid file with one typed cell spoiled
        row = SITE.format(i=len(out)).split(",")
        col = rng.choice(list(TYPED))
        row[col] = rng.choice(["abc", "1e999", "NaN", "∞", "12,34,56", "--5", "0x1F", "null", "99999999999999999999999",
                               "2015.5", "ơ", "' OR 1=1 --", "<script>", "-1"])
        if col in (5, 6) and row[col] == "-1":
            row[col] = "-200"  # a longitude of -1 is a number; far outside the city is what makes it wrong
        if col == 7 and row[col] == "2015.5":
            row[col] = "-5"  # an area of 2015.5 ha is an area: a negative one is what makes it wrong
        if col == 8 and row[col] in ("null", "NaN"):
            row[col] = "abc"  # an empty status is one the file does not state, which it may leave out
        out.append(("spoiled cell", "sites.csv", (SITE_HEADER + "\n" + ",".join(row) + "\n").encode()))
    for k in range(10):  # a workbook whose sheets are not template tables
        out.append(("unknown sheet", "data.xlsx", _xlsx([["a", "b"], [1, 2]], sheet=f"Sheet{k + 1}")))
    for _ in range(10):  # old formats and other documents
        out.append(("not a template", rng.choice(["data.xls", "report.pdf", "sites.docx", "sites.json", "sites"]),
                    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)))
    assert len(out) == 200, len(out)
    return out


FILES = hostile_files()


@pytest.fixture(scope="module")
def live(demo_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "live.duckdb"
    shutil.copy(demo_db, path)
    return path


def test_there_are_two_hundred(live):
    assert len(FILES) == 200 and len({case for case, _, _ in FILES}) >= 14


@pytest.mark.parametrize("case, name, data", FILES, ids=[f"{i:03d}-{c}" for i, (c, _, _) in enumerate(FILES)])
def test_a_hostile_upload_is_refused_with_a_message_in_bounded_memory(live, case, name, data):
    tracemalloc.start()
    try:
        checked = importer.check([(name, data)], live)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not checked.ok, case
    for lang in ("en", "vi"):
        assert all(p.line(Translator(lang)) for p in checked.problems.listed())
    assert peak < 150e6, f"{case}: {peak / 1e6:.0f} MB"


def test_importing_them_all_changes_nothing(live):
    before = hashlib.sha256(live.read_bytes()).hexdigest()
    for case, name, data in FILES[::7]:  # every seventh through the whole import path, log included
        outcome = importer.import_files([(name, data)], live, "fuzz")
        assert not outcome.ok, case
    assert hashlib.sha256(live.read_bytes()).hexdigest() == before and not live.is_symlink()
    log = importer.Store(live).history()
    assert len(log) == len(FILES[::7]) and {e["outcome"] for e in log} == {"rejected"}


def test_formulas_in_text_cells_are_kept_as_text_and_neutralised_on_export(live, tmp_path):
    from industry.files import export

    header = "indicator,year,value,unit,source"
    data = f"{header}\ngiftshow_booths_per_edition,2026,600,booths per edition,=HYPERLINK(\"http://x\")\n".encode()
    assert importer.import_files([("programme_progress.csv", data)], live, "fuzz").ok
    export.export(live, tmp_path)
    text = (tmp_path / "programme_progress.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    assert importer.rollback(live, "fuzz").ok
