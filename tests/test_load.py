"""The load script against the real server: a short run in CI (the long one by hand, see docs/reliability.md)."""

import pytest

from industry.tools import load
from industry.tools.browser import server


def test_sessions_live_through_an_import_without_errors(demo_db):
    result = load.run(demo_db, sessions=4, seconds=12, import_at=6)
    assert result.imported_at == 6
    assert result.errors == []
    assert result.requests >= 8 and len(result.latencies) >= 3
    assert "0 errors" in load.report(result)


def test_the_client_notices_a_page_that_does_not_exist(demo_db):
    async def once(url):
        import websockets

        async with websockets.connect(url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                                      max_size=None) as ws:
            return await load._run_page(ws, "no-such-page", "lang=en", timeout=60)

    with server(demo_db) as url:
        ok, what = load.run_async(once(url))
    assert not ok and what == "page not found"


@pytest.mark.parametrize("values, q, expected", [([1, 2, 3, 4], 0.5, 3), ([5], 0.9, 5)])
def test_percentiles(values, q, expected):
    assert load._percentile(values, q) == expected
