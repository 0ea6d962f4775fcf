"""The Map page through AppTest on a database built by the builder."""

import json

import duckdb
import pytest

from tests.conftest import open_cards


def deck_spec(at):
    return json.loads(at.get("deck_gl_json_chart")[0].proto.json)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_map_runs_with_the_expected_layers(app, lang):
    at = app("pages/map.py", lang=lang)
    assert not at.exception
    spec = deck_spec(at)
    assert [layer["id"] for layer in spec["layers"]] == ["communes", "boundaries", "villages", "sites"]
    # no base map (pydeck's map_provider=None, which Streamlit reads as none): nothing fetched, one WebGL context
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec


@pytest.mark.parametrize("year,communes", [(2025, []), (2020, ["00454", "00577"])])
def test_cluster_points_equal_an_independent_count(app, demo_db, year, communes):
    con = duckdb.connect(str(demo_db), read_only=True)
    where = "true" if not communes else "commune_code in (select unnest($c))"
    params = {"c": communes} if communes else {}
    expected = con.execute(f"select count(*) from sites where {where}", params).fetchall()[0][0]
    operating = con.execute(f"select count(*) from sites where kind = 'cluster' and status = 'operating' "
                            f"and opened_year <= {year} and {where}", params).fetchall()[0][0]
    con.close()
    at = app("pages/map.py", year=str(year), **({"commune": communes} if communes else {}))
    assert not at.exception
    layers = {layer["id"]: layer for layer in deck_spec(at)["layers"]}
    assert len(layers["sites"]["data"]) == expected
    assert at.subheader[0].value.startswith(f"{operating} industrial clusters operate")
    if communes:
        assert len(layers["selected"]["data"]) == len(communes)


def test_layer_toggles_and_indicator(app):
    at = app("pages/map.py")
    at.selectbox(key="map_indicator").select("si_certified_pct").run()
    at.pills(key="map_layers").set_value(["sites"]).run()
    assert not at.exception
    assert [layer["id"] for layer in deck_spec(at)["layers"]] == ["communes", "boundaries", "sites"]
    legend = " ".join(m.value for m in at.markdown)
    assert "% of supporting-industry enterprises certified" in legend
    assert "Craft villages" not in legend


def test_table_lists_the_visible_sites_with_downloads(app):
    at = app("pages/map.py", commune="00454")
    assert not at.exception
    assert not at.dataframe and sum(e.icon == ":material/list:" for e in at.expander) == 2  # findings until opened
    at = open_cards(at, "map_villages_table", "map_sites_table")
    assert not at.exception
    villages, sites = at.dataframe[0].value, at.dataframe[1].value
    layers = {layer["id"]: layer for layer in deck_spec(at)["layers"]}
    assert len(sites) == len(layers["sites"]["data"])
    assert len(villages) == len(layers["villages"]["data"])
    assert [b.label for b in at.get("download_button")] == ["CSV", "Excel"] * 2


def test_details_of_a_site_chosen_from_the_list(app, demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    site_id, name, inside = con.execute("""
        select s.site_id, s.name_en, count(e.enterprise_id) from sites s join enterprises e using (site_id)
        where e.founded_year <= 2025 and (e.closed_year is null or e.closed_year > 2025)
        group by all order by 3 desc limit 1""").fetchall()[0]
    con.close()
    at = app("pages/map.py")
    at.selectbox(key="map_detail").select(site_id).run()
    assert not at.exception
    assert f"#### {name}" in [m.value.split("\n\n")[0] for m in at.markdown]
    assert f"#### {inside} active enterprises in this site" in [m.value.split("\n\n")[0] for m in at.markdown]


def test_a_plant_is_shown_from_the_year_it_is_commissioned_only(con):
    import pandas as pd

    from industry.data import metrics

    site, year = con.execute("select site_id, commissioned_year from wastewater_plants where commissioned_year > 2018 "
                             "order by site_id limit 1").fetchone()
    before = metrics.map_sites(con, year - 1).set_index("site_id").loc[site]
    after = metrics.map_sites(con, year).set_index("site_id").loc[site]
    assert pd.isna(before.capacity_m3_per_day) and pd.isna(before.standard)
    assert before.year_status in ("no_plant", "not_operating")  # no plant yet: no capacity beside that status
    assert after.capacity_m3_per_day > 0 and isinstance(after.standard, str)
