import { benchNative } from './native';
import { loadavg } from 'node:os';
console.log(loadavg());
const m = await benchNative({ rows: 1e6, csv: 'bench/data/dump-v1-1m.csv', parquet: 'bench/data/dump-v1-1m.parquet' }, { warmup: 1, runs: 2, toggles: 3, timeoutMs: 1e5 }, console.log);
console.log(JSON.stringify(m));
