"""How fast a list of addresses is converted: ``python -m industry.addressbench [--rows 60000] [--compare-root DIR]``.

A list of `--rows` addresses is written as offices write them (a house number and street or a hamlet; the former
commune and district with or without their unit words, abbreviated ``P.``, ``Q.``, ``TT``, or without diacritics;
the new commune since July 2025; a district alone; a unit split between new communes), as a CSV with the header
"Địa chỉ". ``python -m industry.addresses`` converts it as an official would run it, in its own process; the same
command on a one-row list gives its start-up time. The rate is the rows over the time after start-up; the memory is
the process's peak resident size. With ``--compare-root``, another checkout converts the same list in the same run,
taking turns.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..core import paths
from ..core.text import fold
from . import machine

STREETS = ("Nguyễn Trãi", "Trần Phú", "Lê Lợi", "Quang Trung", "Nguyễn Văn Cừ", "Tô Hiệu", "Phan Đình Phùng",
           "Hoàng Quốc Việt", "Lạc Long Quân", "Giải Phóng")
ABBREVIATIONS = (("Phường ", "P. "), ("Quận ", "Q. "), ("Thị trấn ", "TT "), ("Huyện ", "H. "), ("Xã ", "X. "))


def addresses(rows: int, seed: int = 1) -> list[str]:
    """`rows` addresses written as offices write them."""
    from ..data.reference import Reference

    rng = random.Random(seed)
    units = Reference().conversion
    new_names = sorted({u["new_name"] for u in units})
    out = []
    for _ in range(rows):
        unit = units[rng.randrange(len(units))]
        place = (f"Số {rng.randint(1, 300)} {STREETS[rng.randrange(len(STREETS))]}" if rng.random() < 0.5
                 else f"Thôn {rng.randint(1, 12)}")
        form = rng.randrange(8)
        if form <= 2:  # former commune and district, as written before July 2025
            text = f"{place}, {unit['old_name']}, {unit['old_district']}, Hà Nội"
        elif form == 3:  # lower-case unit words
            text = f"{place}, {unit['old_name'][0].lower()}{unit['old_name'][1:]}, {unit['old_district'].lower()}"
        elif form == 4:  # abbreviated
            text = f"{place}, {unit['old_name']}, {unit['old_district']}, HN"
            for long, short in ABBREVIATIONS:
                text = text.replace(long, short)
        elif form == 5:  # without diacritics
            text = fold(f"{place}, {unit['old_name']}, {unit['old_district']}, Ha Noi").title()
        elif form == 6:  # the new commune
            text = f"{place}, {new_names[rng.randrange(len(new_names))]}, TP Hà Nội"
        else:  # the district only
            text = f"{place}, {re.sub(r'^(Quận|Huyện|Thị xã) ', '', unit['old_district'])}, Hà Nội"
        out.append(text)
    return out


def _write(rows: list[str], path: Path) -> None:
    path.write_text("Địa chỉ\n" + "\n".join(f'"{r}"' for r in rows) + "\n", encoding="utf-8")


def _run(root: Path, path: Path, out: Path) -> tuple[float, float]:
    """Seconds and peak memory (MB) of ``python -m industry.addresses`` on `path`, run from the checkout `root`."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "industry.addresses", str(path), "--column", "Địa chỉ", "--out",
                             str(out)], cwd=root, env=dict(os.environ, PYTHONPATH=str(root)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"python -m industry.addresses failed in {root} ({proc.returncode})")
    return seconds, usage.ru_maxrss / 1024


def measure(rows: int, roots: dict[str, Path], rounds: int = 3) -> dict[str, dict]:
    """For each checkout of `roots`: the start-up (a one-row list), the whole run and the peak memory, medians of
    `rounds` runs taking turns."""
    found = {name: {"startup": [], "total": [], "rss": []} for name in roots}
    with tempfile.TemporaryDirectory() as tmp:
        big, one = Path(tmp) / "list.csv", Path(tmp) / "one.csv"
        listed = addresses(rows)
        _write(listed, big)
        _write(listed[:1], one)
        for turn in range(rounds):
            for name in roots if turn % 2 == 0 else list(roots)[::-1]:
                found[name]["startup"].append(_run(roots[name], one, Path(tmp) / "one-out.csv")[0])
                seconds, rss = _run(roots[name], big, Path(tmp) / "out.csv")
                found[name]["total"].append(seconds)
                found[name]["rss"].append(rss)
    result = {}
    for name, runs in found.items():
        startup, total = statistics.median(runs["startup"]), statistics.median(runs["total"])
        result[name] = {"startup_s": startup, "total_s": total, "rate": rows / max(total - startup, 1e-9),
                        "rss_mb": max(runs["rss"])}
    return result


def report(result: dict[str, dict], rows: int, rounds: int) -> str:
    lines = [f"`python -m industry.addresses` on a list of {rows:,} addresses as offices write them, medians of "
             f"{rounds} runs taking turns ({machine.described()}):", "",
             "| checkout | start-up (s) | whole run (s) | addresses a second after start-up | peak memory (MB) |",
             "|---|---:|---:|---:|---:|"]
    for name, r in result.items():
        lines.append(f"| {name} | {r['startup_s']:.1f} | {r['total_s']:.1f} | {r['rate']:,.0f} | {r['rss_mb']:.0f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m industry.addressbench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=60_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--compare-root", type=Path, default=None, help="another checkout, measured in the same run")
    args = parser.parse_args(argv)
    roots = {"this": paths.ROOT} | ({str(args.compare_root): args.compare_root} if args.compare_root else {})
    print(report(measure(args.rows, roots, args.rounds), args.rows, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
