"""The benchmark runs end to end (a small scale, as a smoke test; the full scale is run by hand)."""

from industry import bench


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
