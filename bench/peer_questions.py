"""The timing loop the Python peers share (pandas_overview.py, polars_overview.py): each loader,
then the overview and the slice table's questions, warm-up runs first, as bench/plan.ts plans them.
Prints progress to stderr and the measures as one line of JSON on stdout (bench/plan.ts's Measures).
"""

import json
import resource
import sys
import time

SLICE_QUESTIONS = [
    ("slice table, 1 feature", ["region"]),
    ("slice table, 2 features", ["region", "lang"]),
]


def timed(work):
    started = time.perf_counter()
    value = work()
    return (time.perf_counter() - started) * 1000, value


def measure(who, plan, loaders, overview, slice_table, notes):
    """Times `loaders` (format -> function), then `overview(df)` and `slice_table(df, features)`
    on the last frame loaded, and prints the Measures."""
    values = {}
    df = None
    for fmt, load in loaders.items():
        for run in range(plan["warmup"] + plan["runs"]):
            ms, df = timed(load)
            warm = " (warm-up)" if run < plan["warmup"] else ""
            print(f"  {who} {fmt} run {run + 1}{warm}: load {ms:.0f} ms", file=sys.stderr)
            if run >= plan["warmup"]:
                values.setdefault(f"load {fmt}", []).append(ms)
    for i in range(plan["warmup"] + plan["runs"] * plan["toggles"]):
        ms, _ = timed(lambda: overview(df))
        if i >= plan["warmup"]:
            values.setdefault("overview", []).append(ms)
    for name, features in SLICE_QUESTIONS:
        for i in range(plan["warmup"] + plan["runs"]):
            ms, _ = timed(lambda: slice_table(df, features))
            if i >= plan["warmup"]:
                values.setdefault(name, []).append(ms)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    notes.append(f"{who} peak RSS {rss:.0f} MiB")
    print(json.dumps({"values": values, "notes": notes}))


def arguments():
    """The dump and the plan, as bench/run.ts passes them."""
    return (json.loads(a) for a in sys.argv[1:3])
