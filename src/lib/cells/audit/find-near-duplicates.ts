import { plainValue } from '../../notebook/result-values';
import type { NearPair, NearSearch } from './audit-result';
import { bandShape } from './lsh-bands';
import {
  bandsSql,
  bucketsLeftOutSql,
  candidateCountSql,
  candidatesSql,
  createSketchSql,
  nearItemsSql,
  nearPairsSql,
  nearSizeSql,
  signatureSql,
  sketchBatchSql,
  verifySql,
  type NearTables,
} from './near-duplicates-sql';

type Row = Record<string, unknown>;

/** Only a text's first characters are compared (a 50 MB cell would otherwise be one batch). */
export const MAX_TEXT_CHARS = 2000;
/** Characters hashed per query: bounds the n-grams held at once (about 16 bytes each). */
export const BATCH_CHARS = 2_000_000;
/** A band shared by more texts than this is not paired (see candidatesSql). */
export const BUCKET_LIMIT = 100;
/** Past this many candidate pairs the search stops and asks for a higher threshold. */
export const CANDIDATE_LIMIT = 500_000;
/** The pairs listed (all are counted). */
export const PAIRS_SHOWN = 1000;

export interface NearOptions {
  read: (sql: string) => Promise<Row[]>;
  /** The texts working table (textsSql) and the search's own tables. */
  texts: string;
  tables: NearTables;
  threshold: number;
  now: () => number;
  /** Called after each batch, to show progress. */
  onBatch?: (search: NearSearch) => void;
}

export type NearFound =
  | { search: NearSearch; total: number; conflicting: number; pairs: NearPair[] }
  | { tooMany: string };

/**
 * Near-duplicate texts without comparing every pair: each text's n-grams hashed once into a
 * one-permutation MinHash signature (batch by batch), signatures cut into LSH bands, candidate
 * pairs from shared bands, and each candidate's exact n-gram Jaccard similarity.
 */
export async function findNearDuplicates(o: NearOptions): Promise<NearFound> {
  const started = o.now();
  const { read, tables: t } = o;
  await read(nearItemsSql(o.texts, t, MAX_TEXT_CHARS, BATCH_CHARS));
  const size = (await read(nearSizeSql(t)))[0] ?? {};
  const shape = bandShape(o.threshold);
  const search: NearSearch = {
    texts: Number(size.texts ?? 0),
    chars: Number(size.chars ?? 0),
    batches: Number(size.batches ?? 0),
    done: 0,
    rows: shape.rows,
    bands: shape.bands,
    recall: shape.recall,
    candidates: 0,
    leftOut: { buckets: 0, texts: 0 },
    seconds: 0,
  };
  const seconds = () => (o.now() - started) / 1000;
  await read(createSketchSql(t));
  for (let batch = 0; batch < search.batches; batch++) {
    await read(sketchBatchSql(t, batch));
    search.done = batch + 1;
    o.onBatch?.({ ...search, seconds: seconds() });
  }
  await read(signatureSql(t));
  await read(bandsSql(t, shape.rows, shape.bands));
  await read(candidatesSql(t, BUCKET_LIMIT));
  const left = (await read(bucketsLeftOutSql(t, BUCKET_LIMIT)))[0] ?? {};
  search.leftOut = { buckets: Number(left.buckets ?? 0), texts: Number(left.texts ?? 0) };
  search.candidates = Number((await read(candidateCountSql(t)))[0]?.n ?? 0);
  if (search.candidates > CANDIDATE_LIMIT)
    return {
      tooMany: `${search.candidates.toLocaleString('en-US')} pairs of texts share a band at similarity ${o.threshold}: more than ${CANDIDATE_LIMIT.toLocaleString('en-US')} to compare. Raise the similarity threshold.`,
    };
  await read(verifySql(t, o.threshold));
  const rows = await read(nearPairsSql(t, o.texts, PAIRS_SHOWN));
  search.seconds = seconds();
  return {
    search,
    total: Number(rows[0]?.total ?? 0),
    conflicting: Number(rows[0]?.conflicting ?? 0),
    pairs: rows.map((r) => ({
      a: plainValue(r.a),
      b: plainValue(r.b),
      jaccard: Number(r.jaccard),
      textA: text(r.text_a),
      textB: text(r.text_b),
      goldA: text(r.gold_a),
      goldB: text(r.gold_b),
      goldsAgree: r.golds_agree === true,
    })),
  };
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
