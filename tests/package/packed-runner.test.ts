import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, type CommandRun } from '../helpers/slicebook-command';
import { writeWorseLoanDump } from '../helpers/worse-loan-dump';

/**
 * Slicebook as a CI pipeline installs it: `npm pack`, then the tarball installed into an empty
 * project without dev dependencies (from npm's cache where it can), then `slicebook run` there on
 * the sample notebook. Nothing of this checkout is on the runner's module path.
 */
const ROOT = process.cwd();
const NOTEBOOK = join(ROOT, 'samples/loan-approval.slicebook.json');
const SAMPLE = join(ROOT, 'samples/loan-approval.parquet');
const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
const loan = JSON.parse(await readFile(join(ROOT, 'samples/expected.json'), 'utf8')).files[
  'loan-approval.parquet'
].models;

let dir: string;
let project: string;
let packed: { filename: string; files: { path: string }[] };
interface Entry {
  dev?: boolean;
}

async function succeed(command: string, args: string[], cwd: string): Promise<CommandRun> {
  const done = await run(command, args, cwd);
  if (done.code !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${done.code}:\n${done.stderr}`);
  return done;
}

/** `npx slicebook run <the sample notebook> --data <data> --out <dir>/<out> --check` in the project. */
const check = (data: string, out: string) =>
  run(
    process.execPath,
    [
      join(project, 'node_modules/.bin/slicebook'),
      'run',
      NOTEBOOK,
      '--data',
      data,
      '--out',
      join(dir, out),
      '--check',
    ],
    project,
  );

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slicebook-package-'));
  project = join(dir, 'project');
  // `npm pack` runs the `prepare` script first, which builds the runner from the sources.
  const pack = await succeed('npm', ['pack', '--json', '--pack-destination', dir], ROOT);
  // The build's log comes first on stdout and may hold colour codes ('\x1b[32m'), so the JSON
  // starts at the first line that opens an array of objects, not at the first '['.
  const start = pack.stdout.search(/^\[\s*\{/m);
  if (start < 0) throw new Error(`npm pack printed no JSON:\n${pack.stdout}`);
  packed = JSON.parse(pack.stdout.slice(start))[0];
  await mkdir(project);
  await writeFile(join(project, 'package.json'), '{ "name": "ci-pipeline", "private": true }\n');
  await succeed(
    'npm',
    [
      'install',
      '--omit=dev',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      join(dir, packed.filename),
    ],
    project,
  );
}, 300_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the packed package', () => {
  it('holds the launcher and the built runner, not the sources, the app or the samples', () => {
    const files = packed.files.map((f) => f.path).sort();
    expect(files).toContain('bin/slicebook.mjs');
    expect(files).toContain('dist-runner/slicebook.js');
    expect(
      files.filter((f) => !/^(bin|dist-runner)\/|^(package\.json|README\.md)$/.test(f)),
    ).toEqual([]);
  });

  it('depends on exactly the packages the built runner imports', async () => {
    const built = await readFile(
      join(project, 'node_modules/slicebook/dist-runner/slicebook.js'),
      'utf8',
    );
    // Static imports open the bundle (one a line); a dynamic import may stand anywhere.
    const specifiers = [
      ...built.matchAll(
        /^import\s[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/gm,
      ),
    ].map((m) => m[1] ?? m[2] ?? m[3]);
    const packages = specifiers
      .filter((s) => !s.startsWith('node:') && !s.startsWith('.'))
      .map((s) =>
        s
          .split('/')
          .slice(0, s.startsWith('@') ? 2 : 1)
          .join('/'),
      );
    expect([...new Set(packages)].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });

  it('installs the runtime dependencies and nothing that is only a dev dependency', async () => {
    // Every package installed (npm's record of node_modules), and every package the lock file
    // needs outside development: by name, as an install resolves its own versions.
    const entries = async (lock: string, keep: (p: { dev?: boolean }) => boolean) =>
      Object.entries(JSON.parse(await readFile(lock, 'utf8')).packages as Record<string, Entry>)
        .filter(([path, p]) => path !== '' && keep(p))
        .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    const installed = await entries(join(project, 'node_modules/.package-lock.json'), () => true);
    const runtime = await entries(join(ROOT, 'package-lock.json'), (p) => !p.dev);
    for (const name of Object.keys(pkg.dependencies)) expect(installed).toContain(name);
    expect(installed.filter((p) => p !== 'slicebook' && !runtime.includes(p))).toEqual([]);
  });

  it('passes --check on the sample notebook and its data (exit 0)', async () => {
    const done = await check(SAMPLE, 'pass');
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Assertions: 4 of 4 hold');
    // The numbers against the generator's own counts (samples/expected.json).
    const overview = JSON.parse(await readFile(join(dir, 'pass', 'overview.json'), 'utf8')).tables
      .overview;
    for (const model of ['baseline-gbm', 'fair-gbm']) {
      const row = overview.find((r: { model: string }) => r.model === model);
      expect(row.n).toBe(loan[model].n);
      expect(row.accuracy).toBeCloseTo(loan[model].correct / loan[model].n, 12);
    }
  });

  it('fails --check on a worse run of the model (exit 1), naming the slice', async () => {
    const worse = join(dir, 'worse.csv');
    await writeWorseLoanDump(worse);
    const done = await check(`loan-approval.parquet=${worse}`, 'fail');
    expect(done.code).toBe(1);
    expect(done.stdout).toContain('Assertions: 3 of 4 hold');
    // 163 errors of 332 in the slice (samples/README.md): accuracy 169/332 = 0.509.
    expect(done.stdout).toContain(
      'model=fair-gbm, age_group=65+, region=rural, has accuracy 0.509',
    );
  });
});
