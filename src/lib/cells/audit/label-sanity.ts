import { formatCountOf } from '../../format';

type Row = Record<string, unknown>;

/**
 * What labelSanitySql found, and each model's accuracy, in words a maintainer can act on: rows
 * without a gold or an answer, answers that are no gold class, accuracy below chance (on a
 * binary task, a prediction whose polarity may be inverted).
 */
export function labelSanity(
  rows: readonly Row[],
  models: readonly string[],
  accuracy: readonly number[],
  binary: boolean,
): string[] {
  const out: string[] = [];
  const classes = Number(rows[0]?.classes ?? 0);
  models.forEach((model, bit) => {
    const r = rows.find((x) => Number(x.__bit) === bit);
    if (!r) return;
    const [unlabelled, unanswered, outside] = ['unlabelled', 'unanswered', 'outside'].map((k) =>
      Number(r[k]),
    );
    if (unlabelled > 0)
      out.push(`${model}: ${formatCountOf(unlabelled, 'row')} without a gold label (not audited).`);
    if (unanswered > 0)
      out.push(`${model}: ${formatCountOf(unanswered, 'row')} without an answer (counted wrong).`);
    if (outside > 0)
      out.push(
        `${model}: ${formatCountOf(outside, 'answer')} that no row has as its gold (another spelling of a class, or a class the benchmark does not have).`,
      );
    const a = accuracy[bit];
    if (binary && a < 0.5)
      out.push(
        `${model}: accuracy ${(100 * a).toFixed(1)}% on a binary task, below 50%: its prediction's polarity may be inverted (check which value means positive).`,
      );
    else if (!binary && classes > 2 && a < 1 / classes)
      out.push(
        `${model}: accuracy ${(100 * a).toFixed(1)}%, below chance with ${classes} classes (${(100 / classes).toFixed(1)}%): check that its answers are read as the gold's classes.`,
      );
  });
  return out;
}
