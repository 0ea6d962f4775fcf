"""Tools around the dashboard: the benchmark and its pandas baseline, the load test, the browser helpers and
the screenshots."""
