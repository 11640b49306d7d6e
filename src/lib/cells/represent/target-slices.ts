import { kindOf, type ValueKind } from '../../ingest/profile';
import type { RunContext } from '../../notebook/run-context';
import { checkShares } from './mix-shares';
import { describeSql, targetCountsSql } from './build-represent';
import { MAX_SLICES, type RepresentPlan } from './represent-plan';
import { sliceKey, sliceOfRow, type SliceValues } from './slice-key';

/** One slice of the target: its share, and its rows when counted from a table. */
export interface TargetSlice extends SliceValues {
  share: number;
  rows: number | null;
}

export interface TargetSlices {
  slices: TargetSlice[];
  /** Rows counted in the target table; null for typed shares. */
  rows: number | null;
  notes: string[];
}

type Read = (sql: string) => Promise<Record<string, unknown>[]>;

/**
 * The target's slices: the mix's typed shares, checked and normalised, or its table's rows
 * counted per slice (numeric features cut at the test set's `edges`). A table without the
 * mix's features, or with too many slices, is refused with what to do.
 */
export async function targetSlices(
  plan: RepresentPlan,
  edges: Record<string, number[]>,
  read: Read,
  ctx: RunContext,
): Promise<TargetSlices | { missing: string }> {
  const { mix, features } = plan;
  if (mix.source === 'shares') {
    const checked = checkShares(mix.shares, features.length);
    if ('error' in checked) return { missing: `Mix ${mix.name}: ${checked.error}` };
    return {
      slices: checked.shares.map((s) => ({
        key: sliceKey(s.values),
        values: s.values,
        share: s.share,
        rows: null,
      })),
      rows: null,
      notes: checked.normalised ? [checked.normalised] : [],
    };
  }
  const table = mix.table;
  if (!table) return { missing: `Pick the table the mix ${mix.name} counts its rows from.` };
  const columns = await columnsOf(table, read, ctx);
  if (!columns)
    return {
      missing: `There is no table ${table} to count the mix ${mix.name} from: load its file, or run the cell ${table} first.`,
    };
  const lacking = features.filter((f) => !columns.has(f.column)).map((f) => f.column);
  if (lacking.length > 0)
    return {
      missing: `The target table ${table} has no column ${lacking.join(' or ')} (its columns: ${[...columns.keys()].join(', ')}). A target table needs the mix's feature columns, named as in the test set.`,
    };
  for (const f of features) {
    const kind = columns.get(f.column)!;
    if (f.binning && kind !== 'integer' && kind !== 'number')
      return {
        missing: `${f.column} is numeric in the test set and cut into bins, but ${table} holds it as ${kind}: convert it to a number in a SQL cell first.`,
      };
  }
  const rows = await read(targetCountsSql(table, features, plan.kinds, edges));
  if (rows.length > MAX_SLICES)
    return {
      missing: `${table} has more than ${MAX_SLICES} slices over ${features.map((f) => f.column).join(' × ')}; a target mix takes at most ${MAX_SLICES}. Group the values in a SQL cell (numeric features are binned).`,
    };
  const total = rows.reduce((s, r) => s + Number(r.n), 0);
  if (!(total > 0)) return { missing: `The target table ${table} has no rows to count.` };
  return {
    slices: rows.map((r) => ({
      ...sliceOfRow(r, features.length),
      share: Number(r.n) / total,
      rows: Number(r.n),
    })),
    rows: total,
    notes: [],
  };
}

/** A table's columns and their kinds: a dataset's profile, else DESCRIBE; null when there is none. */
async function columnsOf(
  table: string,
  read: Read,
  ctx: RunContext,
): Promise<Map<string, ValueKind> | null> {
  const dataset = ctx.dataset(table);
  if (dataset) return new Map(dataset.profile.columns.map((c) => [c.name, c.kind]));
  try {
    const rows = await read(describeSql(table));
    return new Map(rows.map((r) => [String(r.column_name), kindOf(String(r.column_type))]));
  } catch {
    return null;
  }
}
