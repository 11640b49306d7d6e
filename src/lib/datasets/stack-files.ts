import type { LoadedTable } from '../ingest/load-file';
import { columnWith, type Role, type RoleHint } from '../ingest/roles';
import { ident, literal } from '../sql/quote';
import { constantPerFile } from './constant-column';
import type { StackInfo } from './dataset-plan';
import { fileLabels } from './file-labels';

/** A stack of files: its SELECT, how it was made, the roles that follows from, and notes. */
export interface PlannedStack {
  select: string;
  stack: StackInfo;
  roles: Record<string, RoleHint>;
  notes: string[];
}

/**
 * Stacks files by column name (a column a file lacks is empty in its rows) and adds a column
 * naming each row's file by the part of its path that differs. The model is a model column if the
 * files have one; else a column constant within each file and different between them (the
 * observer of per-trial files); else the files themselves (`model` from that differing part).
 * `modelElsewhere`: the model comes from the rows (wide prediction columns unpivoted).
 */
export function planStack(
  group: readonly LoadedTable[],
  roles: Record<string, Role>,
  options: { modelElsewhere: boolean } = { modelElsewhere: false },
): PlannedStack {
  const labels = fileLabels(group.map((t) => t.fileName));
  const all = new Set(group.flatMap((t) => t.profile.columns.map((c) => c.name.toLowerCase())));
  const modelKnown = options.modelElsewhere || columnWith(roles, 'model') !== undefined;
  const found = modelKnown ? null : constantPerFile(group);
  const constant = found?.namedLikeModel ? found : null;
  const filesAreModels = !modelKnown && !constant;
  const column = ['model', 'file', 'source_file'].find(
    (n) => !all.has(n) && (n !== 'model' || filesAreModels),
  )!;
  const union = (t: LoadedTable) => new Set(t.profile.columns.map((c) => c.name.toLowerCase()));
  const everyName = [
    ...new Map(
      group.flatMap((t) => t.profile.columns.map((c) => [c.name.toLowerCase(), c.name])),
    ).values(),
  ];
  const stack: StackInfo = {
    column,
    files: group.map((t, i) => ({
      table: t.table,
      fileName: t.fileName,
      label: labels[i],
      lacks: everyName.filter((n) => !union(t).has(n.toLowerCase())),
    })),
  };
  const hints: Record<string, RoleHint> = {};
  const shown = labels.join(', ');
  if (constant)
    hints[constant.column] = {
      role: 'model',
      reason: `constant within each file and different between them: ${constant.distinct} values over ${group.length} files`,
    };
  if (column === 'model')
    hints[column] = { role: 'model', reason: `the part of the file paths that differs: ${shown}` };
  else
    hints[column] = {
      role: 'group',
      reason: `each row's file, by the part of its path that differs`,
    };
  const lacking = stack.files.filter((f) => f.lacks.length > 0);
  const notes = [
    `${group.length} files stacked by column name; column "${column}" names each row's file (${shown}).`,
    ...(found && !constant
      ? [
          `"${found.column}" is constant within each file (${found.distinct} values): give it the role "model" if it names who made the rows.`,
        ]
      : []),
    ...lacking.map(
      (f) =>
        `${f.fileName} lacks ${f.lacks.length === 1 ? 'column' : `${f.lacks.length} columns`} ${f.lacks
          .slice(0, 8)
          .map((c) => `"${c}"`)
          .join(', ')}${f.lacks.length > 8 ? ', ...' : ''}: empty in its rows.`,
    ),
  ];
  return { select: stackSelect(stack), stack, roles: hints, notes };
}

/** The SELECT stacking the files by column name, each row labelled with its file. */
export function stackSelect(stack: StackInfo): string {
  return stack.files
    .map((f) => `SELECT *, ${literal(f.label)} AS ${ident(stack.column)} FROM ${ident(f.table)}`)
    .join('\nUNION ALL BY NAME\n');
}
