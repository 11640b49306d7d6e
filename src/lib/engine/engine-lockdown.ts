import { literal } from '../sql/quote';

/**
 * The settings that leave the engine able to read only the files it was given, run after SETUP_SQL
 * and before any other SQL. With external access off DuckDB opens no path or URL outside
 * `readable` (where registerFile puts what the user loads: http(s) URLs, local paths, ATTACH of
 * a file, COPY ... TO, EXPORT, INSTALL and LOAD of anything not built in all fail with a
 * Permission Error); locking the configuration then refuses every later SET, so no SQL can turn it
 * back on. Measured on DuckDB 1.4.3 native and wasm: tests/unit/engine-lockdown.test.ts,
 * tests/e2e/egress.spec.ts.
 */
export function lockdownSql(readable: string[], tempFolder?: string): string[] {
  return [
    `SET allowed_directories = [${readable.map(literal).join(', ')}]`,
    // DuckDB spills to `.tmp` in the working directory by default: keep it in the engine's own folder.
    ...(tempFolder ? [`SET temp_directory = ${literal(tempFolder)}`] : []),
    'SET enable_external_access = false',
    'SET allow_community_extensions = false',
    'SET lock_configuration = true',
  ];
}
