"""What a page derives from its context and its query results, made once.

A page run asks for the same titles, findings and tables on every rerun and in every session with the same filters;
:func:`kept` makes each once and gives the same object again, so that a page run costs its drawing, not its arithmetic.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict

_KEPT: OrderedDict[tuple, tuple[object, tuple]] = OrderedDict()
_LOCK = threading.Lock()
SIZE = 4096


def _ident(value) -> object:
    """What stands for one argument in a kept result's key: a context or a query's result (anything with a
    ``kept_key``) by what it stands for; a hashable value by itself; anything else (a table made on the way, a row)
    by its identity, which the kept entry holds on to, so that it is never another object's while kept."""
    key = getattr(value, "kept_key", None)
    if key is not None:
        return ("known", key)
    try:
        hash(value)
    except TypeError:
        return ("object", id(value))
    return value


def kept(fn):
    """Decorate a function of a context and of values never changed once made (query results as the app's cache
    gives them, the same object on every run; numbers, words): its result is made once for the same arguments, then
    the same object is returned on every later call, in every session, until let go (least recently used first).
    For what the callers only read: never change what a kept function returns."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        key = (fn, tuple(map(_ident, args)), tuple((k, _ident(v)) for k, v in sorted(kwargs.items())))
        with _LOCK:
            found = _KEPT.get(key)
            if found is not None:
                _KEPT.move_to_end(key)
                return found[0]
        value = fn(*args, **kwargs)
        with _LOCK:
            # the arguments known by identity held: their identities stay theirs while kept (a context is not held)
            _KEPT[key] = (value, tuple(a for a in (*args, *kwargs.values()) if not hasattr(a, "kept_key")))
            while len(_KEPT) > SIZE:
                _KEPT.popitem(last=False)
        return value

    return wrapper


def clear() -> None:
    """Let every kept result go (for measuring a page's first run)."""
    with _LOCK:
        _KEPT.clear()
