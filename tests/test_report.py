"""The year's report as a Word document: written by the command line and the Overview, reopened here with
python-docx and LibreOffice; its layout is the administrative one, and every finding and every table it holds
reads as the page it comes from shows it."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from docx import Document
from docx.shared import Cm
from docx.text.paragraph import Paragraph

from tests import cells
from tests.conftest import ROOT, open_cards

PAGES = {"1.": "pages/wastewater.py", "2.": "pages/supporting.py", "3.": "pages/villages.py",
         "4.": "pages/activities.py", "5.": "pages/programmes.py"}


@pytest.fixture(scope="module")
def report_vi(demo_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "bao-cao-2024.docx"
    done = subprocess.run([sys.executable, "-m", "industry.report", "--out", str(out), "--db", str(demo_db),
                           "--lang", "vi", "--year", "2024", "--number", "123/BC-SCT"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return out


def _sections(document) -> dict[str, dict]:
    """Each numbered section: its heading, the first paragraph after it (its finding), and its tables."""
    out: dict[str, dict] = {}
    current = None
    body = document.element.body
    tables = iter(document.tables[1:])  # the first is the title block
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            style = child.xpath("string(./w:pPr/w:pStyle/@w:val)")
            text = Paragraph(child, document).text
            if style.startswith("Heading") and text[:2] in PAGES:
                current = out.setdefault(text[:2], {"heading": text, "finding": None, "tables": []})
            elif current is not None and current["finding"] is None and text:
                current["finding"] = text
        elif tag == "tbl" and current is not None:
            current["tables"].append(next(tables))
    return out


def _cells(table) -> tuple[list[str], list[list[str]]]:
    rows = [[c.text for c in row.cells] for row in table.rows]
    return rows[0], rows[1:]


def _shown_tables(at) -> list[pd.DataFrame]:
    """Every table the page shows, as its reader reads it (each cell's text as drawn)."""
    return [cells.drawn(table) for table in at.dataframe]


def test_the_report_is_laid_out_as_an_administrative_document(report_vi):
    document = Document(str(report_vi))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert [round(m.cm, 1) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                     section.right_margin)] == [2.0, 2.0, 3.0, 2.0]
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt == 13
    assert document.styles["Heading 1"].font.name == "Times New Roman"
    block = " ".join(c.text for c in document.tables[0].rows[0].cells)
    assert "SỞ CÔNG THƯƠNG" in block and "Số: 123/BC-SCT" in block and "ngày …… tháng …… năm 20……" in block
    assert "Độc lập - Tự do - Hạnh phúc" in block
    text = "\n".join(p.text for p in document.paragraphs)
    assert "DỮ LIỆU MINH HOẠ" in text  # said before anything else: the figures are demonstration data
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["1. Cụm công nghiệp và xử lý nước thải", "2. Công nghiệp hỗ trợ", "3. Làng nghề",
                        "4. Hoạt động khuyến công và kinh phí", "5. Chỉ tiêu các chương trình"]
    captions = [p.text for p in document.paragraphs if p.text.startswith("Bảng ")]
    assert [c.split(".")[0] for c in captions] == [f"Bảng {n}" for n in range(1, len(captions) + 1)]
    assert len(captions) == len(document.tables) - 2  # every table but the title and signature blocks is numbered
    pictures = document.inline_shapes
    assert len(pictures) == 4 and all(p.width == Cm(16) for p in pictures)
    assert all(p._inline.docPr.get("descr") for p in pictures)  # each chart says its finding to a screen reader
    sources = [p.text for p in document.paragraphs if p.text.startswith("Nguồn:")]
    assert len(sources) == len(captions) + len(pictures) and all("Dữ liệu minh hoạ" in s for s in sources)


def test_every_finding_and_table_reads_as_its_page_shows_it(report_vi, app):
    sections = _sections(Document(str(report_vi)))
    assert set(sections) == set(PAGES)
    compared = 0
    for number, page in PAGES.items():
        at = open_cards(app(page, lang="vi", year="2024"))  # the lists a reader opens too
        assert not at.exception
        assert sections[number]["finding"] == at.subheader[0].value, page
        shown = _shown_tables(at)
        for table in sections[number]["tables"]:
            header, rows = _cells(table)
            same = [s for s in shown if [str(c) for c in s.columns] == header]
            if not same:
                continue  # a chart's table: the page offers it as a download, the report prints it
            assert [[str(v) for v in r] for r in same[0].itertuples(index=False)] == rows, (page, header)
            compared += 1
    assert compared >= 5  # the failures, no-plant, pace, need and scorecard tables at least


def test_libreoffice_opens_the_report_and_keeps_its_tables(report_vi, tmp_path):
    done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(report_vi)],
                          capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "bao-cao-2024.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "Bảng 1." in text and "Cụm công nghiệp và xử lý nước thải" in text


def test_an_english_report_for_a_commune(demo_db, tmp_path):
    out = tmp_path / "report.docx"
    done = subprocess.run([sys.executable, "-m", "industry.report", "--out", str(out), "--db", str(demo_db),
                           "--lang", "en", "--commune", "bat-trang", "--date", "15/01/2026"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    document = Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Xã Bát Tràng" in text and "DEMONSTRATION DATA" in text
    assert "Hà Nội, 15/01/2026" in " ".join(c.text for c in document.tables[0].rows[0].cells)


@pytest.mark.parametrize(("args", "said"), [(["--commune", "nowhere"], "unknown or ambiguous commune"),
                                            (["--sector", "spaceships"], "unknown sector"),
                                            (["--year", "1990"], "no data for 1990")])
def test_an_unknown_commune_sector_or_year_exits_2_and_says_why(demo_db, tmp_path, args, said):
    done = subprocess.run([sys.executable, "-m", "industry.report", "--out", str(tmp_path / "r.docx"),
                           "--db", str(demo_db), *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and said in done.stderr and not (tmp_path / "r.docx").exists()


def test_the_overview_writes_the_report_with_a_progress_bar(app):
    at = app(lang="vi")  # the Overview is the first page
    at.button(key="report_build").click().run(timeout=300)
    assert not at.exception and not at.error
    assert any("Báo cáo đã sẵn sàng: 5 mục" in c.value for c in at.caption)
    assert [b.label for b in at.get("download_button")][-1] == "Tải báo cáo (.docx)"


def test_every_number_and_word_of_every_table_stays_whole_on_paper(report_vi, tmp_path):
    """Rendered by LibreOffice, no table's number is broken over two lines ("40, / 52", "202 / 3") and no word of it
    is cut: wide tables get a landscape page and columns as wide as their longest word."""
    import re

    from docx import Document
    from pypdf import PdfReader

    done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(report_vi)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(str(tmp_path / "bao-cao-2024.pdf")).pages)
    lines = {" ".join(line.split()) for line in text.splitlines()}
    joined = " ".join(" ".join(line.split()) for line in text.splitlines())
    cells = [c.text for t in Document(str(report_vi)).tables[1:] for row in t.rows for c in row.cells]
    numbers = {n for c in cells for n in re.findall(r"\d[\d.,]*\d", c) if len(n) >= 3}
    assert len(numbers) > 100
    broken = sorted(n for n in numbers if n not in joined)
    assert not broken, broken[:20]
    words = {w for c in cells for w in c.split() if len(w) >= 6 and w.isalpha()}
    cut = sorted(w for w in words if not any(w in line for line in lines))
    assert not cut, cut[:20]
