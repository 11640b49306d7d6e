type Row = Record<string, unknown>;

/**
 * The totals of a slice table summed from its slices, column by column (per model, `slice_0`,
 * when there is one): every row falls in exactly one slice (rows with no value in a slice of their
 * own), so for statistics that are counts the sums are the totals query's numbers exactly, and the
 * second pass over the data is saved. Only for whole counts: sums of fractions would differ from
 * DuckDB's in the last bits (see countedTotals in build-slice-table.ts).
 */
export function totalsFromSlices(slices: readonly Row[], hasModel: boolean): Row[] {
  const totals = new Map<unknown, Row>();
  for (const slice of slices) {
    const model = hasModel ? slice.slice_0 : undefined;
    let total = totals.get(model);
    if (!total) {
      total = hasModel ? { slice_0: model } : {};
      totals.set(model, total);
    }
    for (const [key, value] of Object.entries(slice))
      if (!key.startsWith('slice_')) total[key] = Number(total[key] ?? 0) + Number(value);
  }
  return [...totals.values()];
}
