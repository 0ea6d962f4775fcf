"""The open-data package of what the pages publish: a Frictionless Data Package for the city's systems and the public.

    python -m industry.publish --out DIR [--db PATH]

CSV files (UTF-8) of the published tables, each figure computed by the functions the pages call (no single
enterprise's private data: supporting industry by commune and sector as counts and shares), GeoJSON of the sites and
of the communes with their latest figures, ``datapackage.json`` (each resource's schema with field titles and
descriptions in English and Vietnamese, units, the data date, the licence and the sources; demonstration data says so
in its title) and a README in both languages. ``open_data.toml`` holds the resources and their words.

The package is written beside the live database after every import (:func:`publish_beside`), where
``python -m industry.serve`` serves it at ``/data/``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import tempfile
import tomllib
from pathlib import Path

import duckdb
import pandas as pd

from ..data import error_reports, metrics, owners, schema

SPEC = tomllib.loads(Path(__file__).with_name("open_data.toml").read_text(encoding="utf-8"))
FOLDER_NAME = "open-data"


def folder_beside(live: Path) -> Path:
    """Where the package of the live database is kept: in its versions folder (``industry.serve`` serves it)."""
    live = Path(live).absolute()
    return live.with_name(live.name + ".versions") / FOLDER_NAME


def _years(con) -> list[int]:
    first, last = metrics.years(con)
    return list(range(first, last + 1))


def frames(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Each resource's rows, from the functions the pages call."""
    years = _years(con)
    last = years[-1]

    def by_year(fn, *args):
        parts = [fn(con, year, *args).assign(year=year) for year in years]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()

    activity_years = metrics.activity_years(con)
    activities = pd.concat([metrics.activities_by_commune(con, y).assign(year=y)
                            for y in range(activity_years[0], activity_years[1] + 1)], ignore_index=True) \
        if activity_years else pd.DataFrame(columns=["year", "code"])
    out = {
        "sites": metrics.map_sites(con, last),
        "wastewater_by_commune": by_year(metrics.wastewater_by_commune),
        "reported_wastewater": metrics.reported_wastewater(con),
        "villages": metrics.map_villages(con, last),
        "si_by_commune": by_year(metrics.si_by_commune),
        "si_by_sector": by_year(metrics.si_by_sector),
        "targets": metrics.targets(con, "en"),
        "programme_progress": metrics.programme_progress(con, "en"),
        "activities_by_commune": activities[activities["activities_count"].fillna(0) > 0]
        if "activities_count" in activities else activities,
    }
    return out


_WHOLE_TYPES = ("INTEGER", "BIGINT", "integer")  # the data model's whole-number types, and the package's own word


def _declared(name: str) -> tuple[str, str, str, bool]:
    """A field's English and Vietnamese meaning, its unit and whether it holds whole numbers: as the package's own
    list of fields declares it, else as the data model's column of that name does."""
    if name in SPEC["fields"]:
        en, vi, unit, kind = SPEC["fields"][name]
        return en, vi, unit, kind in _WHOLE_TYPES
    for table in schema.TABLES:
        for column in table.columns:
            if column.name == name:
                return column.en, column.vi, column.unit, column.type in _WHOLE_TYPES
    return name, name, "", False


def _kind(series: pd.Series, name: str) -> str:
    if pd.api.types.is_bool_dtype(series) or str(series.dtype) == "boolean":
        return "boolean"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        values = series.dropna()
        # a query gives a column of integers with a gap as decimals: whole by its declared type, never by its name
        return "integer" if _declared(name)[3] and (values == values.round()).all() else "number"
    values = series.dropna()
    if len(values) and values.map(lambda v: isinstance(v, bool)).all():
        return "boolean"
    if len(values) and values.map(lambda v: isinstance(v, dt.date)).all():
        return "date"
    return "string"


def _typed(frame: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    out = frame.copy()
    for name, kind in kinds.items():
        if kind == "integer":
            out[name] = pd.to_numeric(out[name]).round().astype("Int64")
        elif kind == "boolean":
            out[name] = out[name].map(lambda v: None if v is None or pd.isna(v) else ("true" if v else "false"))
        elif kind == "date":
            out[name] = pd.to_datetime(out[name]).dt.strftime("%Y-%m-%d")
    return out


def _geojson_sites(sites: pd.DataFrame) -> dict:
    features = []
    for row in sites.to_dict("records"):
        props = {k: (None if v is None or (isinstance(v, float) and pd.isna(v)) else
                     (v.item() if hasattr(v, "item") else v))
                 for k, v in row.items() if k not in ("lon", "lat")}
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(row["lon"], 6),
                                                                                           round(row["lat"], 6)]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


def _geojson_communes(con, data: dict[str, pd.DataFrame]) -> dict:
    last = _years(con)[-1]
    shapes = metrics.commune_shapes(con)
    ww = data["wastewater_by_commune"]
    ww = ww[ww["year"] == last].set_index("commune_code")
    si = data["si_by_commune"]
    si = si[si["year"] == last].set_index("commune_code")
    villages = data["villages"].groupby("commune_code").size()
    features = []
    for row in shapes.to_dict("records"):
        code = row["code"]
        props = {"code": code, "name_vi": row.get("full_name_vi") or row.get("name_vi"), "year": last,
                 "clusters_count": int(ww.at[code, "clusters_count"]) if code in ww.index else 0,
                 "compliance_pct": None if code not in ww.index or pd.isna(ww.at[code, "compliance_pct"])
                 else float(ww.at[code, "compliance_pct"]),
                 "si_enterprises_count": int(si.at[code, "si_enterprises_count"]) if code in si.index else 0,
                 "si_certified_pct": None if code not in si.index or pd.isna(si.at[code, "si_certified_pct"])
                 else float(si.at[code, "si_certified_pct"]),
                 "villages_count": int(villages.get(code, 0))}
        features.append({"type": "Feature", "geometry": json.loads(row["geometry_simplified"]), "properties": props})
    return {"type": "FeatureCollection", "features": features}


def _readme(package: dict, demo: bool) -> str:
    lines = [f"# {package['title']}", ""]
    if demo:
        lines += [f"**{SPEC['demo_vi']}. {SPEC['demo_en']}.**", ""]
    lines += [
        "## Tiếng Việt", "",
        f"Gói dữ liệu mở của bảng điều khiển khuyến công Hà Nội: {SPEC['title_vi']}. Số liệu đến ngày "
        f"{package['data_date']}; phiên bản {package['version']}. Mỗi bảng là một tệp CSV (UTF-8); `datapackage.json` "
        "mô tả từng cột (tên, nghĩa, đơn vị), nguồn và giấy phép; `sites.geojson` và `communes.geojson` là bản đồ. "
        f"Giấy phép: {SPEC['licence']['title']}.", "",
        "## English", "",
        f"The open data of the Hà Nội industrial-promotion dashboard: {SPEC['title_en']}. Data to {package['data_date']}; "
        f"version {package['version']}. Each table is a CSV file (UTF-8); `datapackage.json` describes every column (its "
        "name, meaning and unit), the sources and the licence; `sites.geojson` and `communes.geojson` are the maps. "
        f"Licence: {SPEC['licence']['title']}. A system can poll `datapackage.json` and read `version` and "
        "`data_date` to know when the data has changed.", "",
        "| file | Tiếng Việt | English |", "|---|---|---|",
    ]
    for resource in package["resources"]:
        lines.append(f"| `{resource['path']}` | {resource.get('title_vi', '')} | {resource.get('title', '')} |")
    return "\n".join(lines) + "\n"


def _index(package: dict, demo: bool) -> str:
    """The page a person sees at /data/: what the package is, in both languages, and a link to every file."""
    from html import escape

    rows = "".join(f"<tr><td><a href=\"{escape(r['path'])}\">{escape(r['path'])}</a></td><td lang=\"vi\">"
                   f"{escape(r.get('title_vi', ''))}</td><td lang=\"en\">{escape(r.get('title', ''))}</td></tr>"
                   for r in package["resources"])
    notice = (f"<p><strong lang=\"vi\">{escape(SPEC['demo_vi'])}.</strong> <strong lang=\"en\">"
              f"{escape(SPEC['demo_en'])}.</strong></p>") if demo else ""
    return (f"<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Dữ liệu mở · Open data</title>"
            "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b2631}"
            "td,th{padding:.3rem .6rem;border-bottom:1px solid #ccc;text-align:left}a{color:#0b5cad}</style></head>"
            f"<body><h1>Dữ liệu mở · Open data</h1><p lang=\"vi\">{escape(SPEC['title_vi'])}</p>"
            f"<p lang=\"en\">{escape(SPEC['title_en'])}</p>{notice}"
            f"<p>Phiên bản · version <code>{escape(package['version'])}</code>; số liệu đến · data to "
            f"<code>{escape(package['data_date'])}</code>; giấy phép · licence {escape(SPEC['licence']['title'])}.</p>"
            "<p><a href=\"datapackage.json\">datapackage.json</a> · <a href=\"README.md\">README.md</a></p>"
            "<table><thead><tr><th>Tệp · file</th><th>Tiếng Việt</th><th>English</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></body></html>\n")


def write(con: duckdb.DuckDBPyConnection, out: Path, *, open_reports: dict[str, int] | None = None) -> Path:
    """Write the package of the database `con` into the folder `out` (made if missing); return datapackage.json."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    info = metrics.dataset_info(con)
    demo = info.get("kind") != "official"
    data = frames(con)
    dates = metrics.dataset_dates(con)
    every = owners.datasets()
    resources = []
    digest = hashlib.sha256()
    for spec in SPEC["resources"]:
        frame = data[spec["query"]]
        frame = frame[[c for c in spec["columns"] if c in frame.columns]]
        kinds = {name: _kind(frame[name], name) for name in frame.columns}
        path = out / f"{spec['name']}.csv"
        text = _typed(frame, kinds).to_csv(index=False, lineterminator="\n")
        path.write_text(text, encoding="utf-8")
        digest.update(text.encode("utf-8"))
        fields = []
        for name in frame.columns:
            en, vi, unit, _whole = _declared(name)
            fields.append({"name": name, "type": kinds[name], "title": en, "description": f"{en} · {vi}",
                           "title_vi": vi, **({"unit": unit} if unit else {})})
        dataset = every.get(spec["dataset"])
        resources.append({
            "name": spec["name"], "path": path.name, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "title": spec["title_en"], "title_vi": spec["title_vi"],
            "description": f"{spec['title_en']}. {spec['title_vi']}.",
            "schema": {"fields": fields},
            "dataset": spec["dataset"], "owner": dataset.owner if dataset else "",
            "latest": dates.get(spec["dataset"], ""),
            "open_reports": int((open_reports or {}).get(spec["dataset"], 0)),
        })
    for name, geo, title_en, title_vi in (
            ("sites", _geojson_sites(data["sites"]), "Industrial clusters and parks as points",
             "Cụm, khu công nghiệp (điểm)"),
            ("communes", _geojson_communes(con, data), "The 126 communes with their latest figures",
             "126 xã, phường với số liệu mới nhất")):
        text = json.dumps(geo, ensure_ascii=False, separators=(",", ":"))
        (out / f"{name}.geojson").write_text(text, encoding="utf-8")
        digest.update(text.encode("utf-8"))
        resources.append({"name": f"{name}-map", "path": f"{name}.geojson", "type": "json", "format": "geojson",
                          "mediatype": "application/geo+json", "encoding": "utf-8", "title": title_en,
                          "title_vi": title_vi, "description": f"{title_en}. {title_vi}."})
    built = info.get("built_at", "")
    data_date = info.get("data_date", "")
    title = SPEC["title_en"] + (f" ({SPEC['demo_en']})" if demo else "")
    package = {
        "name": SPEC["name"],
        "title": title,
        "title_vi": SPEC["title_vi"] + (f" ({SPEC['demo_vi']})" if demo else ""),
        "description": (f"{SPEC['demo_en']}. {SPEC['demo_vi']}. " if demo else "")
        + f"{SPEC['title_en']}. {SPEC['title_vi']}.",
        "version": f"{(built or dt.datetime.now(dt.UTC).isoformat())[:10].replace('-', '.')}-{digest.hexdigest()[:10]}",
        "created": built,
        "data_date": data_date,
        "kind": "demonstration" if demo else "official",
        "licenses": [SPEC["licence"]],
        "contributors": [{"title": SPEC["publisher"], "role": "publisher"}],
        "sources": [{"title": info.get("sources", "")}] if info.get("sources") else [],
        "resources": resources,
    }
    (out / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "README.md").write_text(_readme(package, demo), encoding="utf-8")
    (out / "index.html").write_text(_index(package, demo), encoding="utf-8")
    return out / "datapackage.json"


def publish_beside(live: Path, open_reports: dict[str, int] | None = None) -> Path:
    """Write the live database's package into its folder, whole or not at all (a reader never sees half of it)."""
    target = folder_beside(live)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".open-data-", dir=target.parent))
    if open_reports is None:
        open_reports = error_reports.open_counts(live)
    try:
        with duckdb.connect(str(Path(live).resolve()), read_only=True) as con:
            write(con, staging, open_reports=open_reports)
        old = target.with_name(f".{FOLDER_NAME}-old-{os.getpid()}")
        if target.exists():
            os.replace(target, old)
        os.replace(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target / "datapackage.json"


def main(argv: list[str] | None = None) -> int:
    import argparse

    from ..data import db

    parser = argparse.ArgumentParser(prog="python -m industry.publish", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=None,
                        help="folder to write the package into (default: beside the live database, as served)")
    parser.add_argument("--db", type=Path, default=None, help="database (default: the dashboard's)")
    args = parser.parse_args(argv)
    try:
        path = db.ensure(args.db) if args.db else db.ensure()
    except db.DatabaseError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.out is None:
        written = publish_beside(Path(args.db).absolute() if args.db else Path(db.paths.database_path()))
    else:
        with duckdb.connect(str(path), read_only=True) as con:
            written = write(con, args.out)
    package = json.loads(written.read_text(encoding="utf-8"))
    print(f"{len(package['resources'])} resources, version {package['version']}, data to {package['data_date']}: "
          f"{written}")
    return 0
