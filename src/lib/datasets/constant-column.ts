import type { LoadedTable } from '../ingest/load-file';

/** A column holding one value in each file and different values across files: who made the rows. */
export interface FileConstant {
  column: string;
  /** Its value in each file, in the files' order. */
  values: string[];
  distinct: number;
  /** Named like a maker of rows (model, subject, observer, ...): then it is taken as the model. */
  namedLikeModel: boolean;
}

const MAKER =
  /^(model|models|model_?(id|name)|system|checkpoint|classifier|method|subj|subject|observer|participant|annotator|rater|network|agent|llm)$/i;

/**
 * The column that is constant within each file and differs between them, if any: per-trial files
 * of observers (`subj`: subject-01 in two sessions' files, resnet50 in another) name their model
 * by a column, not by the file. Among several, a model-like name first, then text, then the one
 * with more values. Only a model-like name makes it the model: a category per file (BBQ's files
 * per bias category) is constant within each file too.
 */
export function constantPerFile(tables: readonly LoadedTable[]): FileConstant | null {
  if (tables.length < 2) return null;
  const [first, ...rest] = tables;
  const candidates: (FileConstant & { text: boolean })[] = [];
  for (const c of first.profile.columns) {
    const perFile = tables.map((t) => t.profile.columns.find((x) => x.name === c.name));
    const constant = perFile.every(
      (p, i) => p && p.distinct === 1 && p.nonNull === tables[i].profile.rows,
    );
    if (!constant || rest.length === 0) continue;
    const values = tables.map((t) => String(t.preview[0]?.[c.name] ?? ''));
    const distinct = new Set(values).size;
    if (distinct < 2 || values.includes('')) continue;
    const namedLikeModel = MAKER.test(c.name);
    candidates.push({ column: c.name, values, distinct, namedLikeModel, text: c.kind === 'text' });
  }
  candidates.sort(
    (a, b) =>
      Number(b.namedLikeModel) - Number(a.namedLikeModel) ||
      Number(b.text) - Number(a.text) ||
      b.distinct - a.distinct,
  );
  const [best] = candidates;
  if (!best) return null;
  const { text: _text, ...constant } = best;
  return constant;
}
