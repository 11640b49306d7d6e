import { CancelledError } from '../../engine/engine';
import { columnWith } from '../../ingest/roles';
import { dataChecks } from '../../ingest/data-checks';
import { agreementSql, type AgreementPlan } from '../../metrics/agreement-sql';
import { readAgreement } from '../../metrics/read-agreement';
import { queryLog } from '../../notebook/query-log';
import { datasetFor, type RunContext, type RunOutcome } from '../../notebook/run-context';
import { distinctValuesSql } from '../../slicing/distinct-values';
import { oneToOneProblem } from '../../slicing/repeated-ids';
import { ident } from '../../sql/quote';
import type { AuditCell, Excludable } from './audit-cell';
import { auditPlan, MAX_AUDIT_MODELS, type ClassProbability } from './audit-plan';
import type { AuditResult } from './audit-result';
import { auditRowsSql, goldDiffersSql, labelSanitySql, thresholdsSql } from './audit-rows-sql';
import { classProbabilities } from './class-probabilities';
import { exactDuplicatesSql, textsSql } from './duplicates-sql';
import { findNearDuplicates } from './find-near-duplicates';
import { labelSanity } from './label-sanity';
import { nearTableNames, nearTables } from './near-duplicates-sql';
import {
  readConfident,
  readDuplicateGroups,
  readExtremes,
  readGoldDiffers,
  readSuspects,
} from './read-audit';
import { confidentCountsSql, suspectEvidenceSql, suspectsSql } from './suspects-sql';
import { findingIdsSql, whatIf, type FindingTables } from './what-if';

/** Examples listed per finding (all are counted). */
export const LISTED = 10_000;

/** The models an audit reads: those the cell names that exist, else the first 12. */
function pickModels(chosen: readonly string[], all: readonly string[]): string[] {
  const named = chosen.filter((m) => all.includes(m));
  return named.length > 0 ? named : all.slice(0, MAX_AUDIT_MODELS);
}

/**
 * Audits a benchmark through its models' answers: pairs the models' rows on the example id
 * (refusing ids that repeat within a model), counts who is right per example, then, on working
 * tables dropped at the end: golds that differ between the models' rows, suspect golds (voters
 * agreeing on one wrong answer; the confident-learning rule where there are class probabilities),
 * duplicated texts (exact, then near by n-gram MinHash, batch by batch with progress), label
 * sanity, and the leaderboard without the findings the cell leaves out. Cancelling keeps what was
 * found before.
 */
export async function runAuditCell(
  cell: AuditCell,
  ctx: RunContext,
): Promise<RunOutcome<AuditResult>> {
  const found = datasetFor(ctx, cell.dataset);
  if (!('dataset' in found)) return found;
  const { dataset } = found;
  const model = columnWith(dataset.roles, 'model');
  if (!model)
    return {
      status: 'missing',
      message:
        'Give a column the role "model": the audit needs two or more models answering the same examples.',
    };
  const { read, statements, failure } = queryLog(ctx.engine, ctx.signal);
  const started = ctx.now();
  const prefix = `_audit_${crypto.randomUUID().replaceAll('-', '')}`;
  const tables = {
    rows: `${prefix}_rows`,
    suspects: `${prefix}_suspects`,
    texts: `${prefix}_texts`,
    excluded: `${prefix}_excluded`,
  };
  const near = nearTables(`${prefix}_near`);
  let result: AuditResult | undefined;
  const progress = (step: string, done = 0, total = 0) => {
    if (!result) return;
    result = { ...result, running: { step, done, total }, sql: statements() };
    ctx.progress?.(result);
  };
  try {
    // The models whose rows the filter keeps: a filter to one model leaves nothing to compare.
    const allModels = (
      await read(distinctValuesSql(dataset.plan.name, model, false, 1000, ctx.filter))
    ).map((r) => String(r.value));
    const plan = auditPlan(cell, dataset, pickModels(cell.models, allModels), ctx.filter);
    if ('missing' in plan) return { status: 'missing', message: plan.missing };
    const { source, id, models } = plan;
    const repeated = await oneToOneProblem(
      read,
      { source, id, model, models, filter: ctx.filter },
      dataset.profile.columns.map((c) => c.name),
    );
    if (repeated) return { status: 'missing', message: repeated };

    const agreement: AgreementPlan = {
      source,
      id,
      model,
      models,
      ...plan.correctness,
      feature: plan.feature,
      filter: ctx.filter,
    };
    const counts = readAgreement(models, await read(agreementSql(agreement)));
    if (counts.notBinary > 0)
      return {
        status: 'missing',
        message: `The outcome ${plan.correctness.answer} holds ${counts.notBinary.toLocaleString('en-US')} values other than 0 and 1: the audit needs each example right or wrong.`,
      };
    const overall = counts.slices[0];
    if (overall.n === 0)
      return {
        status: 'missing',
        message: `No example is answered once by each of the ${models.length} models (paired on ${id}): pick models that were run on the same examples.`,
      };
    const accuracy = overall.right.map((r) => r / overall.n);
    result = {
      status: 'audit',
      agreement,
      allModels,
      models,
      accuracy,
      n: overall.n,
      leftOut: overall.leftOut,
      text: plan.text,
      similarity: plan.similarity,
      extremes: readExtremes(counts.slices),
      sanity: [],
      excludable: {},
      notes: {},
      sql: '',
      seconds: 0,
    };
    const notes = result.notes;
    let probabilities: ClassProbability[] = [];
    if (plan.answers) {
      const found = await classProbabilities(dataset, read);
      if ('none' in found) notes.confident = found.none;
      else probabilities = found.probabilities;
    } else {
      const why =
        'needs the gold label and each model\u2019s answer (the roles "label" and "prediction" on a classification task)';
      notes.goldDiffers = `Comparing the models\u2019 golds ${why}.`;
      notes.suspects = `Finding suspect golds ${why}.`;
    }
    progress('pairing the models\u2019 rows');
    await read(auditRowsSql(plan, tables.rows, probabilities));
    const findings: Excludable[] = ['none-right'];
    const binary = dataset.taskKind === 'binary';
    result.sanity = [
      ...labelSanity(await read(labelSanitySql(tables.rows)), models, accuracy, binary),
      ...dataChecks(dataset.profile, dataset.roles),
    ];
    if (plan.answers) {
      const differ = await read(goldDiffersSql(tables.rows, LISTED));
      result.goldDiffers = {
        total: Number(differ[0]?.total ?? 0),
        examples: readGoldDiffers(differ, models),
      };
      findings.push('gold-differs');
      const order = models.map((_, i) => i).sort((a, b) => accuracy[b] - accuracy[a] || a - b);
      const strongest =
        cell.strongest > 0 ? Math.min(cell.strongest, models.length) : models.length;
      const voters = order.slice(0, Math.max(strongest, 1)).sort((a, b) => a - b);
      const required = cell.agree > 0 ? Math.min(cell.agree, voters.length) : voters.length;
      result.voting = { voters: voters.map((b) => models[b]), required };
      await read(
        suspectsSql(tables.rows, tables.suspects, { bits: voters, required, weights: accuracy }),
      );
      findings.push('suspects');
      if (probabilities.length > 0)
        result.confident = readConfident(
          await read(thresholdsSql(plan, probabilities, tables.rows)),
          await read(confidentCountsSql(tables.rows)),
          models,
          probabilities,
        );
    }
    if (plan.text) {
      progress('reading the texts');
      await read(textsSql(plan, tables.rows, tables.texts));
      const groups = await read(exactDuplicatesSql(tables.texts, LISTED));
      result.exact = {
        groups: Number(groups[0]?.total_groups ?? 0),
        examples: Number(groups[0]?.total_examples ?? 0),
        conflicting: Number(groups[0]?.conflicting ?? 0),
        list: readDuplicateGroups(groups),
      };
    } else
      notes.duplicates =
        'No text column: duplicates are looked for in the examples\u2019 input text (pick its column).';
    if (result.voting) {
      const rows = await read(
        suspectEvidenceSql(
          tables.rows,
          tables.suspects,
          models.length,
          LISTED,
          plan.text ? tables.texts : undefined,
        ),
      );
      result.suspects = {
        total: Number(rows[0]?.total ?? 0),
        list: readSuspects(rows, models, probabilities.length > 0),
      };
    }
    if (plan.text) {
      progress('finding near duplicates');
      const nearFound = await findNearDuplicates({
        read,
        texts: tables.texts,
        tables: near,
        threshold: plan.similarity,
        now: ctx.now,
        onBatch: (search) =>
          progress('hashing the texts\u2019 n-grams', search.done, search.batches),
      });
      if ('tooMany' in nearFound) notes.near = nearFound.tooMany;
      else result.near = nearFound;
      findings.push('duplicates');
    }
    const where: FindingTables = { ...tables, near: result.near ? near : undefined };
    for (const finding of findings) {
      const rows = await read(
        `SELECT count(*)::DOUBLE AS n FROM (${findingIdsSql(where, finding)})`,
      );
      result.excludable[finding] = Number(rows[0].n);
    }
    if (cell.exclude.length > 0) {
      progress('ranking the models without the examples left out');
      result.whatIf = await whatIf(
        plan,
        dataset,
        where,
        findings,
        cell.exclude,
        result.excludable,
        tables.excluded,
        read,
      );
    }
    return {
      ...result,
      running: undefined,
      sql: statements(),
      seconds: (ctx.now() - started) / 1000,
    };
  } catch (e) {
    if (e instanceof CancelledError && result)
      return {
        ...result,
        running: undefined,
        cancelled: true,
        sql: statements(),
        seconds: (ctx.now() - started) / 1000,
      };
    return failure(e);
  } finally {
    for (const table of [...Object.values(tables), ...nearTableNames(near)])
      await ctx.engine.query(`DROP TABLE IF EXISTS ${ident(table)}`).catch(() => undefined);
  }
}
