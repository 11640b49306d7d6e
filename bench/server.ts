import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * The production build the bench serves. It is built into its own folder (bench/data/dist), not
 * dist/, so a bench run never rewrites the build that `npm start` or the e2e tests are serving.
 */
const INPUTS = [
  'src',
  'public',
  'index.html',
  'vite.config.ts',
  'svelte.config.js',
  'package.json',
];
const VITE = join('node_modules', 'vite', 'bin', 'vite.js');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds unless the build is newer than every source file. */
export function ensureBuild(root: string, outDir: string, log: (line: string) => void): void {
  const built = newestMtime(join(outDir, 'index.html'));
  const sources = Math.max(...INPUTS.map((p) => newestMtime(join(root, p))));
  if (built > sources) return;
  log(`building the app into ${outDir} (vite build)`);
  const result = spawnSync(
    process.execPath,
    [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status})`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export interface Server {
  url: string;
  stop(): void;
}

/** `vite preview` of the build on a free port in 4400-4499, localhost only. */
export async function startPreview(root: string, outDir: string): Promise<Server> {
  let port = 4400 + Math.floor(Math.random() * 100);
  for (let tries = 0; !(await portIsFree(port)); tries++) {
    if (tries === 100) throw new Error('no free port in 4400-4499');
    port = 4400 + ((port - 4400 + 1) % 100);
  }
  const args = [
    VITE,
    'preview',
    '--outDir',
    outDir,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--strictPort',
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}/`;
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error(`vite preview exited: ${output.trim()}`);
    const up = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, stop };
    if (waited > 30_000) {
      stop();
      throw new Error(`vite preview did not answer on ${url} within 30 s: ${output.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
