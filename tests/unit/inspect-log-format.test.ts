import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inspectLog } from '../../src/lib/ingest/formats/inspect-log';
import type { FileText } from '../../src/lib/ingest/formats/harness-format';

const LOGS = 'tests/fixtures/harness/inspect/logs';
const EVAL = '2024-06-01T10-00-00+00-00_arithmetic_abc123.eval';
const JSON_LOG = '2024-06-01T11-00-00+00-00_arithmetic_def456.json';

/** The .eval log's entries as open-inputs names them: `<log>.eval/<path inside>`. */
async function evalTexts(): Promise<FileText[]> {
  const entries = unzipSync(new Uint8Array(await readFile(`${LOGS}/${EVAL}`)));
  return Object.entries(entries).map(([path, bytes]) => ({
    name: `logs/${EVAL}/${path}`,
    text: strFromU8(bytes),
  }));
}

async function jsonText(): Promise<FileText> {
  return { name: `logs/${JSON_LOG}`, text: await readFile(`${LOGS}/${JSON_LOG}`, 'utf8') };
}

describe('Inspect AI logs', () => {
  it('claims every entry of a .eval log and a JSON log by its first keys, not other JSON', async () => {
    const files = [
      ...(await evalTexts()),
      await jsonText(),
      { name: 'logs/other.json', text: '{"a": 1}' },
    ];
    const groups = inspectLog.claim(
      files.map((f) => ({ name: f.name, head: f.text.slice(0, 4096) })),
    );
    expect(groups).toHaveLength(1);
    expect(groups[0].map((f) => f.name)).not.toContain('logs/other.json');
    expect(groups[0]).toHaveLength(files.length - 1);
  });

  it('a .eval log: a row per sample and epoch, C/I/P mapped to 1/0/0.5, metadata as features', async () => {
    const plan = inspectLog.read(await evalTexts());
    expect(plan.name).toBe(`logs/${EVAL}`);
    expect(plan.rows.map((r) => `${r.id}/${r.epoch} ${r.score_value}=${r.score}`)).toEqual([
      'q1/1 C=1',
      'q1/2 C=1',
      'q2/1 I=0',
      'q2/2 P=0.5',
      'q3/1 I=0',
      'q3/2 C=1',
    ]);
    expect(plan.rows[0]).toMatchObject({
      model: 'openai/gpt-4o-mini',
      task: 'arithmetic',
      example_id: 'arithmetic:q1:1',
      target: 'C',
      answer: 'C',
      metadata: { category: 'sums', difficulty: 'easy' },
      input_tokens: 21,
    });
    expect(plan.notes[0]).toBe(
      'Read as Inspect AI log (format version 2): 1 log, 1 task, 1 model, a row per sample and epoch; "score" is the scorer match\'s value mapped to a number as Inspect does: C = 1, I = 0, P = 0.5, N = 0 (and yes/true = 1, no/false = 0; numbers as they are).',
    );
    expect(plan.roles.score.role).toBe('outcome');
    expect(plan.roles.example_id.role).toBe('id');
  });

  it('a JSON log and a .eval log together: one table, numbers kept and N read as 0', async () => {
    const plan = inspectLog.read([...(await evalTexts()), await jsonText()]);
    expect(plan.name).toBe('logs/inspect logs');
    const haiku = plan.rows.filter((r) => r.model === 'anthropic/claude-3-haiku');
    expect(haiku.map((r) => r.score)).toEqual([1, 0.25, 0]);
    expect(plan.rows).toHaveLength(9);
  });

  it('a score with no number is left empty and said, never guessed', () => {
    const log = {
      version: 2,
      status: 'success',
      eval: { task: 't', model: 'm' },
      samples: [{ id: 1, epoch: 1, scores: { judge: { value: 'maybe' } } }],
    };
    const plan = inspectLog.read([{ name: 'l.json', text: JSON.stringify(log) }]);
    expect(plan.rows[0]).toMatchObject({ score: null, score_value: 'maybe' });
    expect(plan.notes[1]).toBe(
      'Score values with no number (maybe) are left empty in "score"; "score_value" keeps them.',
    );
  });

  it('a .eval log without its header.json is refused, naming it', async () => {
    const texts = (await evalTexts()).filter((t) => !t.name.endsWith('header.json'));
    expect(() => inspectLog.read(texts)).toThrow(
      `logs/${EVAL} has no header.json (the eval's model and task): it is incomplete.`,
    );
  });
});
