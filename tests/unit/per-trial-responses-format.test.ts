import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perTrialResponses } from '../../src/lib/ingest/formats/per-trial-responses';
import {
  HARNESS_FIXTURES,
  perTrialHandCounts,
  perTrialRecords,
  type Tallies,
} from '../helpers/harness-counts';

const EXPERIMENT = 'per-trial/exp:contrast|v2+lab=b,c';
const NAMES = readdirSync(join(HARNESS_FIXTURES, EXPERIMENT))
  .sort()
  .map((f) => `${EXPERIMENT}/${f}`);
const text = (name: string) => readFileSync(join(HARNESS_FIXTURES, name), 'utf8');
const found = (name: string) => ({ name, head: text(name).slice(0, 4096) });
const file = (name: string) => ({ name, text: text(name) });

/** The plan's rows tallied per "observer · condition", as the overview groups them. */
function tallies(rows: Record<string, unknown>[]): Tallies {
  const counts: Tallies = {};
  for (const r of rows) {
    if (r.truth === null) continue;
    const key = `${r.observer} · ${r.condition}`;
    counts[key] ??= { n: 0, correct: 0 };
    counts[key].n++;
    if (r.response === r.truth) counts[key].correct++;
  }
  return counts;
}

describe('per-trial responses (observer, condition, response, truth)', () => {
  it('claims the CSVs whose header names an observer, a response and a truth, and no others', () => {
    const human = 'tests/fixtures/datasets/trials/human/contrast_subject-01_session-1.csv';
    const other = { name: human, head: readFileSync(human, 'utf8').slice(0, 4096) };
    const notes = { name: `${EXPERIMENT}/NOTES.md`, head: 'observer,response,truth\n' };
    expect(perTrialResponses.claim([...NAMES.map(found), other, notes])).toEqual([
      NAMES.map(found),
    ]);
  });

  it('stacks files whose headers differ only in case into one column each, and says which', () => {
    const plan = perTrialResponses.read(NAMES.map(file));
    expect(plan.name).toBe(`${EXPERIMENT}/per-trial responses`);
    expect(plan.notes[0]).toBe(
      'Read as per-trial responses: 3 files, 2 observers, 3 conditions, 18 trials; "observer" is the model, a trial is right when "response" equals "truth".',
    );
    expect(plan.notes[1]).toBe(
      'Headers that differ only in case between files were merged into one column each: "observer" / "Observer" as "observer", "Session" / "session" as "Session", "condition" / "Condition" as "condition", "response" / "Response" as "response", "truth" / "Truth" as "truth", "rt" / "RT" as "rt".',
    );
    expect(Object.keys(plan.rows[0])).toEqual([
      'file',
      'observer',
      'Session',
      'condition',
      'response',
      'truth',
      'rt',
      'stimulus "set"',
    ]);
    expect(plan.roles).toMatchObject({
      observer: { role: 'model' },
      response: { role: 'prediction' },
      truth: { role: 'label' },
      condition: { role: 'condition' },
    });
    expect(plan.overviewSplit).toBe('condition');
  });

  it('reads NaN as missing, never as a level or a number, and says how many per column', async () => {
    const plan = perTrialResponses.read(NAMES.map(file));
    const raw = await perTrialRecords();
    const nans = (column: string) => raw.filter((r) => r[column] === 'NaN').length;
    expect([nans('response'), nans('truth'), nans('rt')]).toEqual([2, 1, 3]);
    expect(plan.notes[2]).toBe(
      `The text "NaN" is read as missing, neither a level nor a number: ${nans('response')} in "response", ${nans('rt')} in "rt", ${nans('truth')} in "truth". A trial with no response counts as wrong; one with no truth is left out.`,
    );
    const values = plan.rows.flatMap((r) => Object.values(r));
    expect(values).not.toContain('NaN');
    expect(values.some((v) => typeof v === 'number' && Number.isNaN(v))).toBe(false);
    expect(plan.rows.filter((r) => r.rt === null)).toHaveLength(nans('rt'));
    expect(plan.rows.every((r) => r.rt === null || typeof r.rt === 'number')).toBe(true);
    // The mean reaction time over the trials that have one, as a user would expect it.
    const times = raw.filter((r) => r.rt !== 'NaN').map((r) => Number(r.rt));
    const read = plan.rows.filter((r) => r.rt !== null).map((r) => r.rt as number);
    expect(read.reduce((a, b) => a + b, 0) / read.length).toBeCloseTo(
      times.reduce((a, b) => a + b, 0) / times.length,
      12,
    );
  });

  it('its rows give the accuracy per observer and condition counted by hand from the CSVs', async () => {
    const plan = perTrialResponses.read(NAMES.map(file));
    expect(tallies(plan.rows)).toEqual(await perTrialHandCounts());
  });

  it('refuses a file whose header repeats a column in another case, naming both; the others are read', () => {
    const bad = 'per-trial-bad/observer-03_session-1.csv';
    const message = `${bad}: the columns "Session" and "session" differ only in case, so Slicebook cannot tell which one a trial's value belongs to. Rename one and open the file again.`;
    expect(() => perTrialResponses.read([file(bad)])).toThrow(message);
    const plan = perTrialResponses.read([...NAMES.map(file), file(bad)]);
    expect(plan.refused).toEqual([{ name: bad, message }]);
    expect(plan.rows).toHaveLength(18);
  });

  it('refuses a header that repeats a name exactly, and a line with too many fields', () => {
    const read = (t: string) => () => perTrialResponses.read([{ name: 'x.csv', text: t }]);
    expect(read('observer,response,truth,truth\no,a,a,a\n')).toThrow(
      'x.csv: the column "truth" appears twice in the header',
    );
    expect(read('observer,response,truth\no,a,a\no,a,"b,c",d\n')).toThrow(
      'x.csv: line 3 has 4 fields for 3 columns.',
    );
  });
});
