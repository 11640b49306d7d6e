import { dirname, join } from 'node:path';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { literal } from '../../src/lib/sql/quote';

/**
 * Writes a "worse" run of the loan sample as CSV: the baseline's predictions under fair-gbm's
 * name, so fair-gbm now fails in the planted slice (65+ and rural: 163 errors of 332,
 * samples/README.md) and the sample notebook's slice assertion fails.
 */
export async function writeWorseLoanDump(path: string): Promise<void> {
  const engine = await createNodeEngine({
    readable: [dirname(path), join(process.cwd(), 'samples')],
  });
  const sample = literal(join(process.cwd(), 'samples/loan-approval.parquet'));
  try {
    await engine.query(
      `COPY (SELECT * FROM read_parquet(${sample}) WHERE model = 'baseline-gbm'
         UNION ALL SELECT * REPLACE ('fair-gbm' AS model) FROM read_parquet(${sample}) WHERE model = 'baseline-gbm')
       TO ${literal(path)} (HEADER)`,
    );
  } finally {
    await engine.close();
  }
}
