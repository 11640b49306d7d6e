"""What an analyst would write with polars, on the bench's dumps: the same questions as
pandas_overview.py (load; accuracy per model with n and a Wilson 95% interval; the slice table:
the same per model and slice, with the gap to the rest of that model's rows), as polars
expressions. Polars runs on every core of the machine; the browser's DuckDB runs on one.

Usage: python polars_overview.py '<dump json>' '<plan json>'
Prints progress to stderr and the measures as one line of JSON on stdout, in the shape of
bench/plan.ts's Measures.
"""

import polars as pl

from peer_questions import arguments, measure

Z95 = 1.959963984540054


def wilson(successes, n, z=Z95):
    """The Wilson score interval as polars expressions, the same formula as pandas_overview.py."""
    p = successes / n
    centre = p + z * z / (2 * n)
    spread = z * (p * (1 - p) / n + z * z / (4 * n * n)).sqrt()
    denominator = 1 + z * z / n
    return ((centre - spread) / denominator).alias("low"), ((centre + spread) / denominator).alias("high")


def counts(df, keys):
    correct = (pl.col("label") == pl.col("prediction")) & pl.col("label").is_not_null()
    # Counts as floats: polars counts in UInt32, and the Wilson formula's 4 n^2 overflows it.
    return df.group_by(keys).agg(
        pl.col("label").count().cast(pl.Float64).alias("n"),
        correct.sum().cast(pl.Float64).alias("successes"),
    )


def overview(df):
    out = counts(df, ["model"]).sort("model")
    return out.with_columns(
        (pl.col("successes") / pl.col("n")).alias("accuracy"), *wilson(pl.col("successes"), pl.col("n"))
    )


def slice_table(df, features):
    slices = counts(df, ["model", *features])
    totals = counts(df, ["model"]).rename({"n": "total_n", "successes": "total_s"})
    out = slices.join(totals, on="model").with_columns(
        (pl.col("successes") / pl.col("n")).alias("accuracy"),
        *wilson(pl.col("successes"), pl.col("n")),
    )
    rest = (pl.col("total_s") - pl.col("successes")) / (pl.col("total_n") - pl.col("n"))
    return out.with_columns((pl.col("accuracy") - rest).alias("gap")).sort(["model", *features])


def main():
    dump, plan = arguments()
    notes = [f"polars {pl.__version__} on {pl.thread_pool_size()} threads"]
    loaders = {
        "parquet": lambda: pl.read_parquet(dump["parquet"]),
        "csv": lambda: pl.read_csv(dump["csv"], infer_schema_length=10_000),
    }
    measure("polars", plan, loaders, overview, slice_table, notes)


if __name__ == "__main__":
    main()
