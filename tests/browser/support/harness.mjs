// What every browser test needs: its own `evient serve` on port 0 with a fresh
// seeded SQLite database, Debian's Chromium driven by playwright-core (never a
// downloaded browser), screenshots under the build folder, and short cuts to
// the API for setting the scene (the steps under test go through the UI).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const binary = process.env.EVIENT_BINARY;
const webDir = process.env.EVIENT_WEB_DIR;
const shotDir = process.env.EVIENT_SCREENSHOTS || path.join(os.tmpdir(), 'evient-screenshots');
if (!binary || !webDir) throw new Error('EVIENT_BINARY and EVIENT_WEB_DIR must be set (ctest sets them)');

export const kAdmin = { email: 'admin@evient.com', password: 'admin123' };
export const kUser = { email: 'an.nguyen@example.com', password: 'password123' };

// Starts a server on a fresh database, seeded unless { seed: false }.
// `env` adds EVIENT_* settings (e.g. { EVIENT_JWT_TTL: '60' }).
export async function startServer({ seed = true, env = {} } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evient-browser-'));
  const db = path.join(dir, 'evient.db');
  const fullEnv = { ...process.env, EVIENT_ACCESS_LOG: '0', ...env };
  if (seed) {
    const r = spawnSync(binary, ['seed', '--db', db], { env: fullEnv, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`seed failed: ${r.stderr}`);
  }
  const child = spawn(
    binary,
    ['serve', '--db', db, '--port', '0', '--address', '127.0.0.1', '--web-dir', webDir],
    { env: fullEnv, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 20000);
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const m = log.match(/port=(\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${log}`)));
  });
  const baseURL = `http://127.0.0.1:${port}`;
  return {
    baseURL,
    db,
    dir,
    log: () => log,
    api: apiClient(baseURL),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A tiny JSON client for arranging data (never for the steps under test).
export function apiClient(baseURL) {
  const call = async (method, p, { token, body, headers = {} } = {}) => {
    const res = await fetch(baseURL + p, {
      method,
      headers: {
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const json = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${p} -> ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    get: (p, o) => call('GET', p, o),
    post: (p, body, o = {}) => call('POST', p, { ...o, body }),
    put: (p, body, o = {}) => call('PUT', p, { ...o, body }),
    del: (p, o) => call('DELETE', p, o),
    async login({ email, password }) {
      const r = await call('POST', '/api/auth/login', { body: { email, password } });
      return { token: r.data.token, user: r.data.user };
    },
  };
}

// `args` adds Chromium switches (e.g. a fake camera for the door's scanner).
export async function launchBrowser({ args = [] } = {}) {
  return chromium.launch({
    executablePath: process.env.EVIENT_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...args,
    ],
  });
}

// A page in a fresh context. Phones by default (the buyer's and the door's
// screens are mobile first); { desktop: true } for the organiser's screens.
export async function newPage(browser, server, { desktop = false, session = null, timezoneId = 'Asia/Ho_Chi_Minh', ...rest } = {}) {
  const context = await browser.newContext({
    baseURL: server.baseURL,
    viewport: desktop ? { width: 1280, height: 900 } : { width: 390, height: 844 },
    locale: 'vi-VN',
    timezoneId,
    ...rest,
  });
  context.setDefaultTimeout(10000);
  if (session) {
    await context.addInitScript(([token, user]) => {
      try {
        if (!sessionStorage.getItem('evient.test.seeded')) {
          localStorage.setItem('evient.token', token);
          localStorage.setItem('evient.user', JSON.stringify(user));
          sessionStorage.setItem('evient.test.seeded', '1');
        }
      } catch {
        // A sandboxed frame (e.g. a content preview) has no storage.
      }
    }, [session.token, session.user]);
  }
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(new Error(m.text()));
  });
  page.jsErrors = errors;
  return page;
}

export async function screenshot(page, name) {
  fs.mkdirSync(shotDir, { recursive: true });
  await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true });
}

// Logs in through the login form, as a person does.
export async function loginThroughForm(page, { email, password }) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}
