// Slicebook sample data generator.
//
// Run from the repository root:  node samples/generate.mjs   (or: npm run samples)
//
// Writes small, realistic evaluation result dumps into samples/, plus
// samples/expected.json (per-file / per-model statistics computed here, in plain JS,
// as an independent second implementation for end-to-end tests) and samples/README.md
// (documentation including the realized numbers).
//
// Fully deterministic: every random draw comes from a seeded mulberry32 stream (one
// stream per dataset, so changing one dataset does not shift the others). No
// Math.random, no clock. Re-running produces byte-identical files: a Parquet file whose
// rows and column types are unchanged is kept as it is, since DuckDB writes its own
// version into the file's metadata and would otherwise change the bytes (and the
// SHA-256 the example notebooks record) on every DuckDB upgrade.

import { mkdirSync, writeFileSync, rmSync, existsSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const HERE = dirname(fileURLToPath(import.meta.url));
const VERBOSE = process.argv.includes('--verbose');

// ---------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) {
    this.u = mulberry32(seed);
    this.spare = null;
  }
  /** uniform in [0, 1) */
  uniform() {
    return this.u();
  }
  /** standard normal (Box-Muller, caching the second value) */
  normal(mean = 0, sd = 1) {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + sd * z;
    }
    const u1 = 1 - this.u(); // (0, 1]
    const u2 = this.u();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return mean + sd * r * Math.cos(2 * Math.PI * u2);
  }
  lognormal(median, sigma) {
    return median * Math.exp(this.normal(0, sigma));
  }
  bernoulli(p) {
    return this.u() < p ? 1 : 0;
  }
  int(n) {
    return Math.floor(this.u() * n);
  }
  /** pick from an object {value: weight} (iteration order = insertion order) */
  weighted(weights) {
    const entries = Object.entries(weights);
    let total = 0;
    for (const [, w] of entries) total += w;
    let x = this.u() * total;
    for (const [k, w] of entries) {
      x -= w;
      if (x < 0) return k;
    }
    return entries[entries.length - 1][0];
  }
  shuffle(arr) {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [arr[i], arr[j]] = [arr[j], arr[i]];
    }
    return arr;
  }
}

const sigmoid = (x) => 1 / (1 + Math.exp(-x));
const logit = (p) => Math.log(p / (1 - p));
const round = (x, d) => {
  const f = 10 ** d;
  return Math.round(x * f) / f;
};
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const pad = (n, w) => String(n).padStart(w, '0');

// small accumulator helpers for expected.json
function accStats(n, correct) {
  return { n, correct, accuracy: n ? correct / n : null };
}

// ---------------------------------------------------------------------------
// Parquet writing via native DuckDB
// ---------------------------------------------------------------------------

/** Whether two Parquet files hold the same rows in the same order, with the same column names and types. */
async function sameParquet(conn, a, b) {
  const file = (p) => `read_parquet('${p.replaceAll("'", "''")}')`;
  const schema = async (p) =>
    JSON.stringify((await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${file(p)}`)).getRows());
  if ((await schema(a)) !== (await schema(b))) return false;
  const numbered = (p) => `SELECT row_number() OVER () AS __row, * FROM ${file(p)}`;
  const differing = await conn.runAndReadAll(
    `SELECT count(*)::INTEGER AS n FROM ((${numbered(a)}) EXCEPT ALL (${numbered(b)}))`,
  );
  const counts = await conn.runAndReadAll(
    `SELECT (SELECT count(*) FROM ${file(a)})::INTEGER AS a, (SELECT count(*) FROM ${file(b)})::INTEGER AS b`,
  );
  const { a: rowsA, b: rowsB } = counts.getRowObjects()[0];
  return differing.getRowObjects()[0].n === 0 && rowsA === rowsB;
}

async function writeParquet(path, columns, rows) {
  // columns: [[name, 'VARCHAR' | 'INTEGER' | 'DOUBLE'], ...]; rows: arrays in column order
  const written = `${path}.new`;
  if (existsSync(written)) rmSync(written);
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  await conn.run('SET threads = 1');
  await conn.run(`CREATE TABLE t (${columns.map(([n, ty]) => `"${n}" ${ty}`).join(', ')})`);
  const app = await conn.createAppender('t');
  const appenders = columns.map(([, ty]) => {
    if (ty === 'VARCHAR') return (v) => app.appendVarchar(v);
    if (ty === 'INTEGER') return (v) => app.appendInteger(v);
    if (ty === 'DOUBLE') return (v) => app.appendDouble(v);
    throw new Error(`unsupported type ${ty}`);
  });
  for (const row of rows) {
    for (let i = 0; i < appenders.length; i++) appenders[i](row[i]);
    app.endRow();
  }
  app.flushSync();
  app.closeSync();
  const sqlPath = written.replaceAll("'", "''");
  await conn.run(
    `COPY (SELECT * FROM t) TO '${sqlPath}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)`,
  );
  // sanity: read back the row count
  const reader = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet('${sqlPath}')`);
  const n = reader.getRowObjects()[0].n;
  if (n !== rows.length) throw new Error(`${path}: wrote ${n} rows, expected ${rows.length}`);
  if (existsSync(path) && (await sameParquet(conn, path, written))) rmSync(written);
  else renameSync(written, path);
  conn.closeSync();
  instance.closeSync();
}

// ---------------------------------------------------------------------------
// 1. loan-approval.parquet (binary classification, long shape)
// ---------------------------------------------------------------------------

const LOAN = {
  seed: 1001,
  nApplicants: 10000,
  ageGroups: { '18-25': 0.14, '26-40': 0.36, '41-64': 0.34, '65+': 0.16 },
  sexes: { female: 0.5, male: 0.5 },
  regions: { north: 0.21, south: 0.21, east: 0.19, west: 0.19, rural: 0.2 },
  incomeMedianK: { '18-25': 34, '26-40': 58, '41-64': 68, '65+': 44 },
  incomeRuralFactor: 0.82,
  incomeSigma: 0.45,
  // true log-odds of label = 1 ("approved / repaid")
  intercept: -1.45,
  incomeCoef: 1.5, // per unit of ln(income_k / 55)
  ageEffect: { '18-25': -0.45, '26-40': 0.0, '41-64': 0.3, '65+': -0.35 },
  regionEffect: { north: 0.1, south: -0.05, east: 0.05, west: 0.0, rural: -0.3 },
  historySd: 2.2, // unobserved-in-file credit history, seen by both models
  sliceInteraction: 3.4, // extra log-odds for age_group='65+' AND region='rural'
  models: {
    // slice: fraction of the interaction term the model learned
    'baseline-gbm': { noiseSd: 0.55, sliceCaptured: 0.0, temp: 1.0, latencyMedian: 4.2 },
    'fair-gbm': { noiseSd: 0.5, sliceCaptured: 1.0, temp: 1.05, latencyMedian: 5.1 },
  },
};

function genLoan() {
  const rng = new Rng(LOAN.seed);
  const applicants = [];
  for (let i = 0; i < LOAN.nApplicants; i++) {
    const age = rng.weighted(LOAN.ageGroups);
    const sex = rng.weighted(LOAN.sexes);
    const region = rng.weighted(LOAN.regions);
    const incomeMedian = LOAN.incomeMedianK[age] * (region === 'rural' ? LOAN.incomeRuralFactor : 1);
    const income = round(clamp(rng.lognormal(incomeMedian, LOAN.incomeSigma), 6, 900), 1);
    const inSlice = age === '65+' && region === 'rural';
    const history = rng.normal(0, LOAN.historySd);
    const base =
      LOAN.intercept +
      LOAN.incomeCoef * Math.log(income / 55) +
      LOAN.ageEffect[age] +
      LOAN.regionEffect[region] +
      history;
    const trueLogit = base + (inSlice ? LOAN.sliceInteraction : 0);
    const label = rng.bernoulli(sigmoid(trueLogit));
    applicants.push({ id: `app-${pad(i + 1, 5)}`, age, sex, region, income, inSlice, base, label });
  }

  const rows = [];
  const stats = {};
  for (const [model, p] of Object.entries(LOAN.models)) {
    const mrng = new Rng(LOAN.seed * 31 + Object.keys(stats).length + 1);
    let n = 0, correct = 0, sn = 0, sErr = 0, restN = 0, restErr = 0, tp = 0, fp = 0, fn = 0;
    let latSum = 0, scoreSum = 0;
    const bySex = {};
    for (const a of applicants) {
      const est = a.base + (a.inSlice ? p.sliceCaptured * LOAN.sliceInteraction : 0) + mrng.normal(0, p.noiseSd);
      const score = round(sigmoid(est / p.temp), 4);
      const prediction = score >= 0.5 ? 1 : 0;
      const latency = round(p.latencyMedian * Math.exp(mrng.normal(0, 0.25)), 3);
      rows.push([a.id, model, a.label, score, prediction, a.age, a.sex, a.region, a.income, latency]);
      const ok = prediction === a.label ? 1 : 0;
      n++; correct += ok; latSum += latency; scoreSum += score;
      if (prediction === 1 && a.label === 1) tp++;
      if (prediction === 1 && a.label === 0) fp++;
      if (prediction === 0 && a.label === 1) fn++;
      if (a.inSlice) { sn++; sErr += 1 - ok; } else { restN++; restErr += 1 - ok; }
      bySex[a.sex] ??= { n: 0, errors: 0 };
      bySex[a.sex].n++; bySex[a.sex].errors += 1 - ok;
    }
    stats[model] = {
      ...accStats(n, correct),
      errors: n - correct,
      error_rate: (n - correct) / n,
      positives_predicted: tp + fp,
      true_positives: tp,
      false_positives: fp,
      false_negatives: fn,
      mean_score: scoreSum / n,
      mean_latency_ms: latSum / n,
      slice: { n: sn, errors: sErr, error_rate: sErr / sn },
      outside_slice: { n: restN, errors: restErr, error_rate: restErr / restN },
      by_sex: Object.fromEntries(
        Object.keys(LOAN.sexes).map((s) => [s, { ...bySex[s], error_rate: bySex[s].errors / bySex[s].n }]),
      ),
    };
  }
  const positives = applicants.reduce((s, a) => s + a.label, 0);
  const slicePos = applicants.filter((a) => a.inSlice).reduce((s, a) => s + a.label, 0);
  return { rows, stats, positives, slicePos, nSlice: applicants.filter((a) => a.inSlice).length };
}

// ---------------------------------------------------------------------------
// 1b. loan-approval-candidate.parquet (a new run of the loan sample, against it as the baseline)
// ---------------------------------------------------------------------------

/**
 * A candidate run of the loan sample: fair-gbm's predictions changed by a rule on the applicant's
 * number (app-00042 is 42), baseline-gbm's rows kept. Every 8th right answer in the rural region
 * is made wrong; every 3rd wrong answer elsewhere is made right, so fair-gbm's overall accuracy
 * rises while its rural slice falls. The same rule as tests/helpers/planted-loan-runs.ts.
 */
function genLoanCandidate(loanRows) {
  const counts = { rural_n: 0, rural_right: 0, rural_made_wrong: 0, elsewhere_n: 0, elsewhere_made_right: 0, right: 0 };
  const rows = loanRows.map((row) => {
    const [id, model, label, , prediction, , , region] = row;
    if (model !== 'fair-gbm') return row;
    const number = Number(id.slice('app-'.length));
    const right = prediction === label;
    if (right) counts.right++;
    if (region === 'rural') {
      counts.rural_n++;
      if (right) counts.rural_right++;
      if (right && number % 8 === 0) {
        counts.rural_made_wrong++;
        return row.map((v, i) => (i === 4 ? 1 - label : v));
      }
      return row;
    }
    counts.elsewhere_n++;
    if (!right && number % 3 === 0) {
      counts.elsewhere_made_right++;
      return row.map((v, i) => (i === 4 ? label : v));
    }
    return row;
  });
  const n = counts.rural_n + counts.elsewhere_n;
  const candidateRight = counts.right - counts.rural_made_wrong + counts.elsewhere_made_right;
  return {
    rows,
    expected: {
      shape: 'long',
      task: 'binary',
      rows: rows.length,
      baseline: 'loan-approval.parquet',
      rule:
        'in region rural every right answer whose number is a multiple of 8 made wrong; elsewhere every wrong answer whose number is a multiple of 3 made right (prediction changed, score kept)',
      fair_gbm: {
        ...counts,
        n,
        accuracy_baseline: counts.right / n,
        accuracy_candidate: candidateRight / n,
        rural_accuracy_baseline: counts.rural_right / counts.rural_n,
        rural_accuracy_candidate: (counts.rural_right - counts.rural_made_wrong) / counts.rural_n,
      },
    },
  };
}

// ---------------------------------------------------------------------------
// 2. corruption-robustness.parquet (multiclass under ImageNet-C style corruptions)
// ---------------------------------------------------------------------------

const CORR = {
  seed: 2002,
  nImages: 200,
  nClasses: 10,
  imageDifficultySd: 1.0,
  // corruption -> [family, base log-odds drop per severity step]
  corruptions: {
    gaussian_noise: ['noise', 1.0],
    shot_noise: ['noise', 0.95],
    impulse_noise: ['noise', 1.05],
    defocus_blur: ['blur', 0.7],
    glass_blur: ['blur', 0.9],
    motion_blur: ['blur', 0.6],
    zoom_blur: ['blur', 0.65],
    snow: ['weather', 0.7],
    frost: ['weather', 0.62],
    fog: ['weather', 0.5],
    brightness: ['weather', 0.18],
    contrast: ['digital', 0.8],
    elastic_transform: ['digital', 0.5],
    pixelate: ['digital', 0.7],
    jpeg_compression: ['digital', 0.55],
  },
  // per-model: clean log-odds (of the above-chance part) and sensitivity multiplier per family
  models: {
    resnet50: { clean: 2.5, sens: { noise: 1.3, blur: 1.0, weather: 1.0, digital: 1.0 }, overconf: 0.6 },
    'vit-b16': { clean: 3.1, sens: { noise: 0.5, blur: 0.6, weather: 0.55, digital: 0.55 }, overconf: 0.1 },
    'augmix-resnet50': { clean: 2.45, sens: { noise: 0.9, blur: 0.6, weather: 0.75, digital: 0.7 }, overconf: 0.25 },
  },
  noiseSinkClass: 6, // under noise corruptions, wrong predictions drift to this class
};

function genCorruption() {
  const rng = new Rng(CORR.seed);
  const K = CORR.nClasses;
  const labels = [];
  for (let i = 0; i < CORR.nImages; i++) labels.push(i % K);
  rng.shuffle(labels);
  const images = labels.map((label, i) => ({
    id: i,
    label,
    difficulty: rng.normal(0, CORR.imageDifficultySd),
    // per-image, per-corruption susceptibility (shared by all models)
    suscept: Object.fromEntries(Object.keys(CORR.corruptions).map((c) => [c, Math.exp(rng.normal(0, 0.3))])),
  }));
  const confuser = (c) => c ^ 1; // cat<->dog style pairs: 0<->1, 2<->3, ...

  const conditions = [['clean', 0]];
  for (const c of Object.keys(CORR.corruptions)) for (let s = 1; s <= 5; s++) conditions.push([c, s]);

  const rows = [];
  const stats = {};
  let mi = 0;
  for (const [model, p] of Object.entries(CORR.models)) {
    const mrng = new Rng(CORR.seed * 31 + ++mi);
    // one latent uniform per (image, condition family) so that an image that fails at
    // severity s usually also fails at s+1 (monotone degradation, as in real sweeps)
    const latent = images.map(() => {
      const o = { clean: mrng.uniform() };
      for (const c of Object.keys(CORR.corruptions)) o[c] = mrng.uniform();
      return o;
    });
    const bySev = {};
    const byCond = {};
    let n = 0, correct = 0, confSum = 0;
    for (const [cond, sev] of conditions) {
      for (const img of images) {
        let drop = 0;
        if (sev > 0) {
          const [fam, rate] = CORR.corruptions[cond];
          drop = rate * p.sens[fam] * sev * img.suscept[cond];
        }
        const z = p.clean - img.difficulty - drop;
        const pCorrect = 1 / K + (1 - 1 / K) * sigmoid(z);
        // clean draw and corrupted draws are correlated: blend the clean latent in
        const u = sev === 0 ? latent[img.id].clean : latent[img.id][cond];
        const isCorrect = u < pCorrect ? 1 : 0;
        let prediction;
        if (isCorrect) prediction = img.label;
        else {
          const r = mrng.uniform();
          const fam = sev > 0 ? CORR.corruptions[cond][0] : 'clean';
          if (fam === 'noise' && sev >= 3 && r < 0.4 && img.label !== CORR.noiseSinkClass) prediction = CORR.noiseSinkClass;
          else if (r < 0.7) prediction = confuser(img.label);
          else {
            prediction = mrng.int(K - 1);
            if (prediction >= img.label) prediction++;
          }
        }
        const confLogit = logit(pCorrect) - 0.25 + (isCorrect ? 0.5 : -0.5) + (sev > 0 ? p.overconf : 0) + mrng.normal(0, 0.6);
        const confidence = round(1 / K + (1 - 1 / K) * sigmoid(confLogit), 4);
        rows.push([img.id, model, cond, sev, img.label, prediction, confidence]);
        const ok = prediction === img.label ? 1 : 0;
        n++; correct += ok; confSum += confidence;
        bySev[sev] ??= { n: 0, correct: 0 };
        bySev[sev].n++; bySev[sev].correct += ok;
        byCond[cond] ??= { n: 0, correct: 0 };
        byCond[cond].n++; byCond[cond].correct += ok;
      }
    }
    stats[model] = {
      ...accStats(n, correct),
      mean_confidence: confSum / n,
      clean: accStats(bySev[0].n, bySev[0].correct),
      corrupted: accStats(n - bySev[0].n, correct - bySev[0].correct),
      by_severity: Object.fromEntries(Object.entries(bySev).map(([s, v]) => [s, accStats(v.n, v.correct)])),
      by_condition: Object.fromEntries(Object.entries(byCond).map(([c, v]) => [c, accStats(v.n, v.correct)])),
    };
  }
  return { rows, stats, conditions: conditions.length };
}

// ---------------------------------------------------------------------------
// 3. llm-eval/*.jsonl (one nested JSONL file per model) + questions.csv
// ---------------------------------------------------------------------------

const LLM = {
  seed: 3003,
  nQuestions: 1500,
  categories: ['math', 'law', 'history', 'biology', 'coding', 'chemistry', 'physics', 'economics', 'medicine', 'philosophy'],
  difficulty: { easy: 0.35, medium: 0.4, hard: 0.25 },
  difficultyEffect: { easy: 1.1, medium: 0.0, hard: -1.1 },
  sources: { 'exam-bank': 0.4, textbook: 0.25, 'expert-written': 0.2, 'web-forum': 0.15 },
  questionSd: 0.8,
  promptMedian: { math: 190, law: 640, history: 380, biology: 330, coding: 420, chemistry: 290, physics: 260, economics: 360, medicine: 450, philosophy: 410 },
  completionMedian: { math: 230, law: 130, history: 100, biology: 95, coding: 270, chemistry: 150, physics: 170, economics: 120, medicine: 110, philosophy: 140 },
  models: {
    'atlas-7b': { base: 0.8, catEffect: { math: -2.2 }, verbosity: 1.15, ttft: 120, prefill: 0.06, perToken: 9.0, tokScale: 1.0 },
    'atlas-70b': { base: 1.75, catEffect: {}, verbosity: 1.0, ttft: 340, prefill: 0.22, perToken: 27.0, tokScale: 1.0 },
    'nimbus-mini': { base: 0.72, catEffect: {}, verbosity: 0.8, ttft: 55, prefill: 0.03, perToken: 4.2, tokScale: 1.08 },
  },
  judge: { correctMean: 7.6, correctSd: 1.4, wrongMean: 3.4, wrongSd: 1.7 },
};

function csvField(v) {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function genLlm() {
  const rng = new Rng(LLM.seed);
  const cats = [];
  for (let i = 0; i < LLM.nQuestions; i++) cats.push(LLM.categories[i % LLM.categories.length]);
  rng.shuffle(cats);
  const questions = cats.map((category, i) => ({
    id: `q${pad(i + 1, 4)}`,
    category,
    difficulty: rng.weighted(LLM.difficulty),
    source: rng.weighted(LLM.sources),
    latent: rng.normal(0, LLM.questionSd),
    prompt: Math.max(20, Math.round(rng.lognormal(LLM.promptMedian[category], 0.35))),
  }));
  const csv = ['question_id,category,difficulty,source'];
  for (const q of questions) csv.push([q.id, q.category, q.difficulty, q.source].map(csvField).join(','));

  const files = {};
  const stats = {};
  const right = {};
  let mi = 0;
  for (const [model, p] of Object.entries(LLM.models)) {
    right[model] = [];
    const mrng = new Rng(LLM.seed * 31 + ++mi);
    const lines = [];
    let n = 0, correct = 0, latSum = 0, judgeSum = 0, compSum = 0, promptSum = 0;
    const byCat = {}, byDiff = {};
    for (const q of questions) {
      const z = p.base + (p.catEffect[q.category] ?? 0) + LLM.difficultyEffect[q.difficulty] - q.latent;
      const isCorrect = mrng.bernoulli(sigmoid(z));
      right[model].push(isCorrect);
      const prompt = Math.round(q.prompt * p.tokScale);
      const completion = Math.max(
        1,
        Math.round(mrng.lognormal(LLM.completionMedian[q.category] * p.verbosity * (isCorrect ? 1 : 1.15), 0.45)),
      );
      const latency = round(
        (p.ttft + p.prefill * prompt + p.perToken * completion) * Math.exp(mrng.normal(0, 0.12)),
        1,
      );
      const j = LLM.judge;
      const judge = clamp(
        Math.round(isCorrect ? mrng.normal(j.correctMean, j.correctSd) : mrng.normal(j.wrongMean, j.wrongSd)),
        1,
        10,
      );
      lines.push(
        JSON.stringify({
          question_id: q.id,
          correct: isCorrect,
          response: { latency_ms: latency, tokens: { prompt, completion } },
          judge: { score: judge },
        }),
      );
      n++; correct += isCorrect; latSum += latency; judgeSum += judge; compSum += completion; promptSum += prompt;
      byCat[q.category] ??= { n: 0, correct: 0 };
      byCat[q.category].n++; byCat[q.category].correct += isCorrect;
      byDiff[q.difficulty] ??= { n: 0, correct: 0 };
      byDiff[q.difficulty].n++; byDiff[q.difficulty].correct += isCorrect;
    }
    files[model] = lines.join('\n') + '\n';
    const notMath = { n: n - byCat.math.n, correct: correct - byCat.math.correct };
    stats[model] = {
      file: `llm-eval/${model}.jsonl`,
      ...accStats(n, correct),
      mean_latency_ms: latSum / n,
      mean_judge_score: judgeSum / n,
      mean_prompt_tokens: promptSum / n,
      mean_completion_tokens: compSum / n,
      by_category: Object.fromEntries(LLM.categories.map((c) => [c, accStats(byCat[c].n, byCat[c].correct)])),
      math_vs_rest: { math: accStats(byCat.math.n, byCat.math.correct), rest: accStats(notMath.n, notMath.correct) },
      by_difficulty: Object.fromEntries(
        Object.keys(LLM.difficulty).map((d) => [d, accStats(byDiff[d].n, byDiff[d].correct)]),
      ),
    };
  }
  const diffCounts = Object.fromEntries(Object.keys(LLM.difficulty).map((d) => [d, 0]));
  for (const q of questions) diffCounts[q.difficulty] = (diffCounts[q.difficulty] ?? 0) + 1;
  return { csv: csv.join('\n') + '\n', files, stats, diffCounts, agreement: agreementCounts(right) };
}

/**
 * Per question, which models got it right: the counts an agreement cell shows (all right, all
 * wrong, only one model right, all but one), counted question by question.
 */
function agreementCounts(right) {
  const models = Object.keys(right);
  const n = right[models[0]].length;
  const out = { questions: n, all_right: 0, all_wrong: 0, only_right: {}, all_but: {}, models_right: {} };
  for (const m of models) {
    out.only_right[m] = 0;
    out.all_but[m] = 0;
  }
  for (let q = 0; q < n; q++) {
    const who = models.filter((m) => right[m][q] === 1);
    out.models_right[who.length] = (out.models_right[who.length] ?? 0) + 1;
    if (who.length === models.length) out.all_right++;
    else if (who.length === 0) out.all_wrong++;
    else if (who.length === 1) out.only_right[who[0]]++;
    else if (who.length === models.length - 1) out.all_but[models.find((m) => !who.includes(m))]++;
  }
  return out;
}

// ---------------------------------------------------------------------------
// 4. house-prices-wide.csv (regression, wide shape)
// ---------------------------------------------------------------------------

const HOUSE = {
  seed: 4004,
  n: 5000,
  // neighborhood -> [weight, price per m2 in $k, median year built]
  neighborhoods: {
    downtown: [0.14, 5.2, 1975],
    'old-town': [0.1, 4.6, 1925],
    riverside: [0.12, 4.2, 1985],
    lakeside: [0.1, 3.9, 1990],
    hillcrest: [0.12, 3.7, 1995],
    university: [0.12, 3.4, 1970],
    suburbs: [0.22, 2.9, 2000],
    industrial: [0.08, 2.3, 1965],
  },
  // house_type -> [median area m2, area sigma, price multiplier]
  types: { detached: [165, 0.25, 1.08], semi: [118, 0.22, 1.0], apartment: [72, 0.3, 0.94] },
  // apartment share by neighborhood (rest split detached:semi = 60:40)
  apartmentShare: { downtown: 0.7, 'old-town': 0.45, riverside: 0.35, lakeside: 0.25, hillcrest: 0.15, university: 0.55, suburbs: 0.1, industrial: 0.3 },
  // lakeside waterfront premium: price *= 1 + amp * sigmoid((area - mid) / width)
  lakeside: { amp: 0.9, mid: 150, width: 22 },
  noiseSigma: 0.1, // irreducible multiplicative noise in the sale price
  models: {
    // linear model: knows everything except the nonlinear lakeside premium; it only applies
    // the average lakeside uplift as a constant factor. Plus its own misfit noise.
    pred_linear: { sigma: 0.115 },
    pred_boosted: { sigma: 0.06 },
    pred_knn: { sigma: 0.09, shrink: 0.15 },
  },
};

function genHouses() {
  const rng = new Rng(HOUSE.seed);
  const nbWeights = Object.fromEntries(Object.entries(HOUSE.neighborhoods).map(([k, v]) => [k, v[0]]));
  const L = HOUSE.lakeside;
  const premium = (area) => 1 + L.amp * sigmoid((area - L.mid) / L.width);
  const houses = [];
  for (let i = 0; i < HOUSE.n; i++) {
    const nb = rng.weighted(nbWeights);
    const [, ppm2, medYear] = HOUSE.neighborhoods[nb];
    const aShare = HOUSE.apartmentShare[nb];
    const type = rng.weighted({ detached: (1 - aShare) * 0.6, semi: (1 - aShare) * 0.4, apartment: aShare });
    const [medArea, aSigma, tMult] = HOUSE.types[type];
    const area = Math.round(clamp(rng.lognormal(medArea, aSigma), 22, 650));
    const year = Math.round(clamp(rng.normal(medYear, 22), 1890, 2024));
    const age = 2024 - year;
    // newer is worth more, but historic (pre-1930) houses regain some value
    const ageFactor = 1 - 0.0045 * Math.min(age, 70) + 0.003 * Math.max(0, age - 95);
    const basePrice = ppm2 * area * tMult * ageFactor;
    const lake = nb === 'lakeside' ? premium(area) : 1;
    const signal = basePrice * lake;
    const yTrue = round(signal * Math.exp(rng.normal(0, HOUSE.noiseSigma)), 2);
    houses.push({ id: i + 1, nb, type, area, year, basePrice, signal, lake, yTrue });
  }
  // the linear model's constant lakeside uplift = mean premium over lakeside houses
  const lakeHouses = houses.filter((h) => h.nb === 'lakeside');
  const meanUplift = lakeHouses.reduce((s, h) => s + h.lake, 0) / lakeHouses.length;
  // neighborhood means of the signal (used by the knn shrinkage)
  const nbMean = {};
  for (const nb of Object.keys(HOUSE.neighborhoods)) {
    const hs = houses.filter((h) => h.nb === nb && h.type !== 'apartment');
    nbMean[nb] = hs.reduce((s, h) => s + h.signal, 0) / hs.length;
  }

  const M = HOUSE.models;
  const mrng = new Rng(HOUSE.seed * 31 + 1);
  const lines = ['house_id,neighborhood,house_type,area_m2,year_built,y_true,pred_linear,pred_boosted,pred_knn'];
  const names = Object.keys(M);
  const acc = Object.fromEntries(
    names.map((m) => [m, { n: 0, abs: 0, sq: 0, err: 0, lake: { n: 0, abs: 0 }, rest: { n: 0, abs: 0 } }]),
  );
  for (const h of houses) {
    const linear = h.basePrice * (h.nb === 'lakeside' ? meanUplift : 1) * Math.exp(mrng.normal(0, M.pred_linear.sigma));
    const boosted = h.signal * Math.exp(mrng.normal(0, M.pred_boosted.sigma));
    const knnTarget = h.type === 'apartment' ? h.signal : (1 - M.pred_knn.shrink) * h.signal + M.pred_knn.shrink * nbMean[h.nb];
    const knn = knnTarget * Math.exp(mrng.normal(0, M.pred_knn.sigma));
    const preds = { pred_linear: linear, pred_boosted: boosted, pred_knn: knn };
    const txt = Object.fromEntries(names.map((m) => [m, preds[m].toFixed(2)]));
    const yTxt = h.yTrue.toFixed(2);
    lines.push([h.id, h.nb, h.type, h.area, h.year, yTxt, ...names.map((m) => txt[m])].join(','));
    const y = Number(yTxt);
    for (const m of names) {
      const e = Number(txt[m]) - y;
      const a = acc[m];
      a.n++; a.abs += Math.abs(e); a.sq += e * e; a.err += e;
      const g = h.nb === 'lakeside' ? a.lake : a.rest;
      g.n++; g.abs += Math.abs(e);
    }
  }
  const stats = Object.fromEntries(
    names.map((m) => {
      const a = acc[m];
      return [
        m,
        {
          n: a.n,
          mae: a.abs / a.n,
          rmse: Math.sqrt(a.sq / a.n),
          mean_error: a.err / a.n,
          lakeside: { n: a.lake.n, mae: a.lake.abs / a.lake.n },
          not_lakeside: { n: a.rest.n, mae: a.rest.abs / a.rest.n },
        },
      ];
    }),
  );
  const meanY = houses.reduce((s, h) => s + Number(h.yTrue.toFixed(2)), 0) / houses.length;
  return { csv: lines.join('\n') + '\n', stats, meanUplift, meanY, nLake: lakeHouses.length };
}

// ---------------------------------------------------------------------------
// 5. qa-five-models.csv (five models on the same questions: a leaderboard)
// ---------------------------------------------------------------------------

const FIVE = {
  seed: 5005,
  nQuestions: 2000,
  topics: { reasoning: 0.3, knowledge: 0.3, code: 0.2, math: 0.2 },
  questionSd: 1.1,
  /** Questions whose gold answer is wrong: no model can get them right. */
  badGold: 0.03,
  rating: { rightMean: 3.9, wrongMean: 2.0, sd: 0.8 },
  f1: { rightMean: 0.78, wrongMean: 0.3, rightSd: 0.12, wrongSd: 0.15 },
  models: {
    'orca-13b': { base: 0.1, topic: { math: -0.6 }, style: 0 },
    'lyra-34b': { base: 0.75, topic: {}, style: 0 },
    'lyra-34b-dpo': { base: 0.8, topic: { code: 1.6 }, style: 0.1 },
    'kestrel-70b': { base: 1.45, topic: {}, style: 0 },
    'kestrel-70b-v2': { base: 1.45, topic: {}, style: 0.4 },
  },
};

/** Per question, the models right, and per pair of models the paired differences of a score. */
function pairedScores(a, b) {
  let wins = 0, losses = 0, ties = 0, sum = 0, squares = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    if (d > 0) wins++;
    else if (d < 0) losses++;
    else ties++;
    sum += d;
    squares += d * d;
  }
  const n = a.length;
  const mean = sum / n;
  return { n, wins, losses, ties, mean_difference: mean, sd_difference: Math.sqrt((squares - n * mean * mean) / (n - 1)) };
}

function genFive() {
  const rng = new Rng(FIVE.seed);
  const questions = Array.from({ length: FIVE.nQuestions }, (_, i) => ({
    id: `f${pad(i + 1, 4)}`,
    topic: rng.weighted(FIVE.topics),
    latent: rng.normal(0, FIVE.questionSd),
    badGold: rng.bernoulli(FIVE.badGold) === 1,
  }));
  const rows = ['question_id,model,topic,correct,rating,overlap_f1'];
  const stats = {};
  const right = {};
  const ratings = {};
  const f1s = {};
  let mi = 0;
  for (const [model, p] of Object.entries(FIVE.models)) {
    const mrng = new Rng(FIVE.seed * 31 + ++mi);
    right[model] = [];
    ratings[model] = [];
    f1s[model] = [];
    const byTopic = {};
    for (const q of questions) {
      const z = p.base + (p.topic[q.topic] ?? 0) - q.latent;
      const correct = q.badGold ? 0 : mrng.bernoulli(sigmoid(z));
      const r = FIVE.rating;
      const rating = clamp(Math.round(mrng.normal((correct ? r.rightMean : r.wrongMean) + p.style, r.sd)), 1, 5);
      const f = FIVE.f1;
      const f1 = round(clamp(correct ? mrng.normal(f.rightMean + p.style / 10, f.rightSd) : mrng.normal(f.wrongMean, f.wrongSd), 0, 1), 3);
      rows.push([q.id, model, q.topic, correct, rating, f1].join(','));
      right[model].push(correct);
      ratings[model].push(rating);
      f1s[model].push(f1);
      byTopic[q.topic] ??= { n: 0, correct: 0 };
      byTopic[q.topic].n++;
      byTopic[q.topic].correct += correct;
    }
    const correct = right[model].reduce((s, v) => s + v, 0);
    stats[model] = {
      ...accStats(FIVE.nQuestions, correct),
      mean_rating: ratings[model].reduce((s, v) => s + v, 0) / FIVE.nQuestions,
      mean_overlap_f1: f1s[model].reduce((s, v) => s + v, 0) / FIVE.nQuestions,
      by_topic: Object.fromEntries(Object.keys(FIVE.topics).map((t) => [t, accStats(byTopic[t].n, byTopic[t].correct)])),
    };
  }
  const [v2, v1] = ['kestrel-70b-v2', 'kestrel-70b'];
  let b = 0, c = 0;
  for (let i = 0; i < FIVE.nQuestions; i++) {
    if (right[v2][i] && !right[v1][i]) b++;
    if (!right[v2][i] && right[v1][i]) c++;
  }
  return {
    csv: rows.join('\n') + '\n',
    stats,
    badGold: questions.filter((q) => q.badGold).length,
    agreement: agreementCounts(right),
    kestrel: {
      a: v2,
      b: v1,
      correct: { a_right_b_wrong: b, a_wrong_b_right: c },
      rating: pairedScores(ratings[v2], ratings[v1]),
      overlap_f1: pairedScores(f1s[v2], f1s[v1]),
    },
  };
}

// ---------------------------------------------------------------------------
// 6. model-zoo.csv (one row per model: in-distribution and shifted accuracy)
// ---------------------------------------------------------------------------

const ZOO = {
  seed: 6006,
  families: {
    resnet: { count: 8, params: [11, 60], low: 0.66, high: 0.8, sketch: 0 },
    vit: { count: 7, params: [5, 630], low: 0.72, high: 0.88, sketch: 0.1 },
    efficientnet: { count: 6, params: [5, 66], low: 0.76, high: 0.86, sketch: 0 },
    'augmix-resnet': { count: 4, params: [25, 60], low: 0.74, high: 0.79, sketch: 0.2 },
    'clip-zero-shot': { count: 5, params: [100, 430], low: 0.6, high: 0.77, sketch: 0.75 },
  },
  /** probit(shifted) = slope probit(in distribution) + intercept + N(0, sd) */
  v2: { slope: 1.05, intercept: -0.42, sd: 0.03 },
  sketchLine: { slope: 1.2, intercept: -1.25, sd: 0.05 },
};

/** The standard normal quantile (Acklam's algorithm, relative error below 1.2e-9). */
function probit(p) {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -probit(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** The standard normal CDF by erfc's Chebyshev fit (Numerical Recipes, 1.2e-7), for drawing only. */
function phi(x) {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628288 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Least squares of y on x with Pearson's r and each point's residual and leave-one-out residual. */
function fitLine(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const residuals = xs.map((x, i) => ys[i] - (slope * x + intercept));
  // Leave one out by refitting without the point.
  const loo = xs.map((x, i) => {
    const ox = xs.filter((_, j) => j !== i);
    const oy = ys.filter((_, j) => j !== i);
    const f = fitLine.simple(ox, oy);
    return ys[i] - (f.slope * x + f.intercept);
  });
  return { n, slope, intercept, r: sxy / Math.sqrt(sxx * syy), residuals, loo };
}
fitLine.simple = (xs, ys) => {
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return { slope: sxy / sxx, intercept: my - (sxy / sxx) * mx };
};

function genZoo() {
  const rng = new Rng(ZOO.seed);
  const models = [];
  for (const [family, f] of Object.entries(ZOO.families))
    for (let i = 0; i < f.count; i++) {
      const id = round(f.low + ((f.high - f.low) * (i + rng.uniform() * 0.8)) / f.count, 4);
      const v2 = round(phi(ZOO.v2.slope * probit(id) + ZOO.v2.intercept + rng.normal(0, ZOO.v2.sd)), 4);
      const s = ZOO.sketchLine;
      const sketch = round(phi(s.slope * probit(id) + s.intercept + f.sketch + rng.normal(0, s.sd)), 4);
      const params = Math.round(f.params[0] * (f.params[1] / f.params[0]) ** rng.uniform());
      models.push({ model: `${family}-${i + 1}`, family, params_m: params, imagenet_top1: id, imagenetv2_top1: v2, sketch_top1: sketch });
    }
  const csv = ['model,family,params_m,imagenet_top1,imagenetv2_top1,sketch_top1'];
  for (const m of models) csv.push([m.model, m.family, m.params_m, m.imagenet_top1, m.imagenetv2_top1, m.sketch_top1].join(','));
  const fit = (y, scale) => {
    const t = scale === 'probit' ? probit : (v) => v;
    const line = fitLine(models.map((m) => t(m.imagenet_top1)), models.map((m) => t(m[y])));
    return {
      scale,
      n: line.n,
      slope: line.slope,
      intercept: line.intercept,
      r: line.r,
      residuals: Object.fromEntries(models.map((m, i) => [m.model, line.residuals[i]])),
      leave_one_out: Object.fromEntries(models.map((m, i) => [m.model, line.loo[i]])),
    };
  };
  return {
    csv: csv.join('\n') + '\n',
    models,
    fits: {
      imagenetv2_linear: fit('imagenetv2_top1', 'linear'),
      imagenetv2_probit: fit('imagenetv2_top1', 'probit'),
      sketch_probit: fit('sketch_top1', 'probit'),
    },
  };
}

// ---------------------------------------------------------------------------
// 7. mcq-audit.csv (four models on the same multiple-choice questions: a benchmark to audit)
// ---------------------------------------------------------------------------

const AUDIT = {
  seed: 7007,
  nQuestions: 1200,
  subjects: { biology: 0.2, chemistry: 0.15, history: 0.15, law: 0.15, math: 0.2, physics: 0.15 },
  options: ['A', 'B', 'C', 'D'],
  questionSd: 1.0,
  /** Logit of the true option: skill - question latent, over N(0, 1) noise per option. */
  models: { 'orbit-7b': 0.3, 'orbit-13b': 0.9, 'sage-34b': 1.5, 'sage-70b': 2.2 },
  /** Questions whose written gold is not the true option (every model answers the true one). */
  wrongGold: 20,
  /** Copies of questions: the text with case and spaces changed (exact) or a word or two changed (near). */
  exactCopies: 6,
  nearCopies: 8,
  /** Of the copies, how many carry a gold other than their twin's (a wrong gold, as above). */
  conflictingCopies: 2,
  /** Questions whose gold was revised: this model's file holds the new gold, the others the old. */
  revised: 3,
  revisedModel: 'sage-70b',
  /** Character n-grams of the normalised text (lower case, runs of white space as one space). */
  ngram: 5,
  words: (
    'acid active agent amount analysis angle answer area atom balance barrier basis behaviour body bond ' +
    'boundary capacity carbon case cause cell century change charge circuit claim climate colony ' +
    'compound concept constant contract council court crystal current curve data decade defence density ' +
    'diffusion dynasty economy effect election electron element empire energy enzyme equation estate ' +
    'evidence factor field flow force formula fraction frequency function gene glucose gravity growth ' +
    'heat history hormone hypothesis income index inertia integral interest isotope journal judge ' +
    'kingdom labour law layer lens liability light limit liquid load magnet market mass matrix ' +
    'membrane merchant metal method mineral model molecule momentum motion muscle nation network ' +
    'neuron nucleus number orbit organ oxygen parliament particle pathway period phase photon plant ' +
    'plasma policy polymer pressure price prime probability protein proton quantity radius ratio ' +
    'reaction reform region resistance revolution river salt sample sequence series signal solution ' +
    'species spectrum speed state statute stress structure surface system tariff tax temperature ' +
    'tension theorem theory tissue torque trade treaty vector velocity virus voltage volume wave ' +
    'weight witness'
  ).split(' '),
  lead: ['Which', 'What', 'How', 'Why', 'When', 'Where'],
};

/** The text as the audit compares it: lower case, each run of white space one space, trimmed. */
const normaliseText = (t) => t.toLowerCase().replace(/\s+/g, ' ').trim();

/** The set of character n-grams of a normalised text (the whole text when it is shorter). */
function ngramSet(text, n) {
  const out = new Set();
  if (text.length <= n) out.add(text);
  else for (let i = 0; i + n <= text.length; i++) out.add(text.slice(i, i + n));
  return out;
}

function jaccard(a, b) {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Northcutt et al. (2021), "Confident learning", eq. 1: a row of the model with given label i is
 * counted for class j when p_j >= t_j, the mean of p_j over the rows labelled j (the class's
 * average self-confidence), the largest such p_j when several are; it is a label issue when that
 * class is not i. Returns the thresholds and each row's class (null when no class reaches its).
 */
function confidentLearning(rows, options) {
  const thresholds = {};
  for (const j of options) {
    const own = rows.filter((r) => r.gold === j);
    thresholds[j] = own.length ? own.reduce((s, r) => s + r.probs[j], 0) / own.length : null;
  }
  const classes = rows.map((r) => {
    let best = null;
    for (const j of options)
      if (thresholds[j] !== null && r.probs[j] >= thresholds[j] && (best === null || r.probs[j] > r.probs[best])) best = j;
    return best;
  });
  return { thresholds, classes };
}

function genAudit() {
  const rng = new Rng(AUDIT.seed);
  const O = AUDIT.options;
  const sentence = () => {
    const words = Array.from({ length: 22 + rng.int(9) }, () => AUDIT.words[rng.int(AUDIT.words.length)]);
    return `${AUDIT.lead[rng.int(AUDIT.lead.length)]} ${words.join(' ')}?`;
  };
  const questions = Array.from({ length: AUDIT.nQuestions }, (_, i) => {
    const truth = O[rng.int(O.length)];
    return {
      id: `mq-${pad(i + 1, 4)}`,
      subject: rng.weighted(AUDIT.subjects),
      text: sentence(),
      truth,
      gold: truth,
      latent: rng.normal(0, AUDIT.questionSd),
      plant: null,
    };
  });
  const otherOption = (x) => {
    const others = O.filter((o) => o !== x);
    return others[rng.int(others.length)];
  };
  // Plants on distinct originals, picked in a shuffled order.
  const order = rng.shuffle(questions.map((_, i) => i));
  let next = 0;
  const take = (k) => order.slice(next, (next += k)).map((i) => questions[i]);
  for (const q of take(AUDIT.wrongGold)) Object.assign(q, { plant: 'wrong gold', gold: otherOption(q.truth), latent: -3 });
  for (const q of take(AUDIT.revised)) Object.assign(q, { plant: 'revised gold', oldGold: otherOption(q.truth) });
  const copies = [];
  const copy = (original, kind, text, conflicting) => {
    const c = {
      ...original,
      id: `mq-${pad(AUDIT.nQuestions + copies.length + 1, 4)}`,
      text,
      plant: conflicting ? `${kind} copy, other gold` : `${kind} copy`,
      twin: original.id,
      gold: conflicting ? otherOption(original.truth) : original.gold,
      latent: conflicting ? -3 : original.latent,
    };
    original.plant = `${kind} original`;
    copies.push(c);
  };
  take(AUDIT.exactCopies).forEach((q, i) => {
    const shouted = q.text.split(' ').map((w, k) => (k % 3 === i % 3 ? w.toUpperCase() : w));
    copy(q, 'exact', ` ${shouted.join(i % 2 === 0 ? '  ' : ' ')}  `, i < AUDIT.conflictingCopies);
  });
  take(AUDIT.nearCopies).forEach((q, i) => {
    const words = q.text.split(' ');
    for (let e = 0; e < 1 + (i % 2); e++) {
      const at = 3 + rng.int(words.length - 6);
      words[at] = AUDIT.words[(AUDIT.words.indexOf(words[at]) + 7) % AUDIT.words.length];
    }
    copy(q, 'near', words.join(' '), i < AUDIT.conflictingCopies);
  });
  const items = [...questions, ...copies];

  // Each model's probabilities over the options: softmax of N(0, 1) noise, the true option raised
  // by skill - latent; 4 decimals; the prediction is the most probable written option.
  const models = Object.keys(AUDIT.models);
  const answers = Object.fromEntries(models.map((m) => [m, []]));
  const draw = (mrng, skill, item) => {
    const logits = O.map((o) => mrng.normal(0, 1) + (o === item.truth ? skill - item.latent : 0));
    const top = Math.max(...logits);
    const e = logits.map((l) => Math.exp(l - top));
    const total = e.reduce((s, v) => s + v, 0);
    const probs = Object.fromEntries(O.map((o, k) => [o, round(e[k] / total, 4)]));
    const pred = O.reduce((best, o) => (probs[o] > probs[best] ? o : best), O[0]);
    return { probs, pred };
  };
  const goldOf = (item, model) => (item.oldGold && model !== AUDIT.revisedModel ? item.oldGold : item.gold);
  const rngs = Object.fromEntries(models.map((m, k) => [m, new Rng(AUDIT.seed * 31 + k + 1)]));
  items.forEach((item, at) => {
    for (const m of models) {
      let a = draw(rngs[m], AUDIT.models[m], item);
      // A wrong-gold question is easy: every model answers its true option.
      while (item.gold !== item.truth && a.pred !== item.truth) a = draw(rngs[m], AUDIT.models[m], item);
      answers[m][at] = a;
    }
    // Elsewhere no four models agree on one wrong answer by chance: the last one draws again.
    const last = models[models.length - 1];
    const unanimousWrong = () =>
      models.every((m) => answers[m][at].pred === answers[models[0]][at].pred && answers[m][at].pred !== goldOf(item, m));
    while (item.gold === item.truth && unanimousWrong()) answers[last][at] = draw(rngs[last], AUDIT.models[last], item);
  });

  const header = ['item_id', 'model', 'subject', 'question', 'gold', 'pred', ...O.map((o) => `prob_${o}`)];
  const rows = [header.join(',')];
  for (const m of models)
    items.forEach((item, at) => {
      const a = answers[m][at];
      rows.push([item.id, m, item.subject, csvField(item.text), goldOf(item, m), a.pred, ...O.map((o) => a.probs[o].toFixed(4))].join(','));
    });

  // ---- expected: counted from the values written, independently of the app ----
  const right = Object.fromEntries(models.map((m) => [m, items.map((item, at) => (answers[m][at].pred === goldOf(item, m) ? 1 : 0))]));
  const stats = Object.fromEntries(models.map((m) => [m, accStats(items.length, right[m].reduce((s, v) => s + v, 0))]));
  const byStrength = [...models].sort((a, b) => stats[b].correct - stats[a].correct);
  const agreeingWrong = (voters) =>
    items
      .filter((item, at) => {
        const first = answers[voters[0]][at].pred;
        return voters.every((m) => answers[m][at].pred === first && first !== goldOf(item, m));
      })
      .map((item) => item.id);
  const goldDiffers = items
    .filter((item) => new Set(models.map((m) => goldOf(item, m))).size > 1)
    .map((item) => ({ id: item.id, gold: Object.fromEntries(models.map((m) => [m, goldOf(item, m)])) }));
  const bySubject = {};
  items.forEach((item, at) => {
    const s = (bySubject[item.subject] ??= { n: 0, none_right: 0, all_right: 0 });
    const k = models.filter((m) => right[m][at] === 1).length;
    s.n++;
    if (k === 0) s.none_right++;
    if (k === models.length) s.all_right++;
  });
  const itemGold = (item) => models.map((m) => goldOf(item, m)).sort()[0];
  const normal = items.map((item) => normaliseText(item.text));
  const byText = new Map();
  items.forEach((item, k) => byText.set(normal[k], [...(byText.get(normal[k]) ?? []), item]));
  const exactGroups = [...byText.values()]
    .filter((g) => g.length > 1)
    .map((g) => ({ ids: g.map((x) => x.id), golds_agree: new Set(g.map(itemGold)).size === 1 }));
  // Near duplicates among distinct texts (each text's first item), every pair compared.
  const representatives = [...byText.values()].map((g) => g[0]);
  const sets = representatives.map((item) => ngramSet(normaliseText(item.text), AUDIT.ngram));
  const nearPairs = [];
  let largestOther = 0;
  for (let i = 0; i < representatives.length; i++)
    for (let j = i + 1; j < representatives.length; j++) {
      const J = jaccard(sets[i], sets[j]);
      const [a, b] = [representatives[i], representatives[j]];
      const planted = a.twin === b.id || b.twin === a.id;
      if (J >= 0.5)
        nearPairs.push({ a: a.id, b: b.id, jaccard: J, golds_agree: itemGold(a) === itemGold(b), planted });
      else if (planted) throw new Error(`planted near copy ${b.id} of ${a.id} has Jaccard ${J}`);
      if (!planted) largestOther = Math.max(largestOther, J);
    }
  if (nearPairs.some((p) => !p.planted)) throw new Error('an unplanted pair of questions is near-duplicate');
  const confident = Object.fromEntries(
    models.map((m) => {
      const rowsOf = items.map((item, at) => ({ id: item.id, gold: goldOf(item, m), probs: answers[m][at].probs }));
      const { thresholds, classes } = confidentLearning(rowsOf, O);
      const flagged = rowsOf.filter((r, k) => classes[k] !== null && classes[k] !== r.gold).map((r) => r.id);
      return [m, { thresholds, flagged }];
    }),
  );
  const suspects = agreeingWrong(models);
  // What if: each model's accuracy on the items kept (a later copy of a duplicate is dropped).
  const accuracyWithout = (excluded) =>
    Object.fromEntries(
      models.map((m) => {
        const kept = items.map((item, at) => [item, right[m][at]]).filter(([item]) => !excluded.has(item.id));
        return [m, accStats(kept.length, kept.reduce((s, [, r]) => s + r, 0))];
      }),
    );
  const laterCopies = new Set([
    ...exactGroups.flatMap((g) => g.ids.slice(1)),
    ...nearPairs.map((p) => (p.a < p.b ? p.b : p.a)),
  ]);
  return {
    csv: rows.join('\n') + '\n',
    expected: {
      shape: 'long (question x model)',
      task: 'multiclass (options A-D), a probability per option',
      rows: items.length * models.length,
      items: items.length,
      correct_definition: 'pred = gold (each row against its own gold)',
      ngram: AUDIT.ngram,
      models: stats,
      strongest_first: byStrength,
      planted: {
        wrong_gold: items.filter((x) => x.gold !== x.truth).map((x) => x.id),
        revised_gold: items.filter((x) => x.oldGold).map((x) => x.id),
        exact_copies: copies.filter((c) => c.plant.startsWith('exact')).map((c) => [c.twin, c.id]),
        near_copies: copies.filter((c) => c.plant.startsWith('near')).map((c) => [c.twin, c.id]),
        conflicting_copies: copies.filter((c) => c.plant.endsWith('other gold')).map((c) => c.id),
      },
      gold_differs: goldDiffers,
      suspects_all_models: suspects,
      suspects_three_strongest: agreeingWrong(byStrength.slice(0, 3)),
      agreement: agreementCounts(right),
      by_subject: bySubject,
      exact_duplicates: exactGroups,
      near_duplicates: nearPairs.map(({ planted: _, ...p }) => p),
      largest_other_jaccard: largestOther,
      confident_learning: confident,
      without_suspects: accuracyWithout(new Set(suspects)),
      without_later_copies: accuracyWithout(laterCopies),
    },
  };
}

// ---------------------------------------------------------------------------
// 8. street-scenes.parquet + street-scenes-production.csv (a test set and the traffic it will face)
// ---------------------------------------------------------------------------

const STREET = {
  seed: 7007,
  nFrames: 6000,
  nProduction: 8000,
  cameras: 240,
  // The test set was collected mostly by day and in clear weather ...
  test: {
    time_of_day: { day: 0.7, dusk: 0.15, night: 0.15 },
    weather: { clear: 0.6, rain: 0.25, fog: 0.15 },
  },
  // ... the deployed cameras see far more night and some snow, which the test set never has.
  production: {
    time_of_day: { day: 0.35, dusk: 0.2, night: 0.45 },
    weather: { clear: 0.44, rain: 0.32, fog: 0.18, snow: 0.06 },
  },
  pedestrianRate: 0.4,
  distance: { median: 18, sigma: 0.6, min: 2, max: 120 },
  // How clearly a model sees a pedestrian (the probit of its accuracy in clear weather at 18 m):
  // sharp-v3 is best by day and poor at night; lowlight-v1 is steadier.
  models: {
    'sharp-v3': { day: 2.1, dusk: 1.25, night: 0.5 },
    'lowlight-v1': { day: 1.3, dusk: 1.22, night: 1.1 },
  },
  weatherFactor: { clear: 1, rain: 0.85, fog: 0.7, snow: 0.6 },
  /** Per metre beyond 18 m the signal weakens by this share (clamped to 0.6-1.15). */
  distanceSlope: 0.004,
};

function genStreet() {
  const rng = new Rng(STREET.seed);
  const frame = (dist) => ({
    time: rng.weighted(dist.time_of_day),
    weather: rng.weighted(dist.weather),
    distance: round(clamp(rng.lognormal(STREET.distance.median, STREET.distance.sigma), STREET.distance.min, STREET.distance.max), 1),
    camera: `cam-${pad(1 + rng.int(STREET.cameras), 3)}`,
  });
  const frames = [];
  for (let i = 0; i < STREET.nFrames; i++) {
    const f = frame(STREET.test);
    frames.push({ id: `img-${pad(i + 1, 5)}`, ...f, label: rng.bernoulli(STREET.pedestrianRate) });
  }
  const rows = [];
  const stats = {};
  Object.entries(STREET.models).forEach(([model, strength], m) => {
    const mrng = new Rng(STREET.seed * 31 + m + 1);
    const cells = {};
    let n = 0, correct = 0;
    for (const f of frames) {
      const factor = clamp(1 - STREET.distanceSlope * (f.distance - STREET.distance.median), 0.6, 1.15);
      const signal = (f.label ? 1 : -1) * strength[f.time] * STREET.weatherFactor[f.weather] * factor;
      const score = round(sigmoid(1.6 * (signal + mrng.normal(0, 1))), 4);
      const prediction = score >= 0.5 ? 1 : 0;
      rows.push([f.id, model, f.label, score, prediction, f.time, f.weather, f.distance, f.camera]);
      const ok = prediction === f.label ? 1 : 0;
      n++; correct += ok;
      const key = `${f.time}|${f.weather}`;
      cells[key] ??= { n: 0, correct: 0 };
      cells[key].n++; cells[key].correct += ok;
    }
    stats[model] = { n, correct, accuracy: correct / n, cells };
  });
  const production = [];
  const prodCells = {};
  for (let i = 0; i < STREET.nProduction; i++) {
    const f = frame(STREET.production);
    production.push(f);
    const key = `${f.time}|${f.weather}`;
    prodCells[key] = (prodCells[key] ?? 0) + 1;
  }
  const csv = ['request_id,time_of_day,weather,distance_m,camera_id'];
  production.forEach((f, i) => csv.push([`req-${pad(i + 1, 6)}`, f.time, f.weather, f.distance, f.camera].join(',')));
  return { rows, stats, prodCells, csv: csv.join('\n') + '\n' };
}

/**
 * What the representativeness cell should find, counted here from the rows written: per model
 * the accuracy by slice, and under the production mix (post-stratified: Σ q_s accuracy_s over the
 * slices both have, the rest of the production's share left out and reported).
 */
function streetExpected(street) {
  const split = (key) => key.split('|');
  const byTime = (cells) => {
    const out = {};
    for (const [key, v] of Object.entries(cells)) {
      const [time] = split(key);
      out[time] ??= { n: 0, correct: 0 };
      out[time].n += typeof v === 'number' ? v : v.n;
      out[time].correct += typeof v === 'number' ? 0 : v.correct;
    }
    return out;
  };
  const production = { by_time_of_day: {}, by_time_and_weather: {} };
  for (const [time, v] of Object.entries(byTime(street.prodCells))) production.by_time_of_day[time] = v.n;
  for (const [key, count] of Object.entries(street.prodCells)) production.by_time_and_weather[key] = count;
  const reweight = (slices, counts) => {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    let covered = 0, value = 0;
    for (const [key, count] of Object.entries(counts)) {
      if (!slices[key]) continue;
      covered += count / total;
      value += (count / total) * (slices[key].correct / slices[key].n);
    }
    return { accuracy: value / covered, unrepresented_share: 1 - covered };
  };
  const models = {};
  for (const [model, s] of Object.entries(street.stats)) {
    const time = byTime(s.cells);
    models[model] = {
      n: s.n,
      correct: s.correct,
      accuracy: s.accuracy,
      by_time_of_day: Object.fromEntries(Object.entries(time).map(([k, v]) => [k, { ...v, accuracy: v.correct / v.n }])),
      by_time_and_weather: Object.fromEntries(Object.entries(s.cells).map(([k, v]) => [k, { ...v, accuracy: v.correct / v.n }])),
      under_production_by_time_of_day: reweight(time, production.by_time_of_day),
      under_production_by_time_and_weather: reweight(s.cells, production.by_time_and_weather),
    };
  }
  const best = (pick) => Object.entries(models).sort((a, b) => pick(b[1]) - pick(a[1]))[0][0];
  return {
    shape: 'long (frame x model), and a production log of the same features without labels',
    task: 'binary',
    rows: street.rows.length,
    frames: STREET.nFrames,
    production_rows: STREET.nProduction,
    correct_definition: 'prediction = label',
    keys: 'by_time_and_weather keys are "<time_of_day>|<weather>"',
    production,
    models,
    best_on_test: best((m) => m.accuracy),
    best_under_production_by_time_of_day: best((m) => m.under_production_by_time_of_day.accuracy),
  };
}

// ---------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------

async function main() {
  const loan = genLoan();
  await writeParquet(
    join(HERE, 'loan-approval.parquet'),
    [
      ['example_id', 'VARCHAR'], ['model', 'VARCHAR'], ['label', 'INTEGER'], ['score', 'DOUBLE'],
      ['prediction', 'INTEGER'], ['age_group', 'VARCHAR'], ['sex', 'VARCHAR'], ['region', 'VARCHAR'],
      ['income_k', 'DOUBLE'], ['latency_ms', 'DOUBLE'],
    ],
    loan.rows,
  );
  const loanCandidate = genLoanCandidate(loan.rows);
  await writeParquet(
    join(HERE, 'loan-approval-candidate.parquet'),
    [
      ['example_id', 'VARCHAR'], ['model', 'VARCHAR'], ['label', 'INTEGER'], ['score', 'DOUBLE'],
      ['prediction', 'INTEGER'], ['age_group', 'VARCHAR'], ['sex', 'VARCHAR'], ['region', 'VARCHAR'],
      ['income_k', 'DOUBLE'], ['latency_ms', 'DOUBLE'],
    ],
    loanCandidate.rows,
  );

  const corr = genCorruption();
  await writeParquet(
    join(HERE, 'corruption-robustness.parquet'),
    [
      ['image_id', 'INTEGER'], ['model', 'VARCHAR'], ['condition', 'VARCHAR'], ['severity', 'INTEGER'],
      ['label', 'INTEGER'], ['prediction', 'INTEGER'], ['confidence', 'DOUBLE'],
    ],
    corr.rows,
  );

  const llm = genLlm();
  mkdirSync(join(HERE, 'llm-eval'), { recursive: true });
  writeFileSync(join(HERE, 'llm-eval', 'questions.csv'), llm.csv);
  for (const [model, text] of Object.entries(llm.files)) writeFileSync(join(HERE, 'llm-eval', `${model}.jsonl`), text);

  const house = genHouses();
  writeFileSync(join(HERE, 'house-prices-wide.csv'), house.csv);

  const five = genFive();
  writeFileSync(join(HERE, 'qa-five-models.csv'), five.csv);

  const zoo = genZoo();
  writeFileSync(join(HERE, 'model-zoo.csv'), zoo.csv);

  const audit = genAudit();
  writeFileSync(join(HERE, 'mcq-audit.csv'), audit.csv);
  const street = genStreet();
  await writeParquet(
    join(HERE, 'street-scenes.parquet'),
    [
      ['image_id', 'VARCHAR'], ['model', 'VARCHAR'], ['label', 'INTEGER'], ['score', 'DOUBLE'],
      ['prediction', 'INTEGER'], ['time_of_day', 'VARCHAR'], ['weather', 'VARCHAR'],
      ['distance_m', 'DOUBLE'], ['camera_id', 'VARCHAR'],
    ],
    street.rows,
  );
  writeFileSync(join(HERE, 'street-scenes-production.csv'), street.csv);

  const expected = {
    generator: 'samples/generate.mjs',
    note: 'Statistics computed in plain JS while generating, from the exact values written to the files. See samples/README.md.',
    files: {
      'loan-approval.parquet': {
        shape: 'long',
        task: 'binary',
        rows: loan.rows.length,
        examples: LOAN.nApplicants,
        positives_per_model: loan.positives,
        correct_definition: 'prediction = label',
        planted_slice: {
          where: "age_group = '65+' AND region = 'rural'",
          n_per_model: loan.nSlice,
          positives_per_model: loan.slicePos,
        },
        models: loan.stats,
      },
      'loan-approval-candidate.parquet': loanCandidate.expected,
      'corruption-robustness.parquet': {
        shape: 'long',
        task: 'multiclass',
        rows: corr.rows.length,
        images: CORR.nImages,
        conditions_per_model: corr.conditions,
        correct_definition: 'prediction = label',
        models: corr.stats,
      },
      'llm-eval': {
        shape: 'one file per model (model named by the file), metadata joined on question_id',
        task: 'per-example score (correct 0/1)',
        rows: {
          'llm-eval/questions.csv': LLM.nQuestions,
          ...Object.fromEntries(Object.keys(LLM.models).map((m) => [`llm-eval/${m}.jsonl`, LLM.nQuestions])),
        },
        stacked_rows: LLM.nQuestions * Object.keys(LLM.models).length,
        questions_by_difficulty: llm.diffCounts,
        correct_definition: 'sum of correct',
        models: llm.stats,
        agreement: llm.agreement,
      },
      'house-prices-wide.csv': {
        shape: 'wide (one prediction column per model)',
        task: 'regression',
        rows: HOUSE.n,
        unpivoted_rows: HOUSE.n * Object.keys(HOUSE.models).length,
        label_column: 'y_true',
        mean_y_true: house.meanY,
        lakeside_rows: house.nLake,
        error_definition: 'prediction - y_true, using the 2-decimal values in the file',
        models: house.stats,
      },
      'qa-five-models.csv': {
        shape: 'long (question x model)',
        task: 'per-example score (correct 0/1, rating 1-5, overlap_f1 0-1)',
        rows: FIVE.nQuestions * Object.keys(FIVE.models).length,
        questions: FIVE.nQuestions,
        bad_gold_questions: five.badGold,
        correct_definition: 'sum of correct',
        models: five.stats,
        agreement: five.agreement,
        paired: five.kestrel,
      },
      'model-zoo.csv': {
        shape: 'one row per model',
        rows: zoo.models.length,
        models: Object.fromEntries(zoo.models.map((m) => [m.model, m])),
        fits: zoo.fits,
      },
      'mcq-audit.csv': audit.expected,
      'street-scenes': streetExpected(street),
    },
  };
  writeFileSync(join(HERE, 'expected.json'), JSON.stringify(expected, null, 2) + '\n');
  writeFileSync(join(HERE, 'README.md'), readme(expected, { loan, corr, llm, house, five, zoo }));

  if (VERBOSE) console.log(JSON.stringify(summary(expected), null, 1));
}

function summary(e) {
  const f = e.files;
  const L = f['loan-approval.parquet'];
  const C = f['corruption-robustness.parquet'];
  const Q = f['llm-eval'];
  const H = f['house-prices-wide.csv'];
  const r = (x) => round(x, 3);
  return {
    loan: {
      pos: L.positives_per_model / L.examples,
      slice: L.planted_slice,
      models: Object.fromEntries(Object.entries(L.models).map(([m, s]) => [m, {
        acc: r(s.accuracy), err: r(s.error_rate), slice: r(s.slice.error_rate), rest: r(s.outside_slice.error_rate),
        ratio: r(s.slice.error_rate / s.outside_slice.error_rate), ratioAll: r(s.slice.error_rate / s.error_rate),
        sex: Object.values(s.by_sex).map((v) => r(v.error_rate)),
      }])),
    },
    corr: Object.fromEntries(Object.entries(C.models).map(([m, s]) => [m, {
      conf: r(s.mean_confidence), acc: r(s.accuracy),
      sev: Object.values(s.by_severity).map((v) => r(v.accuracy)),
      gauss: r(s.by_condition.gaussian_noise.accuracy), bright: r(s.by_condition.brightness.accuracy),
    }])),
    llm: Object.fromEntries(Object.entries(Q.models).map(([m, s]) => [m, {
      acc: r(s.accuracy), math: r(s.math_vs_rest.math.accuracy), rest: r(s.math_vs_rest.rest.accuracy),
      diff: Object.values(s.by_difficulty).map((v) => r(v.accuracy)), lat: r(s.mean_latency_ms), judge: r(s.mean_judge_score),
    }])),
    house: Object.fromEntries(Object.entries(H.models).map(([m, s]) => [m, {
      mae: r(s.mae), rmse: r(s.rmse), bias: r(s.mean_error), lake: r(s.lakeside.mae), rest: r(s.not_lakeside.mae),
    }])),
  };
}

// ---------------------------------------------------------------------------
// README (generated so that the documented numbers always match the files)
// ---------------------------------------------------------------------------

const f3 = (x) => x.toFixed(3);
const f1 = (x) => x.toFixed(1);
const pct = (x) => (100 * x).toFixed(1) + '%';
const table = (head, rows) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function readme(expected, ctx) {
  const F = expected.files;
  const L = F['loan-approval.parquet'];
  const P = F['loan-approval-candidate.parquet'];
  const C = F['corruption-robustness.parquet'];
  const Q = F['llm-eval'];
  const H = F['house-prices-wide.csv'];
  const sevs = ['0', '1', '2', '3', '4', '5'];
  const noise = ['gaussian_noise', 'shot_noise', 'impulse_noise'];
  const noiseAcc = (s) => {
    let n = 0, c = 0;
    for (const k of noise) { n += s.by_condition[k].n; c += s.by_condition[k].correct; }
    return c / n;
  };
  const modelsList = (o) => Object.keys(o).map((m) => '`' + m + '`').join(', ');
  const S = F['street-scenes'];
  const mix = (o) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ');

  return `# Slicebook sample data

Small, realistic evaluation result dumps for demos, manual testing and end-to-end tests.
**The data, \`expected.json\` and this README are generated** by \`samples/generate.mjs\`
(edit the README template in that script, not this file); the notebooks are not (below).

\`\`\`sh
npm run samples        # = node samples/generate.mjs  (add --verbose for a summary)
\`\`\`

- Deterministic: every random draw comes from a seeded \`mulberry32\` stream (one seed per dataset,
  and one derived stream per model), no \`Math.random\`, no clock. Re-running produces byte-identical
  files (Parquet is written by native DuckDB with \`threads = 1\`, a fixed row order and one row group).
- Each file is well under 2 MB.
- \`expected.json\` holds statistics computed in plain JS while generating, from the exact values
  written to the files (after rounding). It is an independent second implementation: end-to-end
  tests compare the app's SQL results against it (use a tolerance of ~1e-9 for means).

| File | Shape | Task | Rows |
|---|---|---|---|
| \`loan-approval.parquet\` | long (example x model) | binary | ${L.rows} |
| \`loan-approval-candidate.parquet\` | the same, a new run of \`fair-gbm\` | binary | ${P.rows} |
| \`corruption-robustness.parquet\` | long (image x model x condition x severity) | multiclass | ${C.rows} |
| \`llm-eval/{atlas-7b,atlas-70b,nimbus-mini}.jsonl\` | one nested JSONL file per model | per-example score (0/1) | ${LLM.nQuestions} each |
| \`llm-eval/questions.csv\` | metadata, join on \`question_id\` | | ${LLM.nQuestions} |
| \`house-prices-wide.csv\` | wide (one prediction column per model) | regression | ${H.rows} |
| \`qa-five-models.csv\` | long (question x model) | per-example score (0/1, a 1-5 rating, an F1) | ${F['qa-five-models.csv'].rows} |
| \`model-zoo.csv\` | one row per model | accuracies in and under a shift | ${F['model-zoo.csv'].rows} |
| \`mcq-audit.csv\` | long (question x model), question text, a probability per option | multiclass (A-D) | ${F['mcq-audit.csv'].rows} |
| \`street-scenes.parquet\` | long (frame x model) | binary | ${F['street-scenes'].rows} |
| \`street-scenes-production.csv\` | a production log: the same features, no labels | | ${F['street-scenes'].production_rows} |

## Example notebooks

The data, \`expected.json\` and this README are generated; the notebooks are written by hand.
\`notebooks/<sample>.slicebook.json\` is the example notebook the start screen opens with each sample
(its button; "data only" opens the data alone): an overview, a slice table and the analysis the
sample was made for, with notes that say what to look at, in numbers the tables above confirm.
\`tests/unit/example-notebooks-run.test.ts\` runs each one on its sample with the runner (every cell
makes a result, the assertions hold, the files' sizes and SHA-256 match), and
\`tests/e2e/example-notebooks.spec.ts\` opens each from the start screen and checks its numbers
against counts made from the files. After \`npm run samples\` changes a file, update the \`data\` of
the notebooks that read it (the unit test says which).

| Notebook | Cells after the overview and the slice table |
|---|---|
| \`loan-approval\` | slice table by age group x region (the planted 65+ rural slice), model vs model per age group, fairness by sex (a null result) |
| \`loan-approval-runs\` | the overview pools both runs; slice table by run (\`file\`) x region, Against a baseline per region (the rural regression) |
| \`corruption-robustness\` | slice table by condition, robustness (curves, mCE against \`resnet50\`), calibration |
| \`llm-eval\` | slice table by category (\`atlas-7b\` on math), leaderboard, quality vs latency |
| \`house-prices\` | slice table of MAE by neighborhood, slice discovery on \`linear\`'s absolute error |
| \`qa-five-models\` | slice table by topic, leaderboard with ranks per topic, the two kestrels' judge ratings paired |
| \`model-zoo\` | no per-example rows: a SQL overview per family, then two metrics across models (ImageNet-V2, sketch) |
| \`mcq-audit\` | slice table by subject, the benchmark audit |
| \`street-scenes\` | slice table by time of day, accuracy under the production log's mix (\`--check\`: lowlight-v1 >= 0.85) |

\`loan-approval.slicebook.json\` beside the data is another hand-written notebook: the release gate
the README's "Continuous evaluation" runs.

---

## 1. \`loan-approval.parquet\`: binary classification, long shape

${LOAN.nApplicants} loan applicants x 2 models (${modelsList(LOAN.models)}) = ${L.rows} rows, ordered by model
(baseline first) then \`example_id\`. Same applicants and labels for both models.

| Column | Type | Meaning |
|---|---|---|
| \`example_id\` | VARCHAR | \`app-00001\` ... \`app-${pad(LOAN.nApplicants, 5)}\` |
| \`model\` | VARCHAR | ${modelsList(LOAN.models)} |
| \`label\` | INTEGER | gold outcome, 1 = approve (repaid), 0 = decline |
| \`score\` | DOUBLE | model's P(label = 1), 4 decimals |
| \`prediction\` | INTEGER | \`score >= 0.5\` |
| \`age_group\` | VARCHAR | ${Object.entries(LOAN.ageGroups).map(([k, v]) => `${k} (${v})`).join(', ')} (sampling probabilities) |
| \`sex\` | VARCHAR | female / male, 50:50. **No true effect** on the label (a null check: no real disparity) |
| \`region\` | VARCHAR | ${Object.entries(LOAN.regions).map(([k, v]) => `${k} (${v})`).join(', ')} |
| \`income_k\` | DOUBLE | income in $1000s, 1 decimal: log-normal, median by age ${JSON.stringify(LOAN.incomeMedianK)}, x${LOAN.incomeRuralFactor} if rural, sigma ${LOAN.incomeSigma}, clamped to [6, 900] |
| \`latency_ms\` | DOUBLE | inference latency, log-normal (sigma 0.25), median ${Object.entries(LOAN.models).map(([m, p]) => `${p.latencyMedian} ms for ${m}`).join(', ')} |

**Generative model.** True log-odds of \`label = 1\`:
\`${LOAN.intercept} + ${LOAN.incomeCoef}*ln(income_k/55) + age_effect + region_effect + history + ${LOAN.sliceInteraction}*[age_group='65+' AND region='rural']\`
with age effects ${JSON.stringify(LOAN.ageEffect)}, region effects ${JSON.stringify(LOAN.regionEffect)} and an
unrecorded credit-history term \`history ~ N(0, ${LOAN.historySd})\` that both models see. \`label ~ Bernoulli(sigmoid(.))\`.
Each model's \`score = sigmoid((true log-odds without the interaction + captured share of the interaction + N(0, noise)) / temp)\`:

| Model | noise sd | share of the slice interaction learned | temp |
|---|---|---|---|
${Object.entries(LOAN.models).map(([m, p]) => `| \`${m}\` | ${p.noiseSd} | ${p.sliceCaptured} | ${p.temp} |`).join('\n')}

**Planted effect.** Slice \`age_group = '65+' AND region = 'rural'\` (asset-rich rural retirees: low income
but a +${LOAN.sliceInteraction} log-odds boost the income-driven baseline never learned). \`baseline-gbm\` under-scores
them and declines many who would repay; \`fair-gbm\` learned the interaction and is also slightly less noisy overall.
(\`fair-gbm\` still errs a little more in the slice than elsewhere because the slice's labels sit closer to
50:50, i.e. it is intrinsically harder; the excess is small and not the planted effect.)

Realized (${L.positives_per_model} positives = ${pct(L.positives_per_model / L.examples)}; slice: ${L.planted_slice.n_per_model} applicants, ${L.planted_slice.positives_per_model} positive):

${table(['Model', 'accuracy', 'error rate', 'slice n', 'slice errors', 'slice error rate', 'outside-slice error rate', 'slice / overall', 'female / male error rate'],
  Object.entries(L.models).map(([m, s]) => [`\`${m}\``, f3(s.accuracy), f3(s.error_rate), s.slice.n, s.slice.errors, f3(s.slice.error_rate), f3(s.outside_slice.error_rate), (s.slice.error_rate / s.error_rate).toFixed(2) + 'x', `${f3(s.by_sex.female.error_rate)} / ${f3(s.by_sex.male.error_rate)}`]))}

---

## 2. \`corruption-robustness.parquet\`: image classification under corruptions, long shape

${CORR.nImages} test images (10 classes, 20 per class) x 3 models x ${C.conditions_per_model} conditions
(\`clean\` at severity 0, plus 15 ImageNet-C corruptions at severities 1-5) = ${C.rows} rows, ordered by
model, condition (clean first, then the list below), severity, \`image_id\`.

| Column | Type | Meaning |
|---|---|---|
| \`image_id\` | INTEGER | 0 ... ${CORR.nImages - 1} |
| \`model\` | VARCHAR | ${modelsList(CORR.models)} |
| \`condition\` | VARCHAR | \`clean\`, ${Object.keys(CORR.corruptions).map((c) => '`' + c + '`').join(', ')} |
| \`severity\` | INTEGER | 0 for clean, 1-5 otherwise |
| \`label\` | INTEGER | gold class 0-9 |
| \`prediction\` | INTEGER | predicted class 0-9 |
| \`confidence\` | DOUBLE | max softmax probability (0.1-1), 4 decimals |

**Generative model.** Each image has a difficulty \`d ~ N(0, ${CORR.imageDifficultySd})\` (shared by all models) and a
per-corruption susceptibility \`exp(N(0, 0.3))\` (shared). P(correct) = \`0.1 + 0.9*sigmoid(clean_m - d - rate_c * sens_m[family_c] * severity * susceptibility)\`.
Correctness is drawn with one latent uniform per (model, image, condition) reused across severities, so
degradation is monotone per image as in real sweeps. Wrong predictions go to the paired confusable class
(\`label XOR 1\`, 70%) or a uniform other class; under noise corruptions at severity >= 3, 40% of errors go to
class ${CORR.noiseSinkClass} (a "sink" class, so class ${CORR.noiseSinkClass} is over-predicted). Confidence:
\`0.1 + 0.9*sigmoid(logit(p_above_chance) - 0.25 +/- 0.5 (correct/wrong) + overconf_m*[severity > 0] + N(0, 0.6))\`
(roughly calibrated on clean data; resnet50 becomes overconfident under corruption).

Corruption rates (log-odds drop per severity step, before the model multiplier):
${Object.entries(CORR.corruptions).map(([c, [fam, r]]) => `\`${c}\` ${r} (${fam})`).join(', ')}.

| Model | clean log-odds | sens noise | sens blur | sens weather | sens digital | overconf |
|---|---|---|---|---|---|---|
${Object.entries(CORR.models).map(([m, p]) => `| \`${m}\` | ${p.clean} | ${p.sens.noise} | ${p.sens.blur} | ${p.sens.weather} | ${p.sens.digital} | ${p.overconf} |`).join('\n')}

**Planted effects.** \`resnet50\` degrades much faster with severity than \`vit-b16\`, especially on the three
noise corruptions; \`augmix-resnet50\` is in between (closest to vit on blur). Clean accuracies are similar.

Realized accuracy by severity (each severity > 0 cell is 15 corruptions x ${CORR.nImages} images = 3000 rows; severity 0 is ${CORR.nImages} rows):

${table(['Model', ...sevs.map((s) => 'sev ' + s), 'all corrupted', 'noise (3 corruptions, all sev)', 'overall', 'mean confidence'],
  Object.entries(C.models).map(([m, s]) => [`\`${m}\``, ...sevs.map((k) => f3(s.by_severity[k].accuracy)), f3(s.corrupted.accuracy), f3(noiseAcc(s)), f3(s.accuracy), f3(s.mean_confidence)]))}

---

## 3. \`llm-eval/\`: one nested JSONL file per model + question metadata

\`atlas-7b.jsonl\`, \`atlas-70b.jsonl\`, \`nimbus-mini.jsonl\`: ${LLM.nQuestions} lines each, same question ids, same order
(\`q0001\` ... \`q${pad(LLM.nQuestions, 4)}\`). **There is no model field: the model is named by the file.** One object per line:

\`\`\`json
${ctx.llm.files['atlas-7b'].split('\n')[0]}
\`\`\`

| Path | Type | Meaning |
|---|---|---|
| \`question_id\` | string | join key to \`questions.csv\` |
| \`correct\` | 0/1 integer | per-example score |
| \`response.latency_ms\` | number, 1 decimal | \`(ttft + prefill*prompt + per_token*completion) * exp(N(0, 0.12))\` |
| \`response.tokens.prompt\` | integer | prompt tokens (per-question length; nimbus-mini's tokenizer counts x1.08) |
| \`response.tokens.completion\` | integer | completion tokens: log-normal (sigma 0.45) around a per-category median x model verbosity, x1.15 when wrong |
| \`judge.score\` | integer 1-10 | LLM-judge grade: round(N(${LLM.judge.correctMean}, ${LLM.judge.correctSd})) if correct, round(N(${LLM.judge.wrongMean}, ${LLM.judge.wrongSd})) if wrong, clamped |

\`questions.csv\`: \`question_id,category,difficulty,source\`. Categories (150 questions each):
${LLM.categories.map((c) => '`' + c + '`').join(', ')}. Difficulty \`easy\`/\`medium\`/\`hard\` (probabilities ${Object.values(LLM.difficulty).join('/')};
realized ${Object.entries(Q.questions_by_difficulty).map(([k, v]) => `${k} ${v}`).join(', ')}). Source:
${Object.entries(LLM.sources).map(([k, v]) => `\`${k}\` (${v})`).join(', ')} (no effect on correctness).

**Generative model.** P(correct) = \`sigmoid(base_m + category_effect_m + difficulty_effect - q)\` with a per-question
latent \`q ~ N(0, ${LLM.questionSd})\` shared across models, difficulty effects ${JSON.stringify(LLM.difficultyEffect)}.

| Model | base | category effect | verbosity | ttft ms | prefill ms/token | ms per completion token |
|---|---|---|---|---|---|---|
${Object.entries(LLM.models).map(([m, p]) => `| \`${m}\` | ${p.base} | ${Object.entries(p.catEffect).map(([k, v]) => `${k} ${v}`).join(', ') || '-'} | ${p.verbosity} | ${p.ttft} | ${p.prefill} | ${p.perToken} |`).join('\n')}

**Planted effects.** \`atlas-7b\` is much worse on \`math\`; accuracy falls with difficulty for every model;
\`nimbus-mini\` has the lowest latency; latency grows with completion tokens; \`atlas-70b\` is best overall.

${table(['Model', 'n', 'correct', 'accuracy', 'math acc', 'non-math acc', 'easy / medium / hard acc', 'mean latency ms', 'mean completion tokens', 'mean judge'],
  Object.entries(Q.models).map(([m, s]) => [`\`${m}\``, s.n, s.correct, f3(s.accuracy), f3(s.math_vs_rest.math.accuracy), f3(s.math_vs_rest.rest.accuracy), Object.values(s.by_difficulty).map((v) => f3(v.accuracy)).join(' / '), f1(s.mean_latency_ms), f1(s.mean_completion_tokens), f3(s.mean_judge_score)]))}

---

## 4. \`house-prices-wide.csv\`: regression, wide shape

${H.rows} house sales, one prediction column per model (the app unpivots \`pred_*\` into model x prediction).

| Column | Type | Meaning |
|---|---|---|
| \`house_id\` | integer | 1 ... ${H.rows} |
| \`neighborhood\` | string | ${Object.entries(HOUSE.neighborhoods).map(([k, v]) => `${k} (${v[0]})`).join(', ')} |
| \`house_type\` | string | detached / semi / apartment (apartment share depends on neighborhood, rest 60:40 detached:semi) |
| \`area_m2\` | integer | log-normal by type: ${Object.entries(HOUSE.types).map(([k, v]) => `${k} median ${v[0]} sigma ${v[1]}`).join(', ')} |
| \`year_built\` | integer | N(neighborhood median, 22), clamped 1890-2024 |
| \`y_true\` | number, 2 decimals | sale price in $1000s |
| \`pred_linear\`, \`pred_boosted\`, \`pred_knn\` | number, 2 decimals | predicted price in $1000s |

**Generative model.** \`signal = price_per_m2[neighborhood] * area_m2 * type_mult * age_factor * lakeside_premium\`, with
price per m2 ($k) ${Object.entries(HOUSE.neighborhoods).map(([k, v]) => `${k} ${v[1]}`).join(', ')}; type multipliers
${Object.entries(HOUSE.types).map(([k, v]) => `${k} ${v[2]}`).join(', ')}; \`age_factor = 1 - 0.0045*min(age, 70) + 0.003*max(0, age - 95)\`
(age = 2024 - year_built); and, **only in lakeside**, \`lakeside_premium = 1 + ${HOUSE.lakeside.amp}*sigmoid((area_m2 - ${HOUSE.lakeside.mid}) / ${HOUSE.lakeside.width})\`
(waterfront premium that grows sharply with size). \`y_true = signal * exp(N(0, ${HOUSE.noiseSigma}))\`.
Predictions:
- \`pred_linear = signal_without_lakeside_premium * (lakeside ? ${ctx.house.meanUplift.toFixed(4)} : 1) * exp(N(0, ${HOUSE.models.pred_linear.sigma}))\`:
  applies only the *average* lakeside uplift as a constant, missing the nonlinear premium (over-prices small,
  badly under-prices large lakeside houses).
- \`pred_boosted = signal * exp(N(0, ${HOUSE.models.pred_boosted.sigma}))\`.
- \`pred_knn = (non-apartments: ${1 - HOUSE.models.pred_knn.shrink}*signal + ${HOUSE.models.pred_knn.shrink}*neighborhood mean; apartments: signal) * exp(N(0, ${HOUSE.models.pred_knn.sigma}))\`.

**Planted effects.** \`pred_linear\` has a much larger absolute error in \`neighborhood = 'lakeside'\`; \`pred_boosted\` has the best overall MAE.

Realized (mean y_true ${f1(H.mean_y_true)}; ${H.lakeside_rows} lakeside rows):

${table(['Model', 'n', 'MAE', 'RMSE', 'mean error (bias)', 'lakeside MAE', 'other MAE'],
  Object.entries(H.models).map(([m, s]) => [`\`${m}\``, s.n, f3(s.mae), f3(s.rmse), f3(s.mean_error), f3(s.lakeside.mae), f3(s.not_lakeside.mae)]))}

---

## 5. \`qa-five-models.csv\`: five models on the same questions (a leaderboard)

${FIVE.nQuestions} questions x ${Object.keys(FIVE.models).length} models, long shape, ordered by model then \`question_id\`.

| Column | Type | Meaning |
|---|---|---|
| \`question_id\` | string | \`f0001\` ... \`f${FIVE.nQuestions}\` |
| \`model\` | string | ${modelsList(FIVE.models)} |
| \`topic\` | string | ${Object.entries(FIVE.topics).map(([k, v]) => `${k} (${v})`).join(', ')} |
| \`correct\` | 0/1 | per-example score |
| \`rating\` | integer 1-5 | a judge's rating: round(N(${FIVE.rating.rightMean} + style, ${FIVE.rating.sd})) if correct, round(N(${FIVE.rating.wrongMean} + style, ${FIVE.rating.sd})) if wrong, clamped |
| \`overlap_f1\` | number 0-1, 3 decimals | answer overlap with the reference: N(${FIVE.f1.rightMean} + style/10, ${FIVE.f1.rightSd}) if correct, N(${FIVE.f1.wrongMean}, ${FIVE.f1.wrongSd}) if wrong, clamped |

**Generative model.** P(correct) = \`sigmoid(base_m + topic_effect_m - q)\` with a per-question latent
\`q ~ N(0, ${FIVE.questionSd})\` shared by the models; ${pct(FIVE.badGold)} of the questions (realized:
${F['qa-five-models.csv'].bad_gold_questions}) have a wrong gold answer, so every model gets them wrong.

${table(['Model', 'base', 'topic effect', 'style (rating shift)'], Object.entries(FIVE.models).map(([m, p]) => [`\`${m}\``, p.base, Object.entries(p.topic).map(([k, v]) => `${k} ${v}`).join(', ') || '-', p.style]))}

**Planted effects.** \`kestrel-70b\` and \`kestrel-70b-v2\` have the same skill: their accuracies differ by
chance only (tied on a leaderboard), but the judge rates v2's answers higher (style +${FIVE.models['kestrel-70b-v2'].style}),
so the paired ratings favour it clearly; \`lyra-34b-dpo\` is best on \`code\` (the order flips there);
\`orca-13b\` is weakest, worst on \`math\`; the wrong-gold questions are "all wrong".

${table(['Model', 'correct', 'accuracy', 'mean rating', 'mean overlap_f1', ...Object.keys(FIVE.topics)], Object.entries(F['qa-five-models.csv'].models).map(([m, s]) => [`\`${m}\``, s.correct, f3(s.accuracy), f3(s.mean_rating), f3(s.mean_overlap_f1), ...Object.keys(FIVE.topics).map((t) => f3(s.by_topic[t].accuracy))]))}

Paired, \`kestrel-70b-v2\` against \`kestrel-70b\`: correct where the other is wrong ${F['qa-five-models.csv'].paired.correct.a_right_b_wrong} vs
${F['qa-five-models.csv'].paired.correct.a_wrong_b_right}; rating wins / losses / ties ${F['qa-five-models.csv'].paired.rating.wins} / ${F['qa-five-models.csv'].paired.rating.losses} / ${F['qa-five-models.csv'].paired.rating.ties},
mean difference ${f3(F['qa-five-models.csv'].paired.rating.mean_difference)}. Agreement: all right ${F['qa-five-models.csv'].agreement.all_right}, all wrong ${F['qa-five-models.csv'].agreement.all_wrong}.

---

## 6. \`model-zoo.csv\`: one row per model (accuracy on the line)

${F['model-zoo.csv'].rows} image classifiers, one row each: \`model\`, \`family\`, \`params_m\` (millions of parameters),
\`imagenet_top1\` (in distribution), \`imagenetv2_top1\` and \`sketch_top1\` (under two shifts), accuracies to 4 decimals.

**Generative model.** Per family an in-distribution range; \`probit(imagenetv2) = ${ZOO.v2.slope} probit(imagenet) ${ZOO.v2.intercept} + N(0, ${ZOO.v2.sd})\`;
\`probit(sketch) = ${ZOO.sketchLine.slope} probit(imagenet) ${ZOO.sketchLine.intercept} + family effect + N(0, ${ZOO.sketchLine.sd})\`, family effects
${Object.entries(ZOO.families).map(([k, f]) => `${k} ${f.sketch}`).join(', ')}.

**Planted effects.** ImageNet-V2 accuracy follows ImageNet accuracy on a line (probit axes, r = ${f3(F['model-zoo.csv'].fits.imagenetv2_probit.r)});
the \`clip-zero-shot\` models sit far above the sketch line (effective robustness), which also pulls that line
(r = ${f3(F['model-zoo.csv'].fits.sketch_probit.r)}); their leave-one-out residuals are larger still.

${table(['Fit (y on imagenet_top1)', 'axes', 'slope', 'intercept', 'r'], Object.entries(F['model-zoo.csv'].fits).map(([k, f]) => [k, f.scale, f3(f.slope), f3(f.intercept), f3(f.r)]))}

---

## 7. \`mcq-audit.csv\`: a benchmark to audit (wrong golds, duplicates, a revised gold)

${F['mcq-audit.csv'].items} multiple-choice questions (options A-D) x ${Object.keys(AUDIT.models).length} models (${modelsList(AUDIT.models)}) =
${F['mcq-audit.csv'].rows} rows, ordered by model then \`item_id\`. Every model answers every question once.

| Column | Type | Meaning |
|---|---|---|
| \`item_id\` | string | \`mq-0001\` ... \`mq-${pad(F['mcq-audit.csv'].items, 4)}\` (the copies are numbered after the ${AUDIT.nQuestions} originals) |
| \`model\` | string | ${modelsList(AUDIT.models)} |
| \`subject\` | string | ${Object.entries(AUDIT.subjects).map(([k, v]) => `${k} (${v})`).join(', ')} |
| \`question\` | string | the question's text: 22-30 words drawn from a list of ${AUDIT.words.length} |
| \`gold\` | A-D | the gold answer as this model's run read it |
| \`pred\` | A-D | the model's answer: its most probable option |
| \`prob_A\` ... \`prob_D\` | number, 4 decimals | the model's probability of each option |

**Generative model.** Per question a true option and a latent difficulty \`q ~ N(0, ${AUDIT.questionSd})\`. Each model's
logit of an option is N(0, 1) noise, plus \`skill - q\` for the true option (skills ${Object.entries(AUDIT.models).map(([m, k]) => `${m} ${k}`).join(', ')});
the probabilities are their softmax.

**Planted, each to be found exactly** (ids in \`expected.json\`, \`planted\`):
- **Wrong gold labels**: ${AUDIT.wrongGold} questions, plus ${2 * AUDIT.conflictingCopies} of the copies below, have a written gold
  other than their true option; they are easy, and every model answers the true option, so all four agree on
  one answer that is not the gold: exactly the ${F['mcq-audit.csv'].suspects_all_models.length} suspects when every model must agree (no other question
  has four models agreeing on one wrong answer: the generator draws the last model again where it would).
  The three strongest models agree on a wrong answer on ${F['mcq-audit.csv'].suspects_three_strongest.length} questions.
- **A revised gold**: ${AUDIT.revised} questions whose gold in \`${AUDIT.revisedModel}\`'s rows differs from the other models'
  (${F['mcq-audit.csv'].planted.revised_gold.join(', ')}).
- **Exact duplicates**: ${AUDIT.exactCopies} copies of questions with the case of every third word and the spaces changed;
  ${AUDIT.conflictingCopies} of them carry a gold other than their twin's.
- **Near duplicates**: ${AUDIT.nearCopies} copies with one or two words replaced (Jaccard similarity of the ${AUDIT.ngram}-character n-grams
  of the normalised texts ${F['mcq-audit.csv'].near_duplicates.map((p) => p.jaccard.toFixed(2)).sort().join(', ')});
  ${AUDIT.conflictingCopies} with another gold. No other pair of questions is closer than ${f3(F['mcq-audit.csv'].largest_other_jaccard)} (every pair compared).

${table(['Model', 'correct', 'accuracy', 'accuracy without the suspects', 'confident-learning flags'], Object.entries(F['mcq-audit.csv'].models).map(([m, s]) => [`\`${m}\``, s.correct, f3(s.accuracy), f3(F['mcq-audit.csv'].without_suspects[m].accuracy), F['mcq-audit.csv'].confident_learning[m].flagged.length]))}

No model right: ${F['mcq-audit.csv'].agreement.all_wrong} questions; every model right: ${F['mcq-audit.csv'].agreement.all_right}. Confident learning
(Northcutt et al. 2021): per model, the mean probability of each option over the rows whose gold it is (the
thresholds), and the rows where the most probable option above its threshold is not the gold.

In the app: open the sample and add an Audit cell; \`tests/e2e/audit.spec.ts\` reads every number above
from the page, and \`tests/unit/audit-runner.test.ts\` from the runner's tables.

---

## 8. \`street-scenes.parquet\` and \`street-scenes-production.csv\`: a test set and the traffic it will face

${S.frames} camera frames x 2 models (${modelsList(S.models)}) = ${S.rows} rows, ordered by model then \`image_id\`:
is there a pedestrian in the frame? Beside it, \`street-scenes-production.csv\`: ${S.production_rows} requests
the deployed cameras logged, with the same feature columns and no label or prediction (a production log).

| Column | Type | Meaning |
|---|---|---|
| \`image_id\` | VARCHAR | \`img-00001\` ... (test set); the log has \`request_id\` \`req-000001\` ... instead |
| \`model\` | VARCHAR | ${modelsList(S.models)} (test set only) |
| \`label\` | INTEGER | 1 = a pedestrian is in the frame (rate ${STREET.pedestrianRate}) (test set only) |
| \`score\`, \`prediction\` | DOUBLE, INTEGER | the model's P(pedestrian), 4 decimals, and \`score >= 0.5\` (test set only) |
| \`time_of_day\` | VARCHAR | test ${mix(STREET.test.time_of_day)}; production ${mix(STREET.production.time_of_day)} |
| \`weather\` | VARCHAR | test ${mix(STREET.test.weather)}; production ${mix(STREET.production.weather)} (**no snow in the test set**) |
| \`distance_m\` | DOUBLE | distance to the pedestrian or scene centre, log-normal, median ${STREET.distance.median} m, sigma ${STREET.distance.sigma}, clamped to [${STREET.distance.min}, ${STREET.distance.max}], 1 decimal |
| \`camera_id\` | VARCHAR | \`cam-001\` ... \`cam-${STREET.cameras}\`, uniform (${STREET.cameras} values: too many for a target mix) |

**Generative model.** Each model's \`score = sigmoid(1.6 (signal + N(0, 1)))\` with
\`signal = (+1 if a pedestrian, else -1) x strength(model, time_of_day) x weather factor x distance factor\`;
weather factors ${Object.entries(STREET.weatherFactor).map(([k, v]) => `${k} ${v}`).join(', ')}; distance factor
\`1 - ${STREET.distanceSlope} (distance_m - ${STREET.distance.median})\` clamped to [0.6, 1.15]. Strengths:

${table(['Model', ...Object.keys(STREET.test.time_of_day)], Object.entries(STREET.models).map(([m, st]) => ['`' + m + '`', ...Object.keys(STREET.test.time_of_day).map((t) => st[t])]))}

**Planted effect.** \`sharp-v3\` is better on the test set, which is mostly daytime; \`lowlight-v1\` holds up at
night. Production traffic is ${pct(STREET.production.time_of_day.night)} night (the test set ${pct(STREET.test.time_of_day.night)}), so under the
production mix the ranking flips: post-stratified by \`time_of_day\` (Σ production share x slice accuracy),
\`${S.best_under_production_by_time_of_day}\` wins. By \`time_of_day\` x \`weather\`, the snowy ${pct(Object.values(S.models)[0].under_production_by_time_and_weather.unrepresented_share)} of production
has no test example (reported as unrepresented; the accuracy is over the rest).

${table(['Model', 'test accuracy', 'day', 'dusk', 'night', 'under production (time of day)', 'under production (time x weather)'], Object.entries(S.models).map(([m, s]) => ['`' + m + '`', f3(s.accuracy), f3(s.by_time_of_day.day.accuracy), f3(s.by_time_of_day.dusk.accuracy), f3(s.by_time_of_day.night.accuracy), f3(s.under_production_by_time_of_day.accuracy), f3(s.under_production_by_time_and_weather.accuracy)]))}

Production rows by time of day: ${Object.entries(S.production.by_time_of_day).map(([k, v]) => `${k} ${v}`).join(', ')}.

In the app: open the sample and add a Target mix cell (Make a mix: it counts the production log);
\`tests/e2e/represent.spec.ts\` reads the numbers above from the page, and
\`tests/unit/runner-represent.test.ts\` checks the accuracy under the production mix with \`slicebook run --check\`.

---

## 9. \`loan-approval-candidate.parquet\`: a new run against the last (a planted regression)

The loan sample again, as a candidate run to compare with \`loan-approval.parquet\` as the baseline: the same
${P.rows} rows, columns and order; \`baseline-gbm\`'s rows unchanged, \`fair-gbm\`'s predictions changed by a
rule on the applicant's number (\`app-00042\` is 42): ${P.rule}.
The rule is the one \`tests/helpers/planted-loan-runs.ts\` applies for the runner's tests.

**Planted effect.** \`fair-gbm\` gets better overall while its rural slice gets worse: a regression that the
average hides.

${table(['fair-gbm', 'n', 'right (baseline)', 'made wrong', 'made right', 'baseline', 'candidate'], [
  ['overall', P.fair_gbm.n, P.fair_gbm.right, P.fair_gbm.rural_made_wrong, P.fair_gbm.elsewhere_made_right, f3(P.fair_gbm.accuracy_baseline), f3(P.fair_gbm.accuracy_candidate)],
  ['region rural', P.fair_gbm.rural_n, P.fair_gbm.rural_right, P.fair_gbm.rural_made_wrong, 0, f3(P.fair_gbm.rural_accuracy_baseline), f3(P.fair_gbm.rural_accuracy_candidate)],
])}

In the app: open the sample "Loan approval: the last release and a candidate" (the two files stack into one
dataset whose \`file\` column names the runs) and add an "Against a baseline" cell: it compares the last run
(the candidate) with the one before; slice by \`region\`. \`tests/e2e/baseline.spec.ts\` reads the rural row
from the page and compares the cell with \`slicebook run\`'s, and \`tests/unit/baseline-cell.test.ts\` checks
this file against the rule.

---

## \`expected.json\`

\`\`\`
{ generator, note,
  files: {
    "loan-approval.parquet": { shape, task, rows, examples, positives_per_model, correct_definition,
        planted_slice: { where, n_per_model, positives_per_model },
        models: { <model>: { n, correct, accuracy, errors, error_rate, positives_predicted, true_positives,
                  false_positives, false_negatives, mean_score, mean_latency_ms,
                  slice: { n, errors, error_rate }, outside_slice: {...}, by_sex: { female: {...}, male: {...} } } } },
    "loan-approval-candidate.parquet": { shape, task, rows, baseline, rule,
        fair_gbm: { n, right, rural_n, rural_right, rural_made_wrong, elsewhere_n, elsewhere_made_right,
                    accuracy_baseline, accuracy_candidate, rural_accuracy_baseline, rural_accuracy_candidate } },
    "corruption-robustness.parquet": { shape, task, rows, images, conditions_per_model, correct_definition,
        models: { <model>: { n, correct, accuracy, mean_confidence, clean: {n, correct, accuracy},
                  corrupted: {...}, by_severity: { "0".."5": {...} }, by_condition: { <condition>: {...} } } } },
    "llm-eval": { shape, task, rows: { <file>: n }, stacked_rows, questions_by_difficulty, correct_definition,
        models: { <model>: { file, n, correct, accuracy, mean_latency_ms, mean_judge_score, mean_prompt_tokens,
                  mean_completion_tokens, by_category: {...}, math_vs_rest: { math, rest }, by_difficulty: {...} } },
        agreement: { questions, all_right, all_wrong, only_right: { <model>: n }, all_but: {...}, models_right: {...} } },
    "house-prices-wide.csv": { shape, task, rows, unpivoted_rows, label_column, mean_y_true, lakeside_rows, error_definition,
        models: { <prediction column>: { n, mae, rmse, mean_error, lakeside: { n, mae }, not_lakeside: { n, mae } } } },
    "qa-five-models.csv": { shape, task, rows, questions, bad_gold_questions, correct_definition,
        models: { <model>: { n, correct, accuracy, mean_rating, mean_overlap_f1, by_topic: {...} } },
        agreement: { questions, all_right, all_wrong, only_right: { <model>: n }, all_but: {...}, models_right: { "0".."5": n } },
        paired: { a, b, correct: { a_right_b_wrong, a_wrong_b_right },
                  rating: { n, wins, losses, ties, mean_difference, sd_difference }, overlap_f1: {...} } },
    "model-zoo.csv": { shape, rows, models: { <model>: { the row } },
        fits: { imagenetv2_linear | imagenetv2_probit | sketch_probit: { scale, n, slope, intercept, r,
                residuals: { <model>: y - line }, leave_one_out: { <model>: y - line fitted without it } } } },
    "mcq-audit.csv": { shape, task, rows, items, correct_definition, ngram, models: { <model>: { n, correct, accuracy } },
        strongest_first, planted: { wrong_gold, revised_gold, exact_copies: [[original, copy]], near_copies, conflicting_copies },
        gold_differs: [{ id, gold: { <model>: gold } }], suspects_all_models, suspects_three_strongest: [ids],
        agreement: {...}, by_subject: { <subject>: { n, none_right, all_right } },
        exact_duplicates: [{ ids, golds_agree }], near_duplicates: [{ a, b, jaccard, golds_agree }], largest_other_jaccard,
        confident_learning: { <model>: { thresholds: { <option>: mean }, flagged: [ids] } },
        without_suspects | without_later_copies: { <model>: { n, correct, accuracy } } } },
    "street-scenes": { shape, task, rows, frames, production_rows, correct_definition, keys,
        production: { by_time_of_day: { <time>: rows }, by_time_and_weather: { "<time>|<weather>": rows } },
        models: { <model>: { n, correct, accuracy, by_time_of_day: { <time>: { n, correct, accuracy } },
                  by_time_and_weather: {...}, under_production_by_time_of_day: { accuracy, unrepresented_share },
                  under_production_by_time_and_weather: {...} } },
        best_on_test, best_under_production_by_time_of_day } } }
\`\`\`

All \`{n, correct, accuracy}\` triples count \`prediction = label\` (classification) or the sum of \`correct\` (LLM).
Regression errors are \`prediction - y_true\` on the 2-decimal values as written; models are keyed by column name
(\`pred_linear\`, ...). Values are full-precision doubles; compare with a small tolerance.
`;
}

await main();
