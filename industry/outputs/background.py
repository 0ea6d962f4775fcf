"""Work that needs an event loop of its own (the load test's sessions, chart rendering in a browser)."""

from __future__ import annotations

import asyncio
import threading


def run_async(coroutine):
    """Run a coroutine to its end in a thread of its own: callers may already be inside an event loop
    (Playwright's sync API keeps one running in the tests, Streamlit's server runs one)."""
    box: dict = {}

    def target():
        try:
            box["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller
            box["error"] = exc

    thread = threading.Thread(target=target, name="background-loop")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box.get("value")
