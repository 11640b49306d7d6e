import { beforeAll, describe } from 'vitest';
import { WASM, type EngineFactory } from '../engines';
import { agreementSuite } from '../suites/agreement';
import { bootstrapSuite } from '../suites/bootstrap';
import { calibrationSuite } from '../suites/calibration';
import { compareSuite } from '../suites/compare';
import { comparePivotSuite } from '../suites/compare-pivot';
import { costSuite } from '../suites/cost';
import { discoverSuite } from '../suites/discover';
import { fairnessSuite } from '../suites/fairness';
import { fuzzQuoteSuite } from '../suites/fuzz-quote';
import { leaderboardSuite } from '../suites/leaderboard';
import { metricsSuite } from '../suites/metrics';
import { metricsClassificationSuite } from '../suites/metrics-classification';
import { metricsRegressionSuite } from '../suites/metrics-regression';
import { metricsScoresSuite } from '../suites/metrics-scores';
import { overviewSuite } from '../suites/overview';
import { repeatedIdsSuite } from '../suites/repeated-ids';
import { resampleBucketsSuite } from '../suites/resample-buckets';
import { robustnessSuite } from '../suites/robustness';
import { sliceTableSuite } from '../suites/slice-table';

/**
 * The analyses' suites on DuckDB-WASM (the build the browser runs), as their own test files run
 * them on native DuckDB: one wasm database for this file, a catalog per suite
 * (src/lib/engine/duckdb-wasm-node.ts).
 */
const SUITES: [string, (factory: EngineFactory) => void][] = [
  ['agreement', agreementSuite],
  ['bootstrap', bootstrapSuite],
  ['calibration', calibrationSuite],
  ['compare', compareSuite],
  ['compare-pivot', comparePivotSuite],
  ['cost', costSuite],
  ['discover', discoverSuite],
  ['fairness', fairnessSuite],
  ['fuzz-quote', fuzzQuoteSuite],
  ['leaderboard', leaderboardSuite],
  ['metrics', metricsSuite],
  ['metrics-classification', metricsClassificationSuite],
  ['metrics-regression', metricsRegressionSuite],
  ['metrics-scores', metricsScoresSuite],
  ['overview', overviewSuite],
  ['repeated-ids', repeatedIdsSuite],
  ['resample-buckets', resampleBucketsSuite],
  ['robustness', robustnessSuite],
  ['slice-table', sliceTableSuite],
];

// Instantiating the wasm (once per process) takes seconds more than a suite's hook may, on a
// loaded machine: done here, before the first suite's beforeAll.
beforeAll(async () => (await WASM.create()).close(), 120_000);

for (const [name, suite] of SUITES) describe(`${name} on ${WASM.name}`, () => suite(WASM));
