import type { LoadedTable } from '../ingest/load-file';
import { columnWith, type Role, type RoleHint } from '../ingest/roles';
import { ident, literal } from '../sql/quote';
import { constantPerFile } from './constant-column';
import type { StackInfo } from './dataset-plan';
import { fileLabels } from './file-labels';
import { folderColumns, type FolderColumns } from './folder-columns';
import { plural } from '../format';

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
 * observer of per-trial files); else the files themselves (`model` from that differing part; in
 * per-model folders, `results/<model>/<config>/out.json`, `model` and `config` from the two
 * folders that differ: folder-columns.ts).
 * `modelElsewhere`: the model comes from the rows (wide prediction columns unpivoted).
 */
export function planStack(
  group: readonly LoadedTable[],
  roles: Record<string, Role>,
  options: { modelElsewhere: boolean } = { modelElsewhere: false },
): PlannedStack {
  const paths = group.map((t) => t.fileName);
  const all = new Set(group.flatMap((t) => t.profile.columns.map((c) => c.name.toLowerCase())));
  const modelKnown = options.modelElsewhere || columnWith(roles, 'model') !== undefined;
  const found = modelKnown ? null : constantPerFile(group);
  const constant = found?.namedLikeModel ? found : null;
  const filesAreModels = !modelKnown && !constant;
  const column = ['model', 'file', 'source_file'].find(
    (n) => !all.has(n) && (n !== 'model' || filesAreModels),
  )!;
  const folders = column === 'model' ? folderColumns(paths) : null;
  const configColumn = folders?.configs
    ? ['config', 'folder_config'].find((n) => !all.has(n))
    : undefined;
  const labels = folders && (configColumn || !folders.configs) ? folders.models : fileLabels(paths);
  const configs = configColumn ? folders?.configs : undefined;
  const union = (t: LoadedTable) => new Set(t.profile.columns.map((c) => c.name.toLowerCase()));
  // Each column's spellings in the order met; UNION ALL BY NAME takes the first (names ignore case).
  const spellings = new Map<string, string[]>();
  for (const name of group.flatMap((t) => t.profile.columns.map((c) => c.name))) {
    const seen = spellings.get(name.toLowerCase()) ?? [];
    if (!seen.includes(name)) spellings.set(name.toLowerCase(), [...seen, name]);
  }
  const everyName = [...spellings.values()].map((s) => s[0]);
  const stack: StackInfo = {
    column,
    ...(configColumn ? { configColumn } : {}),
    files: group.map((t, i) => ({
      table: t.table,
      fileName: t.fileName,
      label: labels[i],
      ...(configs ? { config: configs[i] } : {}),
      lacks: everyName.filter((n) => !union(t).has(n.toLowerCase())),
    })),
  };
  const hints: Record<string, RoleHint> = {};
  const shown = labels.map((l, i) => (configs ? `${l} · ${configs[i]}` : l)).join(', ');
  if (constant)
    hints[constant.column] = {
      role: 'model',
      reason: `constant within each file and different between them: ${constant.distinct} values over ${group.length} files`,
    };
  if (column === 'model' && configColumn) {
    hints[column] = {
      role: 'model',
      reason: `the first folder that differs between the file paths: ${distinct(labels)}`,
    };
    hints[configColumn] = {
      role: 'group',
      reason: `the folder after the model's that differs between the file paths: ${distinct(configs!)}`,
    };
  } else if (column === 'model')
    hints[column] = { role: 'model', reason: `the part of the file paths that differs: ${shown}` };
  else
    hints[column] = {
      role: 'group',
      reason: `each row's file, by the part of its path that differs`,
    };
  const lacking = stack.files.filter((f) => f.lacks.length > 0);
  const merged = [...spellings.values()].filter((s) => s.length > 1);
  const naming = configColumn
    ? `columns "${column}" and "${configColumn}" name`
    : `column "${column}" names`;
  const notes = [
    `${group.length} files stacked by column name; ${naming} each row's file (${shown}).`,
    ...(folders && labels === folders.models ? [folderNote(folders, column, configColumn)] : []),
    ...(merged.length > 0
      ? [
          `Columns whose names differ only in case between the files were stacked as one (SQL names ignore case): ${merged.map((s) => s.map((n) => `"${n}"`).join(' / ')).join(', ')}.`,
        ]
      : []),
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
  const config = (f: StackInfo['files'][number]) =>
    stack.configColumn ? `, ${literal(f.config ?? '')} AS ${ident(stack.configColumn)}` : '';
  return stack.files
    .map(
      (f) =>
        `SELECT *, ${literal(f.label)} AS ${ident(stack.column)}${config(f)} FROM ${ident(f.table)}`,
    )
    .join('\nUNION ALL BY NAME\n');
}

/** The values once each, sorted: the same words whatever order the files were listed in. */
const distinct = (values: readonly string[]) => [...new Set(values)].sort().join(', ');

/** Which path segments became which columns, for the dataset's notes. */
function folderNote(folders: FolderColumns, model: string, config: string | undefined): string {
  const segments = (positions: number[]) =>
    `${plural(positions.length, 'segment')} ${positions.join(' and ')}`;
  const parts = [
    `${segments([folders.modelSegment])} became "${model}" (${distinct(folders.models)})`,
    ...(config && folders.configs
      ? [`${segments(folders.configSegments)} "${config}" (${distinct(folders.configs)})`]
      : []),
  ];
  return `Per-model folders (${folders.layout}): path ${parts.join(', ')}.`;
}
