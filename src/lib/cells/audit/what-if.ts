import { computeLeaderboard } from '../../metrics/compute-leaderboard';
import { exampleLeaderboardPlan } from '../../metrics/example-leaderboard-plan';
import { metricById, metricsFor } from '../../metrics/metrics';
import type { Dataset } from '../../notebook/dataset';
import { ident } from '../../sql/quote';
import type { Excludable } from './audit-cell';
import type { AuditPlan } from './audit-plan';
import type { WhatIf } from './audit-result';

type Read = (sql: string) => Promise<Record<string, unknown>[]>;

/** Bootstrap replicates of the "what if" leaderboards' rank intervals (the leaderboard's default). */
const REPLICATES = 200;

/** The examples of each finding, as subqueries of `__id`, from the audit's working tables. */
export type FindingIds = Partial<Record<Excludable, string>>;

/** The working table of the examples left out: the union of the chosen findings'. */
export function excludedSql(table: string, findings: FindingIds, chosen: readonly Excludable[]) {
  const parts = chosen.filter((f) => findings[f]).map((f) => findings[f]!);
  return `CREATE TEMP TABLE ${ident(table)} AS ${parts.join('\nUNION\n')}`;
}

/**
 * The leaderboard of the audited models by the task's headline metric, per slice of the feature,
 * on every example and on those not left out (`excluded`, a table of `__id`), with how many
 * examples each chosen finding leaves out (`counts`).
 */
export async function whatIf(
  p: AuditPlan,
  dataset: Dataset,
  findings: FindingIds,
  chosen: readonly Excludable[],
  counts: Partial<Record<Excludable, number>>,
  excluded: string,
  read: Read,
): Promise<WhatIf | undefined> {
  const metric = metricsFor(dataset.taskKind).find((m) => m.id !== 'count');
  const used = chosen.filter((f) => findings[f]);
  if (!metric || used.length === 0) return undefined;
  await read(excludedSql(excluded, findings, used));
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
