import { plainValue } from '../../notebook/result-values';
import type { SliceAgreement } from '../../metrics/read-agreement';
import type {
  ConfidentModel,
  DuplicateGroup,
  GoldDiffers,
  SliceExtremes,
  Suspect,
} from './audit-result';
import type { ClassProbability } from './audit-plan';

type Row = Record<string, unknown>;

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
/** The models whose bit is set in a mask (bit i for model i). */
const modelsOf = (mask: unknown, models: readonly string[]) =>
  models.filter((_, i) => Math.floor(Number(mask) / 2 ** i) % 2 === 1);

/** goldDiffersSql's rows as one entry per example, its golds in the order the query gives. */
export function readGoldDiffers(rows: readonly Row[], models: readonly string[]): GoldDiffers[] {
  const byId = new Map<string, GoldDiffers>();
  for (const r of rows) {
    const id = plainValue(r.id);
    const key = JSON.stringify(id);
    const entry = byId.get(key) ?? { id, golds: [] };
    entry.golds.push({ gold: text(r.gold), models: modelsOf(r.mask, models) });
    byId.set(key, entry);
  }
  return [...byId.values()];
}

/** suspectEvidenceSql's rows; `confident` null when there were no class probabilities. */
export function readSuspects(
  rows: readonly Row[],
  models: readonly string[],
  withProbabilities: boolean,
): Suspect[] {
  return rows.map((r) => ({
    id: plainValue(r.id),
    gold: text(r.gold),
    answer: text(r.answer),
    agreeing: modelsOf(r.mask, models),
    support: Number(r.support),
    slice: text(r.slice),
    modelsRight: Number(r.models_right),
    confident: withProbabilities ? Number(r.confident) : null,
    answers: models.map((_, i) => text(r[`answer_${i}`])),
    flags: models.map((_, i) =>
      withProbabilities && typeof r[`flag_${i}`] === 'boolean' ? (r[`flag_${i}`] as boolean) : null,
    ),
    text: text(r.text),
  }));
}

/** exactDuplicatesSql's rows, one entry per group. */
export function readDuplicateGroups(rows: readonly Row[]): DuplicateGroup[] {
  const groups = new Map<number, DuplicateGroup>();
  for (const r of rows) {
    const grp = Number(r.grp);
    const group = groups.get(grp) ?? {
      ids: [],
      golds: [],
      goldsAgree: Number(r.gold_values) <= 1,
      text: text(r.text),
    };
    group.ids.push(plainValue(r.id));
    group.golds.push(text(r.gold));
    groups.set(grp, group);
  }
  return [...groups.values()];
}

/** Per slice of the agreement (overall first): the examples no model, and every model, gets right. */
export function readExtremes(slices: readonly SliceAgreement[]): SliceExtremes[] {
  const group = (s: SliceAgreement, name: string) =>
    s.groups.find((g) => g.group === name)?.examples ?? 0;
  return slices.map((s) => ({
    slice: s.slice,
    overall: s.overall,
    n: s.n,
    noneRight: group(s, 'all wrong'),
    allRight: group(s, 'all right'),
  }));
}

/** thresholdsSql's and confidentCountsSql's rows, per model. */
export function readConfident(
  thresholds: readonly Row[],
  counts: readonly Row[],
  models: readonly string[],
  probabilities: readonly ClassProbability[],
): ConfidentModel[] {
  return models.map((model, bit) => {
    const t = thresholds.find((r) => Number(r.__bit) === bit) ?? {};
    const c = counts.find((r) => Number(r.__bit) === bit) ?? {};
    return {
      model,
      n: Number(c.n ?? 0),
      flagged: Number(c.flagged ?? 0),
      thresholds: probabilities.map((p, j) => ({
        value: p.value,
        threshold: t[`__t${j}`] === null || t[`__t${j}`] === undefined ? NaN : Number(t[`__t${j}`]),
        n: Number(t[`__n${j}`] ?? 0),
      })),
    };
  });
}
