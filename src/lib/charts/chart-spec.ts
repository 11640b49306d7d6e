import { compile } from 'vega-lite';
import { findJsonError } from './json-error';
import type { VegaLiteSpec } from './suggest-chart';

export type ParsedChartSpec = { spec: VegaLiteSpec; warnings: string[] } | { error: string };

// prettier-ignore
const MARKS = new Set([
  'arc', 'area', 'bar', 'boxplot', 'circle', 'errorband', 'errorbar', 'geoshape', 'image', 'line',
  'point', 'rect', 'rule', 'square', 'text', 'tick', 'trail',
]);

/** A Vega-Lite spec typed by the user, checked before it is drawn. */
export function parseChartSpec(text: string): ParsedChartSpec {
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (e) {
    const at = findJsonError(text);
    return {
      error: at
        ? `JSON error at line ${at.line}, column ${at.column}: ${at.message}`
        : `JSON error: ${String(e)}`,
    };
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return { error: 'a chart spec is a JSON object, such as {"mark": "bar", "encoding": {...}}' };
  }
  const problem = findProblem(spec, []);
  if (problem) return { error: problem };

  const logger = new WarningLog();
  try {
    compile(spec as VegaLiteSpec, { logger });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // Internal failures ("Cannot read properties of undefined") mean a part of the spec has the wrong shape.
    return e instanceof TypeError
      ? {
          error: `Vega-Lite could not read this spec (${message}); check each mark, encoding and transform against the Vega-Lite docs`,
        }
      : { error: `Vega-Lite could not compile this spec: ${message}` };
  }
  return { spec: spec as VegaLiteSpec, warnings: logger.messages };
}

/** Vega-Lite's messages about parts it ignored or replaced. */
class WarningLog {
  readonly messages: string[] = [];
  level() {
    return this;
  }
  warn(...message: unknown[]) {
    this.messages.push(message.join(' '));
    return this;
  }
  error(...message: unknown[]) {
    return this.warn(...message);
  }
  info() {
    return this;
  }
  debug() {
    return this;
  }
}

/** Data URLs anywhere (layers, concat, lookup) and unknown marks, with the path to the bad part. */
function findProblem(node: unknown, path: string[]): string | null {
  if (typeof node !== 'object' || node === null) return null;
  const where = path.length > 0 ? ` (at ${path.join('.')})` : '';
  const record = node as Record<string, unknown>;
  const sources = Array.isArray(record.data) ? record.data : [record.data];
  if (sources.some((data) => typeof data === 'object' && data !== null && 'url' in data)) {
    return `charts read a named result, not URLs: remove "data.url"${where}`;
  }
  const mark = record.mark;
  const markType =
    typeof mark === 'object' && mark !== null ? (mark as { type?: unknown }).type : mark;
  if (path.at(-1) !== 'config' && typeof markType === 'string' && !MARKS.has(markType)) {
    return `unknown mark "${markType}"${where}; use one of: ${[...MARKS].join(', ')}`;
  }
  for (const [key, child] of Object.entries(record)) {
    if (key === 'data' || key === 'datasets') continue; // inline rows, not spec
    const problem = findProblem(child, [...path, key]);
    if (problem) return problem;
  }
  return null;
}

/**
 * The spec with `rows` as its top-level data. Rows are copied because Vega tags each datum it
 * ingests, which must not touch the app's (possibly reactive or frozen) result rows.
 */
export function withData(spec: VegaLiteSpec, rows: Record<string, unknown>[]): VegaLiteSpec {
  return { ...spec, data: { values: rows.map((row) => ({ ...row })) } } as VegaLiteSpec;
}
