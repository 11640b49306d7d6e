import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A Python that can run the bench's pandas and polars scripts, or why there is none. */
export type PythonPeers = { python: string } | { skipped: string };

/** Python that exits 0 when the venv holds exactly the versions bench/requirements.txt pins. */
function versionCheck(requirements: string): string {
  const pins = readFileSync(requirements, 'utf8')
    .split('\n')
    .map((line) => /^([\w-]+)==([\w.]+)/.exec(line.trim()))
    .filter((m) => m !== null)
    .map(([, name, version]) => `(${JSON.stringify(name)}, ${JSON.stringify(version)})`);
  return `import importlib.metadata as m, sys\nsys.exit(any(m.version(n) != v for n, v in [${pins.join(', ')}]))`;
}

/**
 * The pandas and polars peers run in a venv of their own, `bench/data/venv` (git-ignored), made
 * on first use from bench/requirements.txt with the machine's pip configuration (here a local
 * package index). pip gets no retries: where no index answers, the bench says so and goes on.
 */
export function pythonPeers(bench: string, log: (line: string) => void): PythonPeers {
  const venv = join(bench, 'data', 'venv');
  const python = join(venv, 'bin', 'python');
  const requirements = join(bench, 'requirements.txt');
  const check = versionCheck(requirements);
  if (existsSync(python) && spawnSync(python, ['-c', check]).status === 0) return { python };
  log(`installing pandas, pyarrow and polars into ${venv} (bench/requirements.txt)`);
  const made = spawnSync('python3', ['-m', 'venv', venv], { encoding: 'utf8' });
  if (made.status !== 0)
    return { skipped: `python3 -m venv failed: ${lastLine(made.stderr || made.error?.message)}` };
  const pip = spawnSync(
    python,
    ['-m', 'pip', 'install', '--quiet', '--retries', '0', '--timeout', '20', '-r', requirements],
    { encoding: 'utf8' },
  );
  if (pip.status !== 0 || spawnSync(python, ['-c', check]).status !== 0)
    return { skipped: `pip could not install bench/requirements.txt: ${lastLine(pip.stderr)}` };
  return { python };
}

function lastLine(text: string | undefined): string {
  return (text ?? '').trim().split('\n').pop()?.slice(0, 200) || 'no message';
}
