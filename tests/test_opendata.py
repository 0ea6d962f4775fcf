"""The open-data package: it validates with the frictionless package, its figures are the pages' figures, it is
written again after an import, and nginx serves it at /data/ with the right types for a system polling it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from industry.data import metrics
from industry.files import importer
from industry.outputs import opendata
from industry.publish import main as publish


def _validate(package: Path) -> dict:
    """`frictionless validate` as a person runs it, its report read as JSON."""
    frictionless = Path(sys.executable).with_name("frictionless")
    done = subprocess.run([str(frictionless), "validate", "--json", str(package)], capture_output=True, text=True,
                          timeout=300)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def package(demo_db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("open-data")
    assert publish(["--out", str(out), "--db", str(demo_db)]) == 0
    return out


def test_the_package_validates_and_says_it_is_demonstration_data(package):
    report = _validate(package / "datapackage.json")
    assert report["valid"], json.dumps(report)[:2000]
    described = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert "DEMONSTRATION DATA" in described["title"] and "DỮ LIỆU MINH HOẠ" in described["title_vi"]
    assert described["licenses"][0]["name"] == "CC-BY-4.0" and described["data_date"] == "2025-12-31"
    names = {r["name"] for r in described["resources"]}
    assert {"clusters", "wastewater-compliance-by-commune", "wastewater-compliance-reported", "craft-villages",
            "supporting-industry-by-commune", "supporting-industry-by-sector", "programme-targets",
            "programme-progress", "promotion-activities-by-commune", "sites-map", "communes-map"} == names
    area = next(f for r in described["resources"] if r["name"] == "clusters" for f in r["schema"]["fields"]
                if f["name"] == "area_ha")
    assert (area["type"], area["unit"], area["title"], area["title_vi"]) == ("number", "ha", "Area", "Diện tích")
    readme = (package / "README.md").read_text(encoding="utf-8")
    assert "## Tiếng Việt" in readme and "## English" in readme
    assert "Dữ liệu mở · Open data" in (package / "index.html").read_text(encoding="utf-8")
    # no single enterprise is published: supporting industry comes as counts and shares
    assert not any(f["name"] in ("enterprise_id", "name") for r in described["resources"]
                   for f in r.get("schema", {}).get("fields", []))


def test_a_wrong_cell_makes_the_package_invalid(package, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(package, broken)
    path = broken / "supporting-industry-by-commune.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = lines[1].split(",")
    first[3] = "nhiều"  # si_enterprises_count, an integer
    lines[1] = ",".join(first)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert not _validate(broken / "datapackage.json")["valid"]


def test_the_packages_figures_are_the_pages_figures(package, demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as con:
        first, last = metrics.years(con)
        page = metrics.wastewater_by_commune(con, last)  # the Wastewater page's table of communes
        si = metrics.si_by_commune(con, last)  # the Supporting-industry page's communes
        sites = metrics.map_sites(con, last)
    ww = pd.read_csv(package / "wastewater-compliance-by-commune.csv", dtype={"commune_code": str})
    mine = ww[ww["year"] == last].set_index("commune_code").sort_index()
    theirs = page.set_index("commune_code").sort_index()
    assert mine.index.tolist() == theirs.index.tolist()
    assert mine["compliant_count"].tolist() == theirs["compliant_count"].tolist()
    assert mine["compliance_pct"].round(6).tolist() == pytest.approx(theirs["compliance_pct"].round(6).tolist(),
                                                                     nan_ok=True)
    assert sorted(ww["year"].unique().tolist()) == list(range(first, last + 1))
    counts = pd.read_csv(package / "supporting-industry-by-commune.csv", dtype={"commune_code": str})
    counts = counts[counts["year"] == last].set_index("commune_code")["si_certified_count"].sort_index()
    assert counts.tolist() == si.set_index("commune_code")["si_certified_count"].sort_index().tolist()
    clusters = pd.read_csv(package / "clusters.csv", dtype={"commune_code": str})
    assert len(clusters) == len(sites) and set(clusters["site_id"]) == set(sites["site_id"])
    geo = json.loads((package / "communes.geojson").read_text(encoding="utf-8"))
    assert len(geo["features"]) == 126


def test_the_package_is_written_again_after_an_import_and_served_by_nginx(demo_db, tmp_path):
    from industry.tools import serve

    live = tmp_path / "live.duckdb"
    shutil.copy(demo_db, live)
    importer.after_install(opendata.publish_beside)
    with serve.cluster(live, processes=1) as running:
        def get(path: str):
            with urllib.request.urlopen(running.url + path, timeout=20) as resp:
                return resp.headers.get("Content-Type"), resp.read()

        kind, body = get("/data/datapackage.json")
        assert kind.startswith("application/json")
        before = json.loads(body)
        kind, body = get("/data/clusters.csv")
        assert kind == "text/csv; charset=utf-8" and "Cụm công nghiệp".encode() in body
        assert get("/data/sites.geojson")[0].startswith("application/geo+json")
        kind, body = get("/data/")
        assert kind.startswith("text/html") and "Dữ liệu mở".encode() in body
        # every page links to it (the sidebar's last line)
        from industry.tools import load
        from tests.test_serve import _texts

        said = load.run_async(_texts(running.url, "villages", "00000000000000ab"))
        assert any("[Dữ liệu mở · Open data](/data/)" in text for text in said)
        # an import: the package a feed reader polls says a new version, and holds the new record
        path = tmp_path / "sites.csv"
        path.write_text("site_id,kind,name_vi,commune_code,lon,lat,area_ha,status,source\n"
                        "CCN-MO-01,cluster,Cụm công nghiệp Dữ Liệu Mở,00577,105.92,20.99,11.5,planned,Sở Công Thương\n",
                        encoding="utf-8")
        outcome = importer.import_files(importer.files_in([path]), live, "Nguyễn Văn A", sink=lambda _t: None)
        assert outcome.ok, [p.code for p in outcome.problems]
        after = json.loads(get("/data/datapackage.json")[1])
        assert after["version"] != before["version"]
        assert "Cụm công nghiệp Dữ Liệu Mở".encode() in get("/data/clusters.csv")[1]


def test_a_fields_type_is_its_declared_type_not_guessed_from_its_name():
    """A query gives integers with a gap as decimals: such a field is published as integers when the data model (or
    the package's own list of fields) says it holds whole numbers, whatever its name; a share whose values happen to
    be whole stays a number."""
    import pandas as pd

    from industry.outputs.opendata import _kind

    gap = [3.0, None, 12.0]
    assert _kind(pd.Series(gap), "households") == "integer"  # the data model: INTEGER
    assert _kind(pd.Series(gap), "employees") == "integer"  # INTEGER too, though its name says nothing of it
    assert _kind(pd.Series(gap), "beneficiaries") == "integer"
    assert _kind(pd.Series(gap), "capacity_m3_per_day") == "number"  # the data model: DOUBLE, though whole here
    assert _kind(pd.Series(gap), "city_operating_count") == "integer"  # the package's own field, declared integer
    assert _kind(pd.Series([50.0, 100.0]), "city_pct") == "number"
    assert _kind(pd.Series([2.5, None]), "households") == "number"  # not whole: never rounded into an integer
