// The app shell: served by the binary, no script errors, no CSP violations,
// unknown pages show the app's 404, and a user opening an admin page sees 403.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, screenshot, kUser } from './support/harness.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an unknown page shows the 404 page', async () => {
  const page = await newPage(browser, server);
  await page.goto('/khong-co-trang-nay');
  await page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
  assert.deepEqual(page.jsErrors, []);
});

test('a user opening an admin page sees the 403 page', async () => {
  const session = await server.api.login(kUser);
  const page = await newPage(browser, server, { session });
  await page.goto('/admin/events');
  await page.getByRole('heading', { name: /403/ }).waitFor();
  await screenshot(page, 'forbidden');
  await page.getByRole('link', { name: 'Về trang chủ' }).click();
  await page.waitForURL(server.baseURL + '/');
  assert.deepEqual(page.jsErrors, []);
});

test('a visitor opening the wallet is sent to log in first', async () => {
  const page = await newPage(browser, server);
  await page.goto('/wallet');
  await page.waitForURL(/\/login\?next=%2Fwallet/);
});
