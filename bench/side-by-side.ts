import { join } from 'node:path';
import { ensureDump, type Dump } from './generate';
import type { Measures } from './plan';
import { summarise } from './report';

/** The dump a harness names on its command line: `panel` (5 models x 1M examples) or a row count. */
export function dumpNamed(size: string): Promise<Dump> {
  const panel = size === 'panel';
  const rows = panel ? 5_000_000 : Number(size);
  return ensureDump(join(import.meta.dirname, 'data'), rows, console.log, panel);
}

/** Each measure's median (min-max) for the two builds, before then after, and after / before. */
export function printSideBySide(
  [before, after]: readonly Measures[],
  keep: (measure: string) => boolean = () => true,
): void {
  const show = (v?: { median: number; min: number; max: number }) =>
    v ? `${v.median.toFixed(0)} (${v.min.toFixed(0)}-${v.max.toFixed(0)})` : '-';
  for (const key of Object.keys(after.values).filter(keep)) {
    const [b, a] = [before, after].map((m) => summarise(m.values[key]));
    const ratio = a && b ? (a.median / b.median).toFixed(2) : '-';
    console.log(
      `${key.padEnd(58)} before ${show(b).padEnd(22)} after ${show(a).padEnd(22)} ${ratio}x`,
    );
  }
}
