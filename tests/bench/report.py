#!/usr/bin/env python3
"""Prints the benchmark results with their ratios against the references and the targets.

Reads the figures run.sh left in its output directory (rows, busy_percent,
copy_seconds, import_seconds, floor_seconds, peak_rss_kb, baseline_rss_kb, wrk-renda.txt,
wrk-reference.txt,
deputies-scans-renda, deputies-scans-reference), writes
results.json there, and exits 3 when a target is missed (0 when all are met).

Usage: report.py OUT_DIR
"""

import json
import re
import sys
from pathlib import Path

# The targets.
IMPORT_MAX_RATIO = 3.0
IMPORT_MAX_RSS_MB = 300.0
LIST_MIN_RPS_RATIO = 0.5
LIST_MAX_P99_RATIO = 2.0

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def wrk_stats(path: Path) -> dict:
    """Requests/sec, the 99th percentile and the failures from `wrk --latency` output."""
    text = path.read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    p99 = float(m.group(1)) * UNITS_MS[m.group(2)]
    m = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    p50 = float(m.group(1)) * UNITS_MS[m.group(2)]
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {
        "requests": requests,
        "rps": rps,
        "p50_ms": p50,
        "p99_ms": p99,
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(int(g) for g in socket.groups()) if socket else 0,
    }


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    out = Path(sys.argv[1])
    read = lambda name: (out / name).read_text().strip()  # noqa: E731
    rows = int(read("rows"))
    # How busy the machine was before each benchmark (other processes): the worse one.
    busy = max(int(b) for b in read("busy_percent").split())
    copy_s = float(read("copy_seconds"))
    floor_s = float(read("floor_seconds"))
    import_s = float(read("import_seconds"))
    peak_mb = int(read("peak_rss_kb")) / 1024
    base_mb = int(read("baseline_rss_kb")) / 1024
    renda = wrk_stats(out / "wrk-renda.txt")
    ref = wrk_stats(out / "wrk-reference.txt")
    # Scans of the deputies table per request: the page query's, plus one if the server
    # counted the matching deputies on every page.
    renda["deputies_scans_per_request"] = int(read("deputies-scans-renda")) / renda["requests"]
    ref["deputies_scans_per_request"] = int(read("deputies-scans-reference")) / ref["requests"]

    import_ratio = import_s / copy_s
    rps_ratio = renda["rps"] / ref["rps"]
    p99_ratio = renda["p99_ms"] / ref["p99_ms"]
    clean = renda["non_2xx"] + renda["socket_errors"] + ref["non_2xx"] + ref["socket_errors"] == 0
    checks = {
        "import_time": import_ratio <= IMPORT_MAX_RATIO,
        "import_peak_rss": peak_mb <= IMPORT_MAX_RSS_MB,
        "list_rps": rps_ratio >= LIST_MIN_RPS_RATIO,
        "list_p99": p99_ratio <= LIST_MAX_P99_RATIO,
        "list_no_errors": clean,
        "list_no_count": renda["deputies_scans_per_request"]
        <= ref["deputies_scans_per_request"] + 0.5,
    }

    print()
    if busy > 20:
        print(f"WARNING: other processes kept the machine {busy}% busy; the figures are noisy.")
    print(f"== Roster import: {rows:,} rows ==")
    print(f"  psql \\copy into a bare table : {copy_s:8.3f} s   (median of 3)")
    print(f"  renda POST /imports/roster   : {import_s:8.3f} s")
    print(f"  ratio import / copy          : {import_ratio:8.2f} x   target <= {IMPORT_MAX_RATIO:g} x   "
          f"{verdict(checks['import_time'])}")
    print(f"  floor: psql \\copy of the stored rows into renda's tables (indexes, foreign keys): "
          f"{floor_s:.3f} s = {floor_s / copy_s:.2f} x the bare copy (information, no target)")
    print(f"  server peak RSS (VmHWM)      : {peak_mb:8.1f} MB  target <= {IMPORT_MAX_RSS_MB:g} MB  "
          f"{verdict(checks['import_peak_rss'])}   (RSS before the import: {base_mb:.1f} MB)")
    print()
    print("== GET /api/v1/deputies, 50 per page, term + delegation filter, 32 connections ==")
    print(f"  {'':22}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'requests':>10}{'errors':>8}")
    for label, s in (("renda", renda), ("reference", ref)):
        print(f"  {label:22}{s['rps']:10.1f}{s['p50_ms']:10.2f}{s['p99_ms']:10.2f}"
              f"{s['requests']:10d}{s['non_2xx'] + s['socket_errors']:8d}")
    print(f"  ratio req/s renda / reference: {rps_ratio:6.2f} x   target >= {LIST_MIN_RPS_RATIO:g} x   "
          f"{verdict(checks['list_rps'])}")
    print(f"  ratio p99 renda / reference  : {p99_ratio:6.2f} x   target <= {LIST_MAX_P99_RATIO:g} x   "
          f"{verdict(checks['list_p99'])}")
    print(f"  deputies-table scans per request: renda {renda['deputies_scans_per_request']:.2f}, "
          f"reference {ref['deputies_scans_per_request']:.2f} (no COUNT per page: "
          f"{verdict(checks['list_no_count'])})")
    if not clean:
        print("  FAIL: some requests failed (non-2xx or socket errors); see the wrk-*.txt files")
    print()
    print(f"Closing note: importing a {rows:,}-row synthetic roster took {import_s:.2f} s "
          f"({import_ratio:.2f} x psql \\copy); the server's peak memory was {peak_mb:.0f} MB.")

    results = {
        "rows": rows,
        "busy_percent_before": busy,
        "import": {
            "copy_seconds": copy_s,
            "import_seconds": import_s,
            "ratio": import_ratio,
            "floor_seconds": floor_s,
            "peak_rss_mb": peak_mb,
            "baseline_rss_mb": base_mb,
        },
        "list": {"renda": renda, "reference": ref, "rps_ratio": rps_ratio, "p99_ratio": p99_ratio},
        "pass": checks,
    }
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    failed = [k for k, ok in checks.items() if not ok]
    print(f"Targets: {'all met' if not failed else 'missed: ' + ', '.join(failed)}"
          f"  (details in {out / 'results.json'})")
    return 3 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
