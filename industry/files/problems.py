"""What an import found wrong: one problem per file, sheet, row and column, told in the user's language."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..core.i18n import Translator

MAX_PER_COLUMN = 25  # problems of one kind in one column listed one by one; the rest are counted


@dataclass(frozen=True)
class Problem:
    file: str
    code: str  # key of the message under `problem.` in industry/locales/*.toml
    sheet: str | None = None
    row: int | None = None  # row number as the user sees it in the file (1 = first line)
    column: str | None = None
    value: str | None = None
    params: dict = field(default_factory=dict, compare=False, hash=False)
    rows: tuple[int, ...] = field(default=(), compare=False, hash=False)  # every row of one cause (see grouped)

    def message(self, tr: Translator) -> str:
        """In the reader's language; a value given in both (``field_en``, ``field_vi``) as ``field``, in theirs."""
        params = {k: v for k, v in self.params.items() if not k.endswith(("_en", "_vi"))}
        params |= {k[:-3]: v for k, v in self.params.items() if k.endswith(f"_{tr.lang}")}
        return tr(f"problem.{self.code}", **params)

    def record(self, tr: Translator) -> dict[str, object]:
        """The problem as a table row (file, sheet, row, column, value, problem)."""
        return {
            tr("problem.col_file"): self.file,
            tr("problem.col_sheet"): self.sheet or "",
            tr("problem.col_row"): self.where_rows(tr) if len(self.rows) > 1 or self.params.get("more") else self.row,
            tr("problem.col_column"): self.column or "",
            tr("problem.col_value"): _shorten(self.value),
            tr("problem.col_problem"): self.message(tr),
        }

    def where_rows(self, tr: Translator) -> str:
        """The rows of one cause, in runs: ``11–43, 47 (34 rows)``."""
        runs, start, last = [], None, None
        for n in sorted(set(self.rows)):
            if start is None:
                start = last = n
            elif n == last + 1:
                last = n
            else:
                runs.append((start, last))
                start = last = n
        if start is not None:
            runs.append((start, last))
        text = ", ".join(f"{a}–{b}" if b > a else f"{a}" for a, b in runs)
        extra = int(self.params.get("more", 0))
        if extra:
            return tr("problem.rows_more", runs=text, more=extra, n=len(set(self.rows)) + extra)
        return tr("problem.rows", runs=text, n=len(set(self.rows)))

    def line(self, tr: Translator) -> str:
        """One line for a terminal: ``sites.csv, row 7, column lat: Expected a number (value: 'abc')``."""
        where = [self.file]
        if self.sheet:
            where.append(f"{tr('problem.col_sheet').lower()} {self.sheet}")
        if len(self.rows) > 1 or self.params.get("more"):
            where.append(f"{tr('problem.col_row').lower()} {self.where_rows(tr)}")
        elif self.row is not None:
            where.append(f"{tr('problem.col_row').lower()} {self.row}")
        if self.column:
            where.append(f"{tr('problem.col_column').lower()} {self.column}")
        text = f"{', '.join(where)}: {self.message(tr)}"
        if self.value not in (None, ""):
            text += f" ({tr('problem.col_value').lower()}: {_shorten(self.value)!r})"
        return text


def _shorten(value: str | None, limit: int = 80) -> str:
    if value is None:
        return ""
    text = "".join(ch if ch.isprintable() else "\ufffd" for ch in str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def grouped(problems: list[Problem]) -> list[Problem]:
    """One problem per cause: the problems of one file, sheet, column and kind, saying the same, as one with all its
    rows (``Dòng 11–43 (33 dòng): …``) and its first values; in the order the causes were first met."""
    groups: dict[tuple, list[Problem]] = {}
    more: dict[tuple, int] = {}  # a cause's rows beyond those listed one by one (Problems.listed's "more")
    for p in dict.fromkeys(problems):  # one cause a row: a cause two columns share is said once
        if p.code == "more":
            key = (p.file, p.sheet, p.column, p.params.get("problem"))
            more[key] = max(more.get(key, 0), int(p.params.get("count", 0)))
            continue
        key = (p.file, p.sheet, p.column, p.code, tuple(sorted((k, str(v)) for k, v in p.params.items())))
        groups.setdefault(key, []).append(p)
    out = []
    for key, members in groups.items():
        first = members[0]
        rows = tuple(dict.fromkeys(p.row for p in members if p.row is not None))
        extra = more.pop(key[:4], 0)
        params = {**first.params, "more": extra} if extra else first.params
        if len(rows) <= 1 and not extra:
            out += members
            continue
        values = list(dict.fromkeys(p.value for p in members if p.value not in (None, "")))
        shown = ", ".join(values[:5]) + (", …" if len(values) > 5 else "") if values else None
        out.append(Problem(first.file, first.code, first.sheet, first.row, first.column, shown, params, rows))
    for (file, sheet, column, code), count in more.items():  # a hidden rest whose listed rows went elsewhere
        out.append(Problem(file, "more", sheet, None, column, None, {"count": count, "problem": code}))
    return out


def frame(problems: list[Problem], tr: Translator):
    """Problems as a table (pandas), one row a cause (its rows listed), row numbers as written."""
    import pandas as pd

    out = pd.DataFrame([p.record(tr) for p in grouped(problems)])
    if len(out):
        out[tr("problem.col_row")] = [("" if v is None or (isinstance(v, float) and v != v) else str(v))
                                      for v in out[tr("problem.col_row")]]
    return out


class Problems:
    """Collects problems, listing the first few of each (file, sheet, column, code) and counting the rest."""

    def __init__(self):
        self.items: list[Problem] = []
        self._seen: Counter = Counter()
        self._hidden: Counter = Counter()
        self._first: dict[tuple, Problem] = {}

    def add(self, problem: Problem) -> None:
        group = (problem.file, problem.sheet, problem.column, problem.code)
        self._seen[group] += 1
        if self._seen[group] <= MAX_PER_COLUMN:
            self.items.append(problem)
            self._first.setdefault(group, problem)
        else:
            self._hidden[group] += 1

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return sum(self._seen.values())

    def relabel(self, rename) -> None:
        """Every problem passed through `rename` (a problem in, the same problem named otherwise out, or None to
        leave it out of the list), and the first problem of each counted group too."""
        kept = []
        for problem in self.items:
            renamed = rename(problem)
            if renamed is None:
                self._seen[(problem.file, problem.sheet, problem.column, problem.code)] -= 1
            else:
                kept.append(renamed)
        self.items = kept
        for group, first in self._first.items():
            self._first[group] = rename(first) or first

    def listed(self) -> list[Problem]:
        """Every listed problem, then one line per group saying how many more were not listed."""
        out = list(self.items)
        for group, count in self._hidden.items():
            first = self._first[group]
            out.append(Problem(first.file, "more", first.sheet, None, first.column, None,
                               {"count": count, "problem": first.code}))
        return out
