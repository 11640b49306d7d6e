import { readFileSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin, UserConfig } from 'vite';
import { defineConfig } from 'vitest/config';
import { singleFileAssetUrl, singleFileBuild } from './build/single-file-plugin.ts';
import { APP_CSP } from './src/lib/report/content-security-policy.ts';

/** Puts the app's Content-Security-Policy (one source: content-security-policy.ts) in its page. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'slicebook-csp',
    transformIndexHtml: (html) => html.replace('%SLICEBOOK_CSP%', APP_CSP),
  };
}

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

/** The packages `slicebook run` may import: package.json's `dependencies`, all it installs with. */
const runtimeDependencies = Object.keys(
  JSON.parse(readFileSync('package.json', 'utf8')).dependencies as Record<string, string>,
);

/**
 * Fails the runner's build when src/cli reaches a package that is not a runtime dependency: an
 * installed slicebook has no dev dependencies, so the import would fail only on a user's machine.
 */
function runtimeDependenciesOnly(): Plugin {
  return {
    name: 'slicebook-runtime-dependencies-only',
    enforce: 'pre',
    resolveId(id, importer) {
      if (/^[./\\]|^\0/.test(id) || isBuiltin(id)) return null;
      const name = id
        .split('/')
        .slice(0, id.startsWith('@') ? 2 : 1)
        .join('/');
      if (!runtimeDependencies.includes(name))
        this.error(
          `the runner imports ${id} (from ${importer}), but ${name} is not in package.json's dependencies: an installed slicebook would not have it. Add it to dependencies, or keep it out of src/cli's imports.`,
        );
      return null;
    },
  };
}

/**
 * `vite build --mode runner`: `slicebook run` (src/cli/, the app's own modules) as plain
 * JavaScript for Node in dist-runner/, which bin/slicebook.mjs runs. The runtime dependencies
 * stay imports (a server-side build leaves packages external).
 */
const runner: UserConfig = {
  plugins: [runtimeDependenciesOnly()],
  publicDir: false,
  build: {
    ssr: 'src/cli/slicebook.ts',
    outDir: 'dist-runner',
    target: 'node20',
    emptyOutDir: true,
    reportCompressedSize: false,
  },
};

export default defineConfig(({ mode }) =>
  mode === 'single'
    ? singleFile
    : mode === 'runner'
      ? runner
      : {
          plugins: [svelte(), reportFiles(), contentSecurityPolicy()],
          // Relative asset paths: the built app works from any sub-path of a static host.
          base: './',
          build: { target: 'es2022', chunkSizeWarningLimit: 2000, assetsInlineLimit: 0 },
          worker: { format: 'es' },
          // `npm start` sends the policy as a header too, so it covers every response on its own.
          preview: { headers: { 'Content-Security-Policy': APP_CSP } },
          optimizeDeps,
          test: {
            testTimeout: 30_000,
            projects: [
              { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
              // The packed package installed into an empty folder (npm test runs it after the build).
              { extends: true, test: { name: 'package', include: ['tests/package/**/*.test.ts'] } },
            ],
          },
        },
);
