"""The benchmark runs end to end (a small scale, as a smoke test; the full scale is run by hand)."""

from industry.tools import bench


def test_benchmark_smoke(tmp_path):
    out = tmp_path / "benchmarks.md"
    text = bench.run([1500], runs=1, out=out, workdir=tmp_path, pages=("overview", "map"))
    assert out.read_text(encoding="utf-8") == text
    assert "| 1,500 | overview | no filter |" in text
    assert "| 1,500 | map | five communes |" in text
    assert "deck sent to the browser" in text and "peak memory of the app process" in text
    assert "## Targets at 1,500 enterprises" in text and "| 1,500 | overview | no filter | 4 |" in text


def test_a_rerun_keeps_the_history(tmp_path):
    out = tmp_path / "benchmarks.md"
    out.write_text("# Benchmarks\n\nold table\n\n## History\n\n- 2026-11-23: a change, 350 → 227 ms\n", encoding="utf-8")
    text = bench.run([1500], runs=1, out=out, workdir=tmp_path, pages=("programmes",))
    assert "old table" not in text
    assert text.endswith("\n## History\n\n- 2026-11-23: a change, 350 → 227 ms\n")
    assert out.read_text(encoding="utf-8") == text


def test_the_targets_name_the_pages_under_the_ratio_with_their_cost_per_query():
    rows = [bench.PageRow(1_000_000, "map", "no filter", 4, 25.0, 120.0, 300, 40, 150, 900_000),
            bench.PageRow(1_000_000, "map", "a year", 3, 20.0, 150.0, 300, 40, 150, 900_000),
            bench.PageRow(1_000_000, "overview", "no filter", 4, 20.0, 600.0, 300, 40, 150, None)]
    text = "\n".join(bench.targets_section(1_000_000, [(1_000_000, 6.0, 47.0, 1500)], rows, {1_000_000: 800}))
    assert "| every page's figures against the pandas baseline | ≥ 10 × | 4.8 × | map, no filter | **no** |" in text
    assert "map 4.8–7.5×, 6.2–6.7 ms per query (3–4 queries)." in text
    assert "overview" not in text.split("Pages under")[1]


def test_the_two_sides_of_a_ratio_take_turns_with_the_garbage_collector_off():
    import gc

    calls = []
    times = bench.figures_ms((lambda: calls.append(("duck", gc.isenabled())),
                              lambda: calls.append(("pandas", gc.isenabled()))), runs=7, block=3)
    assert len(times) == 2 and all(t >= 0 for t in times)
    # a block of three counted runs of each side, each after one not counted: 3 + 3 + 1 runs counted each
    assert [side for side, _ in calls] == ["duck"] * 4 + ["pandas"] * 4 + ["duck"] * 4 + ["pandas"] * 4 \
        + ["duck"] * 2 + ["pandas"] * 2
    assert not any(enabled for _, enabled in calls) and gc.isenabled()
