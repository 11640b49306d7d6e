import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/** Debian's chromium where present (this project's machines), else CHROMIUM_PATH or Playwright's own. */
const executablePath =
  process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
/** E2E_PORT and E2E_DIST let two runs (a build each) share a machine without sharing a server. */
const PORT = Number(process.env.E2E_PORT || 4317);
const DIST = process.env.E2E_DIST || 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  // A read retried with expect(...).toPass() fails with its own message after the same time as a
  // web-first assertion (its default is to retry until the test's timeout).
  expect: { timeout: 20_000, toPass: { timeout: 20_000 } },
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}/`,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
