import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Writes report-files.json: the built app's own files (page, scripts, styles, wasm; not the sample
 * data), which "Publish" copies into a report folder (src/lib/report/).
 */
function reportFiles(): Plugin {
  return {
    name: 'slicebook-report-files',
    apply: 'build',
    writeBundle(options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => /\.(html|js|css|wasm)$/.test(name))
        .sort();
      writeFileSync(join(options.dir!, 'report-files.json'), `${JSON.stringify({ files })}\n`);
    },
  };
}

export default defineConfig({
  plugins: [svelte(), reportFiles()],
  // Relative asset paths: the built app works from any sub-path of a static host.
  base: './',
  build: { target: 'es2022', chunkSizeWarningLimit: 2000, assetsInlineLimit: 0 },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
  test: { include: ['tests/unit/**/*.test.ts'], testTimeout: 30_000 },
});
