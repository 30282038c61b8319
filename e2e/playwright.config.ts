import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// The real built app on a fresh SQLite database with the demo data, driven by Debian's Chromium.
const port = Number(process.env.PROPDESK_E2E_PORT ?? 39871);
const tmp = process.env.PROPDESK_E2E_TMP ?? path.join(os.tmpdir(), 'propdesk-e2e');
const root = path.resolve(import.meta.dirname, '..');

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json']],
  outputDir: path.join(tmp, 'results'),
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // The console turns off its animations for this preference (App.tsx): no clicks lost mid-animation.
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  webServer: {
    command: `${path.join(root, 'node_modules/.bin/tsx')} apps/server/src/main.ts`,
    cwd: root,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${path.join(tmp, `e2e-${Date.now()}.db`)}`,
      PROPDESK_ADMIN_PASSWORD: 'e2e-admin-password',
      PROPDESK_LOGIN_RATE_LIMIT: '1000',
      LOG_LEVEL: 'warn',
    },
  },
});
