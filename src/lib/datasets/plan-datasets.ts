import { ident, literal } from '../sql/quote';
import { inferRoles } from '../ingest/infer-roles';
import type { LoadedTable } from '../ingest/load-file';
import { shortNames } from '../ingest/names';
import type { ColumnProfile } from '../ingest/profile';
import { columnWith, type Role } from '../ingest/roles';
import type { DatasetPlan } from './dataset-plan';
import { sharedTitle } from './file-labels';
import { detectWide } from './reshape-wide';
import { planStack } from './stack-files';
import { groupTables, type StackChoice } from './stack-groups';

const PREDICTION_NAME =
  /^(pred|preds|prediction|predictions|predicted|y_?pred)([._-]|$)|[._-]pred(s|iction|ictions)?([._-]|$)/i;
const OPTION_NAME = /^(ans|answer|option|choice)_?([0-9])$/i;

/**
 * Decides how loaded tables combine: files that share their columns (or their label, prediction,
 * outcome, id and model columns and half the rest) are stacked by name, the model named from the
 * files; the user's stacking choices go over that; a table of example metadata is joined on the
 * example id, several prediction columns are unpivoted into a model column, and predictions
 * written as option text are matched to options.
 */
export function planDatasets(
  tables: LoadedTable[],
  choices: readonly StackChoice[] = [],
): DatasetPlan[] {
  const guesses = new Map(tables.map((t) => [t.table, inferRoles(t.profile, t.roles)]));
  const hasOutcomes = (t: LoadedTable) => {
    const roles = guesses.get(t.table)!.roles;
    return (['label', 'prediction', 'outcome', 'score'] as const).some(
      (r) => columnWith(roles, r) !== undefined,
    );
  };
  const chosen = new Set(choices.flatMap((c) => c.files));
  const metadata = tables.filter(
    (t) => !hasOutcomes(t) && idColumn(t) !== undefined && !chosen.has(t.fileName),
  );
  const main = tables.filter((t) => !metadata.includes(t));
  const roles = new Map([...guesses].map(([table, g]) => [table, g.roles]));
  const { groups, leftOut } = groupTables(main, roles, choices);

  const usedMetadata = new Set<string>();
  const plans = groups.map((group) => {
    const plan = planGroup(group, guesses.get(group[0].table)!.roles);
    const left = leftOut.get(group);
    if (left) plan.leftOut = left;
    for (const meta of metadata) {
      const key = idColumn(meta)!;
      // Ids of different types (1 vs "q1") would fail the join and lose the whole dataset.
      const keyType = meta.profile.columns.find((c) => c.name === key)?.sqlType;
      const joinable = group[0].profile.columns.some(
        (c) => c.name === key && c.sqlType === keyType,
      );
      if (usedMetadata.has(meta.table) || !joinable) continue;
      usedMetadata.add(meta.table);
      joinMetadata(plan, meta, key, group[0].profile.columns);
    }
    return plan;
  });
  for (const meta of metadata) {
    if (!usedMetadata.has(meta.table))
      plans.push(planGroup([meta], guesses.get(meta.table)!.roles));
  }
  return plans;
}

function idColumn(t: LoadedTable): string | undefined {
  return columnWith(inferRoles(t.profile).roles, 'id');
}

function planGroup(group: LoadedTable[], roles: Record<string, Role>): DatasetPlan {
  const first = group[0];
  const columns = first.profile.columns;
  const notes = [...new Set(group.flatMap((t) => t.notes))];
  const predictionColumns = columns.filter((c) => PREDICTION_NAME.test(c.name));
  const wide = predictionColumns.length >= 2 && columnWith(roles, 'model') === undefined;
  let select = `SELECT * FROM ${ident(first.table)}`;
  let reshapes = group.length > 1;
  const stacked = group.length > 1 ? planStack(group, roles, { modelElsewhere: wide }) : null;
  if (stacked) {
    select = stacked.select;
    notes.push(...stacked.notes);
  }

  if (wide) {
    const short = shortNames(predictionColumns.map((c) => c.name));
    const cases = predictionColumns
      .map((c, i) => `WHEN ${literal(c.name)} THEN ${literal(short[i])}`)
      .join(' ');
    select = [
      `SELECT * REPLACE (CASE model ${cases} END AS model)`,
      `FROM (UNPIVOT (${select}) ON ${predictionColumns.map((c) => ident(c.name)).join(', ')}`,
      `INTO NAME model VALUE prediction)`,
    ].join('\n');
    reshapes = true;
    notes.push(
      `${predictionColumns.length} prediction columns unpivoted into one row per example x model (${short.join(', ')}).`,
    );
  }

  const options = optionColumns(columns);
  const label = columns.find((c) => c.name === columnWith(roles, 'label'));
  const predictionIsText = wide
    ? predictionColumns[0].kind === 'text'
    : columns.find((c) => c.name === columnWith(roles, 'prediction'))?.kind === 'text';
  if (options.length >= 2 && label?.kind === 'integer' && predictionIsText) {
    const prediction = wide ? 'prediction' : columnWith(roles, 'prediction')!;
    const match = options
      .map(
        (o, i) =>
          `WHEN lower(trim(${ident(prediction)})) = lower(trim(${ident(o.name)}::VARCHAR)) THEN ${i}`,
      )
      .join(' ');
    select = `SELECT * EXCLUDE (${ident(prediction)}), CASE ${match} END AS prediction, ${ident(prediction)} AS predicted_text\nFROM (${select})`;
    reshapes = true;
    notes.push(
      `Predictions are answer text: matched (case-insensitive) to the options ${options.map((o) => o.name).join(', ')}; text matching no option counts as wrong.`,
    );
  }

  const wideTable = group.length === 1 && !wide ? detectWide(first.profile) : null;
  if (wideTable)
    notes.push(
      `One row per ${first.profile.columns[0].name} and a column per evaluation set or metric: reshape it by ${wideTable.join(' and ')} (below) to chart robustness or slice by set.`,
    );
  const plan: DatasetPlan = {
    name: `ds_${first.table}`,
    title: sharedTitle(group.map((t) => t.fileName)),
    sources: group.map((t) => t.table),
    files: group.map((t) => t.fileName),
    select,
    reshapes,
    notes,
    origin: 'files',
    ...(stacked ? { stack: stacked.stack } : {}),
    ...(stacked || first.roles ? { roles: { ...first.roles, ...stacked?.roles } } : {}),
    ...(stacked?.stack.configColumn ? { overviewSplit: stacked.stack.configColumn } : {}),
    ...(!stacked && first.overviewSplit ? { overviewSplit: first.overviewSplit } : {}),
    ...(wideTable ? { reshape: wideTable } : {}),
  };
  return reshapes ? plan : { ...plan, profile: first.profile };
}

function optionColumns(columns: ColumnProfile[]): ColumnProfile[] {
  return columns
    .filter((c) => OPTION_NAME.test(c.name))
    .sort((a, b) => Number(OPTION_NAME.exec(a.name)![2]) - Number(OPTION_NAME.exec(b.name)![2]));
}

function joinMetadata(
  plan: DatasetPlan,
  meta: LoadedTable,
  key: string,
  mainColumns: ColumnProfile[],
): void {
  const existing = new Set(mainColumns.map((c) => c.name.toLowerCase()));
  const extra = meta.profile.columns.filter(
    (c) => c.name !== key && !existing.has(c.name.toLowerCase()),
  );
  const picked = extra.map((c) => `m.${ident(c.name)}`).join(', ');
  plan.select = `SELECT d.*${picked ? `, ${picked}` : ''}\nFROM (${plan.select}) AS d\nLEFT JOIN ${ident(meta.table)} AS m ON d.${ident(key)} = m.${ident(key)}`;
  plan.sources.push(meta.table);
  plan.files?.push(meta.fileName);
  plan.reshapes = true;
  plan.profile = undefined;
  plan.notes.push(
    `Metadata from ${meta.fileName} joined on "${key}" (${extra.length} columns added).`,
  );
}
