import { formatCount, formatCountOf } from '../../format';
import type { FlatRow } from '../../notebook/result-values';
import type { AuditResult } from './audit-result';

/** A finding of the audit: how many examples (or pairs), and why they are listed, in words. */
export interface Finding {
  finding: string;
  examples: number | null;
  share: number | null;
  reason: string;
}

const list = (names: readonly string[]) =>
  names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/** The findings in the order the page shows them; a finding the data cannot show says why. */
export function findings(r: AuditResult): Finding[] {
  const share = (k: number | null) => (k === null || r.n === 0 ? null : k / r.n);
  const row = (finding: string, examples: number | null, reason: string): Finding => ({
    finding,
    examples,
    share: share(examples),
    reason,
  });
  const out: Finding[] = [];
  const differ = r.goldDiffers;
  if (differ) {
    const first = differ.examples[0];
    const example = first
      ? `: ${first.id} is ${first.golds.map((g) => `${g.gold ?? '(none)'} in ${list(g.models)}\u2019s rows`).join(', ')}`
      : '';
    out.push(
      row(
        'gold differs',
        differ.total,
        `${formatCountOf(differ.total, 'example')} with a different gold label in one model\u2019s rows than in another\u2019s (a revised benchmark, or files from different versions)${example}.`,
      ),
    );
  } else out.push(row('gold differs', null, r.notes.goldDiffers ?? ''));
  if (r.suspects && r.voting) {
    const { voters, required } = r.voting;
    const who =
      required === voters.length
        ? `all ${voters.length} voting models (${list(voters)})`
        : `at least ${required} of the ${voters.length} voting models (${list(voters)})`;
    out.push(
      row(
        'suspect gold',
        r.suspects.total,
        `${formatCountOf(r.suspects.total, 'example')} on which ${who} agree on one answer that is not the gold: the gold may be wrong (strongest agreement first).`,
      ),
    );
  } else out.push(row('suspect gold', null, r.notes.suspects ?? ''));
  for (const c of r.confident ?? [])
    out.push(
      row(
        `confident learning: ${c.model}`,
        c.flagged,
        `${formatCountOf(c.flagged, 'example')} where ${c.model}\u2019s probability of another class reaches that class\u2019s average self-confidence (Northcutt et al. 2021).`,
      ),
    );
  const overall = r.extremes.find((e) => e.overall);
  out.push(
    row(
      'no model right',
      overall?.noneRight ?? 0,
      `No audited model gets these right: too hard to tell the models apart, or a wrong gold.`,
    ),
    row(
      'every model right',
      overall?.allRight ?? 0,
      `Every audited model gets these right: too easy to tell the models apart.`,
    ),
  );
  if (r.exact)
    out.push(
      row(
        'exact duplicate',
        r.exact.examples,
        `${formatCountOf(r.exact.examples, 'example')} in ${formatCountOf(r.exact.groups, 'group')} with the same ${r.text} (case and white space aside); ${formatCount(r.exact.conflicting)} of the groups disagree on the gold.`,
      ),
    );
  else out.push(row('exact duplicate', null, r.notes.duplicates ?? ''));
  if (r.near)
    out.push({
      finding: 'near duplicate',
      examples: r.near.total,
      share: null,
      reason: `${formatCountOf(r.near.total, 'pair')} of texts whose character 5-grams overlap with Jaccard similarity at least ${r.similarity}; ${formatCount(r.near.conflicting)} of the pairs disagree on the gold.`,
    });
  else
    out.push({
      finding: 'near duplicate',
      examples: null,
      share: null,
      reason: r.notes.near ?? r.notes.duplicates ?? (r.cancelled ? 'Cancelled.' : ''),
    });
  return out;
}

/** The findings as the `audit` result table. */
export function findingRows(r: AuditResult): FlatRow[] {
  return findings(r).map((f) => ({ ...f }));
}
