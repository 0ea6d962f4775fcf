"""Tools around the dashboard: the benchmark and its pandas baseline, the import benchmark, the load test, serving
several processes behind nginx, the browser helpers and the screenshots."""
