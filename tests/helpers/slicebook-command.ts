import { execFile } from 'node:child_process';

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `slicebook` from the sources (src/cli/slicebook.ts through tsx) in a separate Node process,
 * as CI runs the built one: the runner's tests need no build. tests/package/ runs the package.
 */
export function slicebookFromSources(...args: string[]): Promise<CommandRun> {
  return run(process.execPath, ['--import', 'tsx', ENTRY, ...args], ROOT);
}

const ROOT = new URL('../../', import.meta.url).pathname;
const ENTRY = new URL('../../src/cli/slicebook.ts', import.meta.url).pathname;

/** Runs a command and resolves with its exit code and output (never rejects on a non-zero exit). */
export function run(command: string, args: string[], cwd: string): Promise<CommandRun> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
