import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin, UserConfig } from 'vite';
import { defineConfig } from 'vitest/config';
import { singleFileAssetUrl, singleFileBuild } from './build/single-file-plugin.ts';

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

const optimizeDeps = { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] };

/**
 * `vite build --mode single`, run after the app's build into the same folder: the template of a
 * single-file report (report-template.html), one page with the app's code, workers and wasm
 * inlined (build/single-file-plugin.ts).
 */
const singleFile: UserConfig = {
  plugins: [svelte(), singleFileBuild()],
  base: './',
  publicDir: false,
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    emptyOutDir: false,
    reportCompressedSize: false,
    rolldownOptions: { input: 'src/main.ts', output: { codeSplitting: false } },
  },
  worker: { format: 'iife' },
  experimental: { renderBuiltUrl: singleFileAssetUrl },
  optimizeDeps,
};

export default defineConfig(({ mode }) =>
  mode === 'single'
    ? singleFile
    : {
        plugins: [svelte(), reportFiles()],
        // Relative asset paths: the built app works from any sub-path of a static host.
        base: './',
        build: { target: 'es2022', chunkSizeWarningLimit: 2000, assetsInlineLimit: 0 },
        worker: { format: 'es' },
        optimizeDeps,
        test: { include: ['tests/unit/**/*.test.ts'], testTimeout: 30_000 },
      },
);
