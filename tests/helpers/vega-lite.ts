import { readFileSync } from 'node:fs';
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import { compile } from 'vega-lite';

/** Vega-Lite's own JSON schema, as the package ships it. */
export const vegaLiteSchema = JSON.parse(
  readFileSync('node_modules/vega-lite/build/vega-lite-schema.json', 'utf8'),
) as Schema & { definitions: Record<string, { enum: string[]; const: string }> };

const validator = new Validator(vegaLiteSchema, '7', false);

/** Where a spec breaks Vega-Lite's schema (the first few places); empty for a valid spec. */
export function schemaErrors(spec: unknown): OutputUnit[] {
  return validator.validate(spec).errors.slice(0, 3);
}

/** What Vega-Lite warns of (or logs as an error) while compiling the spec. */
export function compileWarnings(spec: unknown): string[] {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    warn: (...m: unknown[]) => (warnings.push(m.map(String).join(' ')), logger),
    error: (...m: unknown[]) => (warnings.push(m.map(String).join(' ')), logger),
    info: () => logger,
    debug: () => logger,
  };
  compile(spec as never, { logger: logger as never });
  return warnings;
}

/** A spec is good when it validates against the schema and compiles without a warning. */
export function specProblems(spec: unknown): { schema: OutputUnit[]; warnings: string[] } {
  return { schema: schemaErrors(spec), warnings: compileWarnings(spec) };
}
