"""The map deck: layers, classes, legend, view, payload."""

import json

import pandas as pd
import pytest

from industry.core.i18n import Translator
from industry.data import metrics
from industry.figures import mapdeck as deck


@pytest.fixture()
def frames(con):
    return (metrics.with_shapes(metrics.map_communes(con, 2025), metrics.commune_shapes(con)),
            metrics.map_sites(con, 2025), metrics.map_villages(con, 2025))


def spec(d):
    return json.loads(d.to_json())


def test_deck_layers_and_offline_style(frames):
    communes, sites, villages = frames
    d, breaks = deck.build_deck(communes, sites, villages, indicator="compliance_pct", selected=(),
                                layers={"sites", "villages"}, tr=Translator("en"))
    s = spec(d)
    assert [layer["id"] for layer in s["layers"]] == ["communes", "boundaries", "villages", "sites"]
    assert len({p["code"] for p in s["layers"][0]["data"]}) == 126
    assert len(s["layers"][1]["data"]) == 126
    assert len(s["layers"][3]["data"]) == len(sites) == 180
    # no base map (pydeck's map_provider=None, which Streamlit reads as none): nothing fetched, one WebGL context
    assert s["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in s
    assert breaks == [0, 20, 40, 60, 80, 100]
    assert "  " not in d.to_json()[:2000]  # compact JSON


def test_layer_toggles_and_selection(frames):
    communes, sites, villages = frames
    d, _ = deck.build_deck(communes, sites, villages, indicator="none", selected=("00454",), layers=set(),
                           tr=Translator("vi"))
    s = spec(d)
    assert [layer["id"] for layer in s["layers"]] == ["communes", "boundaries", "selected"]
    assert len(s["layers"][2]["data"]) == 1
    whole, _ = deck.build_deck(communes, sites, villages, indicator="none", selected=(), layers=set(),
                               tr=Translator("vi"))
    assert spec(d)["initialViewState"]["zoom"] > spec(whole)["initialViewState"]["zoom"] + 1


def test_tooltips_are_escaped_and_translated(frames):
    communes, sites, villages = frames
    sites = sites.copy()
    sites.loc[sites.index[0], "name_vi"] = "<img src=x onerror=alert(1)>"
    records = deck.site_records(sites, Translator("vi"))
    # plain text: Streamlit escapes what it puts into the tooltip, so markup from data is never rendered
    assert records[0]["tooltip"].startswith("<img src=x onerror=alert(1)>\n")
    assert "\nNước thải:" in records[0]["tooltip"]


def test_classes():
    values = pd.Series([None, 0, 5, 20, 21, 99.9, 100])
    breaks, idx = deck.classify(values, "percent")
    assert list(idx) == [-1, 0, 0, 0, 1, 4, 4]
    breaks, idx = deck.classify(pd.Series([0, 1, 2, 3, 50, 400]), "count")
    assert breaks[0] == 0 and breaks == sorted(breaks) and idx.min() >= 0
    legend = deck.legend_for("compliance_pct", [0, 20, 40, 60, 80, 100], Translator("vi"))
    assert [c.label for c in legend][:2] == ["đến 20%", "20% – 40%"]
    assert legend[-1].label == "không có số liệu"


def test_payload_stays_small_at_a_million_enterprises(frames):
    communes, sites, villages = frames
    d, _ = deck.build_deck(communes, sites, villages, indicator="enterprises_per_km2", selected=(),
                           layers={"sites", "villages"}, tr=Translator("vi"))
    # enterprises are aggregated per commune: the payload does not grow with them
    assert len(d.to_json().encode()) < 1_000_000


def test_a_village_whose_recognition_is_not_known_is_not_listed_as_unrecognised(demo_db):
    import duckdb

    from industry.data import metrics
    from industry.data.context import open_context
    from industry.figures import mapdeck

    con = duckdb.connect(str(demo_db), read_only=True)
    villages = metrics.map_villages(con, 2025)
    con.close()
    unknown = villages[villages["recognised"].isna()]
    assert len(unknown), "the demo has villages whose recognition is not known"
    table = mapdeck.village_table(open_context(demo_db, lang="en", year=2025), villages)
    shown = dict(zip(table["Name"], table.iloc[:, 3], strict=True))
    assert {shown[name] for name in unknown["name_en"].fillna(unknown["name_vi"])} == {"recognition not known"}
