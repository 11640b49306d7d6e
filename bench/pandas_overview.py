"""What an analyst would write with pandas, on the bench's dumps: load, then the overview
(accuracy per model with n and a Wilson 95% interval) and the slice table (the same per model and
slice, with the gap to the rest) as groupbys.

Usage: python3 pandas_overview.py '<dump json>' '<plan json>'
Prints progress to stderr and the measures as one line of JSON on stdout, in the shape of
bench/plan.ts's Measures. Parquet is read only where pyarrow or fastparquet is installed.
"""

import math

import pandas as pd

from peer_questions import arguments, measure

Z95 = 1.959963984540054


def wilson(successes, n, z=Z95):
    if n <= 0:
        return (math.nan, math.nan)
    p = successes / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    denominator = 1 + z * z / n
    return ((centre - spread) / denominator, (centre + spread) / denominator)


def overview(df):
    counts = (
        df.assign(correct=(df["label"] == df["prediction"]) & df["label"].notna())
        .groupby("model", sort=True)
        .agg(n=("label", "count"), successes=("correct", "sum"))
    )
    return [
        {"model": model, "n": int(r.n), "accuracy": r.successes / r.n, "interval": wilson(r.successes, r.n)}
        for model, r in counts.iterrows()
    ]


def slice_table(df, features):
    """Accuracy per model and slice with n, a Wilson interval, and the gap to the rest of that
    model's rows (the slice table's question)."""
    correct = df.assign(correct=(df["label"] == df["prediction"]) & df["label"].notna())
    slices = correct.groupby(["model", *features], sort=True, observed=True).agg(
        n=("label", "count"), successes=("correct", "sum")
    )
    totals = correct.groupby("model").agg(n=("label", "count"), successes=("correct", "sum"))
    t = totals.reindex(slices.index.get_level_values("model"))
    rest_n = t["n"].to_numpy() - slices["n"].to_numpy()
    rest_s = t["successes"].to_numpy() - slices["successes"].to_numpy()
    out = slices.assign(accuracy=slices["successes"] / slices["n"])
    out["gap"] = out["accuracy"] - rest_s / rest_n
    out["interval"] = [wilson(s, n) for s, n in zip(out["successes"], out["n"])]
    return out


def parquet_reader():
    for engine in ("pyarrow", "fastparquet"):
        try:
            __import__(engine)
            return engine
        except ImportError:
            pass
    return None


def main():
    dump, plan = arguments()
    notes = [f"pandas {pd.__version__}"]
    engine = parquet_reader()
    loaders = {"csv": lambda: pd.read_csv(dump["csv"])}
    if engine:
        loaders["parquet"] = lambda: pd.read_parquet(dump["parquet"], engine=engine)
    else:
        notes.append("pandas: Parquet skipped (neither pyarrow nor fastparquet is installed)")
    measure("pandas", plan, loaders, overview, slice_table, notes)


if __name__ == "__main__":
    main()
