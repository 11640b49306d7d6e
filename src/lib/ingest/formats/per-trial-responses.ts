import { formatCountOf } from '../../format';
import { detectCsvLayout, splitCsvLine } from '../csv-layout';
import { parseCsvRows } from '../csv-rows';
import { commonRoot, underRoot } from './common-root';
import type { FileText, FormatPlan, FoundFile, HarnessFormat } from './harness-format';

/**
 * Per-trial responses of observers (psychophysics, humans beside networks): a CSV per observer
 * and session, a row per trial naming who answered, the condition, the response and the truth.
 * Files written by different scripts spell a header differently (`Session`, `session`), and
 * pandas writes a missing value as the text `NaN`: the files are stacked with the headers merged
 * case-insensitively and `NaN` read as missing, each said in a note.
 */
const DELIMITED = /\.(csv|tsv|txt)$/i;
const OBSERVER = /^(observer|subject|subj|participant)$/;
const RESPONSE = /^response$/;
const TRUTH = /^(truth|ground_?truth|correct_?response)$/;
const CONDITION = /^condition$/;
/** As pandas writes a missing value (and numpy prints one); an empty field is missing too. */
const NAN = new Set(['NaN', 'nan']);
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** The header's cells, or null when the text is not delimited. */
function headerOf(name: string, text: string): string[] | null {
  try {
    const { delimiter } = detectCsvLayout(name, text, true);
    const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
    return splitCsvLine(first, delimiter).map((h) => h.trim());
  } catch {
    return null;
  }
}

const find = (names: readonly string[], pattern: RegExp) =>
  names.find((n) => pattern.test(n.toLowerCase()));

export const perTrialResponses: HarnessFormat = {
  label: 'per-trial responses (observer, response, truth)',
  claim(files: readonly FoundFile[]): FoundFile[][] {
    const trials = files.filter((f) => {
      const names = DELIMITED.test(f.name) ? headerOf(f.name, f.head) : null;
      return names !== null && [OBSERVER, RESPONSE, TRUTH].every((p) => find(names, p));
    });
    return trials.length > 0 ? [trials] : [];
  },
  read(files: readonly FileText[]): FormatPlan {
    const refused: NonNullable<FormatPlan['refused']> = [];
    // By name, so the first spelling of a header (the merged column's name) does not depend on
    // the order a browser lists a folder's files in.
    const byName = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const read = byName.flatMap((file) => {
      try {
        return [readFile(file)];
      } catch (e) {
        refused.push({ name: file.name, message: `${file.name}: ${(e as Error).message}` });
        return [];
      }
    });
    if (read.length === 0) throw new Error(refused.map((r) => r.message).join(' '));
    return stack(read, refused);
  },
};

interface TrialFile {
  name: string;
  header: string[];
  rows: string[][];
}

function readFile(file: FileText): TrialFile {
  const head = file.text.slice(0, 64 * 1024);
  const { delimiter } = detectCsvLayout(file.name, head, head.length === file.text.length);
  const [raw = [], ...rows] = parseCsvRows(file.text, delimiter);
  const header = raw.map((h) => h.trim());
  const seen = new Map<string, string>();
  for (const name of header) {
    const twin = seen.get(name.toLowerCase());
    if (twin !== undefined)
      throw new Error(
        twin === name
          ? `the column "${name}" appears twice in the header, so its values cannot be told apart. Rename one and open the file again.`
          : `the columns "${twin}" and "${name}" differ only in case, so Slicebook cannot tell which one a trial's value belongs to. Rename one and open the file again.`,
      );
    seen.set(name.toLowerCase(), name);
  }
  const bad = rows.findIndex((r) => r.length !== header.length);
  if (bad >= 0)
    throw new Error(
      `line ${bad + 2} has ${rows[bad].length} fields for ${header.length} columns. Check its quoting and open the file again.`,
    );
  if (rows.length === 0) throw new Error('the file has a header but no trials.');
  return { name: file.name, header, rows };
}

/** The files stacked by column name, case aside: the first spelling seen names the column. */
function stack(files: TrialFile[], refused: FormatPlan['refused']): FormatPlan {
  const spellings = new Map<string, string[]>();
  for (const f of files)
    for (const h of f.header) {
      const known = spellings.get(h.toLowerCase()) ?? [];
      if (!known.includes(h)) known.push(h);
      spellings.set(h.toLowerCase(), known);
    }
  const columns = [...spellings.values()].map((s) => s[0]);
  const fileColumn = ['file', 'source_file'].find((n) => !spellings.has(n))!;
  const root = commonRoot(files.map((f) => f.name));
  const nan = new Map<string, number>();
  const records: Record<string, string | null>[] = [];
  for (const f of files) {
    const canonical = f.header.map((h) => spellings.get(h.toLowerCase())![0]);
    const shortName = root ? f.name.slice(root.length + 1) : f.name;
    for (const values of f.rows) {
      const record: Record<string, string | null> = { [fileColumn]: shortName };
      values.forEach((v, i) => {
        const missing = v.trim() === '' || NAN.has(v.trim());
        if (NAN.has(v.trim())) nan.set(canonical[i], (nan.get(canonical[i]) ?? 0) + 1);
        record[canonical[i]] = missing ? null : v;
      });
      records.push(record);
    }
  }
  const numeric = new Set(
    columns.filter((c) => records.every((r) => r[c] == null || NUMBER.test(r[c]!.trim()))),
  );
  const rows = records.map((r) =>
    Object.fromEntries(
      [fileColumn, ...columns].map((c) => {
        const v = r[c] ?? null;
        return [c, v !== null && numeric.has(c) ? Number(v) : v];
      }),
    ),
  );
  const observer = find(columns, OBSERVER)!;
  const response = find(columns, RESPONSE)!;
  const truth = find(columns, TRUTH)!;
  const condition = find(columns, CONDITION);
  const count = (c: string) => new Set(rows.map((r) => r[c]).filter((v) => v !== null)).size;
  const notes = [
    `Read as per-trial responses: ${formatCountOf(files.length, 'file')}, ${formatCountOf(count(observer), 'observer')}${condition ? `, ${formatCountOf(count(condition), 'condition')}` : ''}, ${formatCountOf(rows.length, 'trial')}; "${observer}" is the model, a trial is right when "${response}" equals "${truth}".`,
  ];
  const merged = [...spellings.values()].filter((s) => s.length > 1);
  if (merged.length > 0)
    notes.push(
      `Headers that differ only in case between files were merged into one column each: ${merged.map((s) => `${s.map((n) => `"${n}"`).join(' / ')} as "${s[0]}"`).join(', ')}.`,
    );
  if (nan.size > 0)
    notes.push(
      `The text "NaN" is read as missing, neither a level nor a number: ${[...nan].map(([c, n]) => `${n} in "${c}"`).join(', ')}. A trial with no response counts as wrong; one with no truth is left out.`,
    );
  return {
    name: underRoot(root, 'per-trial responses'),
    rows,
    roles: {
      [observer]: { role: 'model', reason: 'per-trial responses: who responded' },
      [response]: { role: 'prediction', reason: 'per-trial responses: the response given' },
      [truth]: { role: 'label', reason: 'per-trial responses: the correct response' },
      ...(condition
        ? { [condition]: { role: 'condition', reason: 'per-trial responses: the condition' } }
        : {}),
      [fileColumn]: { role: 'group', reason: 'per-trial responses: the file each trial came from' },
    },
    notes,
    ...(condition ? { overviewSplit: condition } : {}),
    ...(refused && refused.length > 0 ? { refused } : {}),
  };
}
