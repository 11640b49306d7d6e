import { ident, literal } from '../../sql/quote';
import { SIGNATURE_BINS } from './lsh-bands';

/** Texts are compared by their character n-grams of this length. */
export const NGRAM = 5;

/** The working tables of a near-duplicate search, named from one prefix. */
export function nearTables(prefix: string) {
  return {
    items: `${prefix}_items`,
    sketch: `${prefix}_sketch`,
    signature: `${prefix}_signature`,
    bands: `${prefix}_bands`,
    candidates: `${prefix}_candidates`,
    pairs: `${prefix}_pairs`,
  };
}
export type NearTables = ReturnType<typeof nearTables>;

const BIN_BITS = Math.log2(SIGNATURE_BINS);

/** Each position of an n-gram in `s` (1-based; a text shorter than n is one n-gram). */
const positions = `unnest(range(1, greatest(length(s) - ${NGRAM} + 1, 1) + 1)) AS pos`;
/** The hash of the n-gram at `pos`. */
const ngramHash = `hash(substr(s, pos, ${NGRAM}))`;

/**
 * The texts to compare: one per distinct normalised text (its smallest id; exact copies are
 * found apart), cut to `maxChars`, numbered `__k` in id order and cut into batches of about
 * `batchChars` characters, so that a batch's n-grams fit in memory.
 */
export function nearItemsSql(
  texts: string,
  t: NearTables,
  maxChars: number,
  batchChars: number,
): string {
  const distinct = `SELECT __id, norm, row_number() OVER (PARTITION BY norm ORDER BY __id) AS copy FROM ${ident(texts)} WHERE norm <> ''`;
  return [
    `CREATE TEMP TABLE ${ident(t.items)} AS`,
    `SELECT row_number() OVER (ORDER BY __id)::INTEGER AS __k, __id, s,`,
    `  (sum(length(s)) OVER (ORDER BY __id ROWS UNBOUNDED PRECEDING) // ${Math.floor(batchChars)})::INTEGER AS batch`,
    `FROM (SELECT __id, left(norm, ${Math.floor(maxChars)}) AS s FROM (${distinct}) WHERE copy = 1)`,
  ].join('\n');
}

/** How many texts, characters and batches there are. */
export function nearSizeSql(t: NearTables): string {
  return `SELECT count(*)::DOUBLE AS texts, coalesce(sum(length(s)), 0)::DOUBLE AS chars, coalesce(max(batch) + 1, 0)::DOUBLE AS batches FROM ${ident(t.items)}`;
}

export function createSketchSql(t: NearTables): string {
  return `CREATE TEMP TABLE ${ident(t.sketch)} (__k INTEGER, bin INTEGER, v UBIGINT)`;
}

/**
 * One batch's one-permutation MinHash (Li, Owen & Zhang 2012): each n-gram hashed once, the hash's
 * top bits pick one of SIGNATURE_BINS bins, and each text keeps the smallest hash in each bin.
 * Grouped on one packed integer (text number and bin), faster than on the two.
 */
export function sketchBatchSql(t: NearTables, batch: number): string {
  const key = `(__k::UBIGINT << ${BIN_BITS}) | (h >> ${64 - BIN_BITS})`;
  return [
    `INSERT INTO ${ident(t.sketch)}`,
    `SELECT (key >> ${BIN_BITS})::INTEGER, (key & ${SIGNATURE_BINS - 1})::INTEGER, v FROM (`,
    `  SELECT ${key} AS key, min(h) AS v FROM (`,
    `    SELECT __k, ${ngramHash} AS h FROM (SELECT __k, s, ${positions} FROM ${ident(t.items)} WHERE batch = ${Math.floor(batch)}))`,
    '  GROUP BY key)',
  ].join('\n');
}

/**
 * The full signatures: a text whose n-grams leave bins empty (a short text) fills each empty bin
 * from the next filled bin to its right, going round, mixed with the distance (densification by
 * rotation: Shrivastava & Li 2014), so that two texts still agree on a bin with probability
 * about their Jaccard similarity.
 */
export function signatureSql(t: NearTables): string {
  const K = SIGNATURE_BINS;
  const window = `PARTITION BY __k ORDER BY j ROWS BETWEEN CURRENT ROW AND ${K - 1} FOLLOWING`;
  return [
    `CREATE TEMP TABLE ${ident(t.signature)} AS`,
    `WITH short AS (SELECT __k FROM ${ident(t.sketch)} GROUP BY __k HAVING count(*) < ${K}),`,
    `grid AS (SELECT __k, j FROM short, range(${2 * K}) g(j)),`,
    `filled AS (SELECT grid.__k, grid.j, s.v FROM grid LEFT JOIN ${ident(t.sketch)} s ON s.__k = grid.__k AND s.bin = grid.j % ${K}),`,
    'nearest AS (SELECT __k, j, first_value(v IGNORE NULLS) OVER w AS v,',
    `  first_value(CASE WHEN v IS NOT NULL THEN j END IGNORE NULLS) OVER w AS source FROM filled WINDOW w AS (${window}))`,
    `SELECT __k, bin, v FROM ${ident(t.sketch)} WHERE __k NOT IN (SELECT __k FROM short)`,
    'UNION ALL',
    `SELECT __k, j::INTEGER AS bin, CASE WHEN source = j THEN v ELSE hash(v, source - j) END AS v FROM nearest WHERE j < ${K}`,
  ].join('\n');
}

/** Each text's bands: `rows` consecutive bins hashed together, `bands` of them. */
export function bandsSql(t: NearTables, rows: number, bands: number): string {
  return [
    `CREATE TEMP TABLE ${ident(t.bands)} AS`,
    `SELECT __k, bin // ${rows} AS band, bit_xor(hash(v, bin)) AS sig FROM ${ident(t.signature)}`,
    `WHERE bin < ${rows * bands} GROUP BY __k, band`,
  ].join('\n');
}

/**
 * Candidate pairs: texts that share a band (not all pairs). A band shared by more than
 * `bucketLimit` texts is left out, so one family of many similar texts cannot make millions of
 * pairs; bucketsLeftOutSql says how many.
 */
export function candidatesSql(t: NearTables, bucketLimit: number): string {
  const buckets = `SELECT band, sig FROM ${ident(t.bands)} GROUP BY band, sig HAVING count(*) BETWEEN 2 AND ${Math.floor(bucketLimit)}`;
  return [
    `CREATE TEMP TABLE ${ident(t.candidates)} AS`,
    `WITH buckets AS (${buckets})`,
    `SELECT DISTINCT x.__k AS a, y.__k AS b FROM ${ident(t.bands)} x JOIN buckets USING (band, sig)`,
    `JOIN ${ident(t.bands)} y ON y.band = x.band AND y.sig = x.sig AND x.__k < y.__k`,
  ].join('\n');
}

/** The bands shared by more texts than `bucketLimit`, and how many texts they hold. */
export function bucketsLeftOutSql(t: NearTables, bucketLimit: number): string {
  return [
    'SELECT count(*)::DOUBLE AS buckets, coalesce(sum(n), 0)::DOUBLE AS texts FROM (',
    `  SELECT count(*) AS n FROM ${ident(t.bands)} GROUP BY band, sig HAVING count(*) > ${Math.floor(bucketLimit)})`,
  ].join('\n');
}

export function candidateCountSql(t: NearTables): string {
  return `SELECT count(*)::DOUBLE AS n FROM ${ident(t.candidates)}`;
}

/**
 * The candidates' exact Jaccard similarity |A ∩ B| / |A ∪ B| of their sets of n-gram hashes,
 * the pairs at `threshold` or above.
 */
export function verifySql(t: NearTables, threshold: number): string {
  const ids = `SELECT a AS __k FROM ${ident(t.candidates)} UNION SELECT b FROM ${ident(t.candidates)}`;
  return [
    `CREATE TEMP TABLE ${ident(t.pairs)} AS`,
    `WITH ids AS (${ids}),`,
    `grams AS (SELECT DISTINCT __k, ${ngramHash} AS h FROM (SELECT __k, s, ${positions} FROM ${ident(t.items)} WHERE __k IN (SELECT __k FROM ids))),`,
    'size AS (SELECT __k, count(*)::DOUBLE AS size FROM grams GROUP BY __k),',
    `shared AS (SELECT c.a, c.b, count(*)::DOUBLE AS shared FROM ${ident(t.candidates)} c`,
    '  JOIN grams x ON x.__k = c.a JOIN grams y ON y.__k = c.b AND y.h = x.h GROUP BY c.a, c.b)',
    'SELECT a, b, shared / (sa.size + sb.size - shared) AS jaccard',
    'FROM shared JOIN size sa ON sa.__k = a JOIN size sb ON sb.__k = b',
    `WHERE shared / (sa.size + sb.size - shared) >= ${literal(threshold)}`,
  ].join('\n');
}

/**
 * The near-duplicate pairs found, most similar first, the first `limit`: both ids, the
 * similarity, both texts' first 300 characters, both golds and whether they agree, `total` and
 * `conflicting` (pairs whose golds differ).
 */
export function nearPairsSql(t: NearTables, texts: string, limit: number): string {
  return [
    'SELECT x.__id AS a, y.__id AS b, p.jaccard, left(ga.text, 300) AS text_a, left(gb.text, 300) AS text_b,',
    '  ga.gold_shown AS gold_a, gb.gold_shown AS gold_b, ga.gold IS NOT DISTINCT FROM gb.gold AS golds_agree,',
    '  (count(*) OVER ())::DOUBLE AS total,',
    '  (count(*) FILTER (WHERE ga.gold IS DISTINCT FROM gb.gold) OVER ())::DOUBLE AS conflicting',
    `FROM ${ident(t.pairs)} p JOIN ${ident(t.items)} x ON x.__k = p.a JOIN ${ident(t.items)} y ON y.__k = p.b`,
    `JOIN ${ident(texts)} ga ON ga.__id = x.__id JOIN ${ident(texts)} gb ON gb.__id = y.__id`,
    `ORDER BY p.jaccard DESC, x.__id, y.__id LIMIT ${Math.floor(limit)}`,
  ].join('\n');
}

/** The later text of each near-duplicate pair (the larger id), as the "what if" leaves it out. */
export function laterNearCopiesSql(t: NearTables): string {
  return `SELECT y.__id FROM ${ident(t.pairs)} p JOIN ${ident(t.items)} y ON y.__k = p.b`;
}

/** Every working table of the search, to drop at the end. */
export function nearTableNames(t: NearTables): string[] {
  return Object.values(t);
}
