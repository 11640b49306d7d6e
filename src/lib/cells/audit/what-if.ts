import { computeLeaderboard } from '../../metrics/compute-leaderboard';
import { exampleLeaderboardPlan } from '../../metrics/example-leaderboard-plan';
import { metricById, metricsFor } from '../../metrics/metrics';
import type { Dataset } from '../../datasets/dataset';
import { ident } from '../../sql/quote';
import type { Excludable } from './audit-cell';
import type { AuditPlan } from './audit-plan';
import { laterExactCopiesSql } from './duplicates-sql';
import { laterNearCopiesSql, type NearTables } from './near-duplicates-sql';
import type { WhatIf } from './audit-result';

type Read = (sql: string) => Promise<Record<string, unknown>[]>;

/** Bootstrap replicates of the "what if" leaderboards' rank intervals (the leaderboard's default). */
const REPLICATES = 200;

/** Where an audit's findings are: its working tables (near copies only once they were found). */
export interface FindingTables {
  rows: string;
  suspects: string;
  texts: string;
  near?: NearTables;
}

/** The examples (`__id`) of one finding, read from the audit's working tables. */
export function findingIdsSql(t: FindingTables, finding: Excludable): string {
  switch (finding) {
    case 'none-right':
      return `SELECT __id FROM ${ident(t.rows)} WHERE __complete GROUP BY __id HAVING NOT bool_or(__right)`;
    case 'gold-differs':
      return `SELECT __id FROM ${ident(t.rows)} GROUP BY __id HAVING count(DISTINCT __gold) > 1`;
    case 'suspects':
      return `SELECT __id FROM ${ident(t.suspects)}`;
    case 'duplicates':
      return t.near
        ? `${laterExactCopiesSql(t.texts)}\nUNION\n${laterNearCopiesSql(t.near)}`
        : laterExactCopiesSql(t.texts);
  }
}

/** The working table of the examples left out: the union of the chosen findings'. */
export function excludedSql(table: string, t: FindingTables, chosen: readonly Excludable[]) {
  const parts = chosen.map((f) => findingIdsSql(t, f));
  return `CREATE TEMP TABLE ${ident(table)} AS ${parts.join('\nUNION\n')}`;
}

/**
 * The leaderboard of the audited models by the task's headline metric, per slice of the feature,
 * on every example and on those not left out (`excluded`, a table of `__id`): the chosen findings
 * among those the audit `found`, with how many examples each leaves out (`counts`).
 */
export async function whatIf(
  p: AuditPlan,
  dataset: Dataset,
  tables: FindingTables,
  found: readonly Excludable[],
  chosen: readonly Excludable[],
  counts: Partial<Record<Excludable, number>>,
  excluded: string,
  read: Read,
): Promise<WhatIf | undefined> {
  const metric = metricsFor(dataset.taskKind).find((m) => m.id !== 'count');
  const used = chosen.filter((f) => found.includes(f));
  if (!metric || used.length === 0) return undefined;
  await read(excludedSql(excluded, tables, used));
  const counted = used.map((finding) => ({ finding, examples: counts[finding] ?? 0 }));
  const removed = Number((await read(`SELECT count(*)::DOUBLE AS n FROM ${ident(excluded)}`))[0].n);
  const plan = (filter: string) =>
    exampleLeaderboardPlan(
      { name: p.source, ...dataset },
      {
        id: p.id,
        model: p.model,
        models: p.models,
        metric: metric.id,
        feature: p.feature,
        filter,
        replicates: REPLICATES,
      },
    );
  const kept = `${ident(p.id)} NOT IN (SELECT __id FROM ${ident(excluded)})`;
  const before = await computeLeaderboard(plan(p.filter), read);
  const after = await computeLeaderboard(
    plan(p.filter.trim() ? `(${p.filter}) AND ${kept}` : kept),
    read,
  );
  return { metric: metricById(metric.id).label, excluded: counted, removed, before, after };
}
