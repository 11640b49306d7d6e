import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/**
 * Synthetic result dumps, long shape (a row per example x model), generated from one seeded
 * mulberry32 stream so every run of the bench sees the same bytes. Bump VERSION when the content
 * changes: file names carry it, so old files are not reused by mistake.
 */
export const VERSION = 1;
const SEED = 20260914;
const THREE = ['baseline', 'large', 'distilled'];
const THREE_LOGIT = [1.6, 2.3, 1.2];
/**
 * The model panel: five models on the same examples (for the leaderboard and agreement), the
 * first three as above, then two more; 'tuned' is within a point of 'large'.
 */
const PANEL = ['baseline', 'large', 'distilled', 'tuned', 'tiny'];
const PANEL_LOGIT = [1.6, 2.3, 1.2, 2.25, 0.6];
/** Categorical features: name, prefix of its values, number of levels (3..50). */
const FEATURES: [string, string, number][] = [
  ['device', 'd', 3],
  ['weather', 'w', 4],
  ['camera', 'c', 6],
  ['age_group', 'a', 7],
  ['region', 'r', 8],
  ['lang', 'l', 12],
  ['annotator', 'n', 20],
  ['batch', 'b', 25],
  ['site', 's', 30],
  ['topic', 't', 50],
];
const CONDITIONS = ['clean', 'blur', 'noise', 'fog', 'jpeg'];

export const COLUMNS = [
  'example_id BIGINT',
  'model VARCHAR',
  'label BIGINT',
  'prediction BIGINT',
  'score DOUBLE',
  ...FEATURES.map(([name]) => `${name} VARCHAR`),
  'age BIGINT',
  'brightness DOUBLE',
  'condition VARCHAR',
  'severity BIGINT',
  'latency_ms DOUBLE',
];

export interface Dump {
  rows: number;
  csv: string;
  parquet: string;
  /** Five models on the same rows / 5 examples (the model panel), else three. */
  panel?: boolean;
}

/** How a dump is named in the tables: its rows, or the panel's models x examples. */
export function dumpLabel(dump: { rows: number; panel?: boolean }): string {
  return dump.panel ? `5 models x ${sizeLabel(dump.rows / PANEL.length)}` : sizeLabel(dump.rows);
}

export function sizeLabel(rows: number): string {
  return rows >= 1e6 ? `${rows / 1e6}M` : `${rows / 1e3}k`;
}

/** A seeded 32-bit generator of numbers in [0, 1): every run sees the same stream. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes the CSV row by row. Planted effects (for the slice and robustness analyses to find):
 * accuracy falls with severity, topic t7 in region r2 is hard for every model, and lang l11 is
 * hard for the distilled model only.
 */
function writeCsv(path: string, rows: number, panel: boolean): void {
  const [models, logits] = panel ? [PANEL, PANEL_LOGIT] : [THREE, THREE_LOGIT];
  const random = mulberry32(SEED);
  const fd = openSync(path, 'w');
  writeSync(fd, COLUMNS.map((c) => c.split(' ')[0]).join(',') + '\n');
  const pick = (n: number) => Math.floor(random() * n);
  let lines: string[] = [];
  let shared = '';
  let label = 0;
  let hardness = 0;
  let lang = 0;
  let severity = 0;
  for (let i = 0; i < rows; i++) {
    const m = i % models.length;
    if (m === 0) {
      const levels = FEATURES.map(([, , n]) => pick(n));
      const condition = random() < 0.3 ? 0 : 1 + pick(CONDITIONS.length - 1);
      severity = condition === 0 ? 0 : 1 + pick(5);
      label = random() < 0.4 ? 1 : 0;
      lang = levels[5];
      hardness = levels[9] === 7 && levels[4] === 2 ? 1.8 : 0;
      const values = FEATURES.map(([, prefix], k) => `${prefix}${levels[k]}`);
      const age = 18 + pick(73);
      const brightness = random().toFixed(3);
      shared = `${values.join(',')},${age},${brightness},${CONDITIONS[condition]},${severity}`;
    }
    const logit = logits[m] - 0.35 * severity - hardness - (m === 2 && lang === 11 ? 1.2 : 0);
    const correct = random() < 1 / (1 + Math.exp(-logit));
    const prediction = correct ? label : 1 - label;
    const confidence = 0.5 + 0.5 * random();
    const score = (prediction === 1 ? confidence : 1 - confidence).toFixed(4);
    const latency = (20 * (m + 1) * Math.exp(0.4 * (random() - 0.5))).toFixed(1);
    lines.push(
      `${Math.floor(i / models.length)},${models[m]},${label},${prediction},${score},${shared},${latency}`,
    );
    if (lines.length === 50_000) {
      writeSync(fd, lines.join('\n') + '\n');
      lines = [];
    }
  }
  if (lines.length > 0) writeSync(fd, lines.join('\n') + '\n');
  closeSync(fd);
}

/** Parquet as an evaluation pipeline would write it: ZSTD, row groups of 122,880 rows. */
async function writeParquet(csv: string, parquet: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run('SET threads = 1'); // one writer thread: the same row groups on every machine
  const columns = COLUMNS.map((c) => c.split(' '))
    .map(([n, t]) => `'${n}': '${t}'`)
    .join(', ');
  await conn.run(
    `COPY (SELECT * FROM read_csv('${csv}', header = true, columns = {${columns}})) TO '${parquet}' ` +
      '(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)',
  );
  conn.closeSync();
  instance.closeSync();
}

/** The dump with `rows` rows in `folder`, generated unless both files are already there. */
export async function ensureDump(
  folder: string,
  rows: number,
  log: (line: string) => void,
  panel = false,
): Promise<Dump> {
  mkdirSync(folder, { recursive: true });
  const kind = panel ? `panel${PANEL.length}` : 'dump';
  const stem = join(folder, `${kind}-v${VERSION}-${sizeLabel(rows).toLowerCase()}`);
  const dump = { rows, csv: `${stem}.csv`, parquet: `${stem}.parquet`, panel };
  if (existsSync(dump.csv) && existsSync(dump.parquet)) return dump;
  const started = performance.now();
  log(`generating ${dumpLabel(dump)} rows into ${stem}.{csv,parquet}`);
  for (const path of [`${dump.csv}.tmp`, `${dump.parquet}.tmp`]) rmSync(path, { force: true });
  writeCsv(`${dump.csv}.tmp`, rows, panel);
  await writeParquet(`${dump.csv}.tmp`, `${dump.parquet}.tmp`);
  renameSync(`${dump.csv}.tmp`, dump.csv);
  renameSync(`${dump.parquet}.tmp`, dump.parquet);
  const mb = (path: string) => (statSync(path).size / 2 ** 20).toFixed(0);
  log(
    `  done in ${((performance.now() - started) / 1000).toFixed(1)} s: CSV ${mb(dump.csv)} MiB, Parquet ${mb(dump.parquet)} MiB`,
  );
  return dump;
}
