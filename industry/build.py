"""Build the dashboard's DuckDB database.

    python -m industry.build [--out PATH] [--seed N] [--enterprises N]
    python -m industry.build --from DIR [--out PATH] [--lang vi]

Without ``--from``, the demonstration database; with it, a database from the import
templates in DIR (CSV or .xlsx, see ``python -m industry.export``), refused with every
problem listed (exit status 2) when a file does not pass the checks.
The file is written beside its destination and renamed into place when complete,
so a reader never sees a half-built database. The same seed gives the same
table contents. The builder is industry/data/build.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from .core import paths
from .core.i18n import Translator
from .data.build import DEFAULT_ENTERPRISES, DEFAULT_SEED, Progress, build
from .files.importer import build_from_folder

__all__ = ["build", "main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m industry.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=paths.DEFAULT_DB, help="database file to write (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed of the demonstration data")
    parser.add_argument("--enterprises", type=int, default=DEFAULT_ENTERPRISES,
                        help="number of enterprises to generate (1000000 for a country-scale stress dataset)")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")
    parser.add_argument("--from", dest="source", type=Path, default=None,
                        help="build from the import templates in this folder instead of demonstration data")
    parser.add_argument("--lang", choices=("en", "vi"), default="en", help="language of the problems listed")
    args = parser.parse_args(argv)
    if args.enterprises < 1:
        parser.error("--enterprises must be at least 1")
    if args.source is not None:
        return _build_from(args)
    try:
        build(args.out, seed=args.seed, enterprises=args.enterprises, quiet=args.quiet)
    except (OSError, duckdb.Error) as exc:
        print(f"error: could not build {args.out}: {exc}", file=sys.stderr)
        return 1
    return 0


def _build_from(args) -> int:

    if not args.source.is_dir():
        print(f"error: {args.source} is not a folder", file=sys.stderr)
        return 1
    tr = Translator(args.lang)
    try:
        outcome = build_from_folder(args.source, args.out.resolve(), Progress(args.quiet))
    except (OSError, duckdb.Error) as exc:
        print(f"error: could not build {args.out}: {exc}", file=sys.stderr)
        return 1
    if not outcome.ok:
        for problem in outcome.problems:
            print(problem.line(tr), file=sys.stderr)
        print(tr("import.refused", count=outcome.problem_count), file=sys.stderr)
        return 2
    if not args.quiet:
        print(f"Built {args.out} from {args.source} in {outcome.seconds:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
