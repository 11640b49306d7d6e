import { readBucketWeights } from '../../metrics/bootstrap-sql';
import { resampleBuckets } from '../../metrics/resample-buckets';
import {
  pairedScoresBucketsSql,
  pairedScoresSql,
  type PairedScoresOptions,
} from './build-paired-scores';
import { meanDifferenceReplicates, readPairedScores } from './read-paired-scores';

type Row = Record<string, unknown>;

/**
 * Two models' per-example scores compared (a plan in, rows out): the moments and signed ranks per
 * slice, and the paired bootstrap of each slice's mean difference (every model's example weighted
 * alike, from sums per bucket of the example id).
 */
export async function pairedScores(o: PairedScoresOptions, read: (sql: string) => Promise<Row[]>) {
  const rows = await read(pairedScoresSql(o));
  const buckets = pairedScoresBucketsSql(o);
  const sums = await read(buckets.sums);
  const weights = readBucketWeights(await read(buckets.weights));
  const replicates = meanDifferenceReplicates(resampleBuckets(sums, weights, false));
  return readPairedScores(rows, replicates);
}
