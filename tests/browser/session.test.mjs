// The session's life: a token past half its lifetime is renewed while the
// person uses the app (the old one ends), and logging out ends the token on
// the server, not just in the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, screenshot, loginThroughForm, kUser } from './support/harness.mjs';

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

const tokenIn = (page) => page.evaluate(() => localStorage.getItem('evient.token'));
const statusWith = async (token) =>
  (await fetch(`${server.baseURL}/api/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).status;

test('a token past half its life is renewed while the person uses the app', async () => {
  const page = await newPage(browser, server);
  await page.clock.install();
  await page.goto('/login?next=%2Fwallet');
  await loginThroughForm(page, kUser);
  await page.waitForURL(/\/wallet$/);
  const first = await tokenIn(page);
  assert.ok(first);
  // 40 minutes later by the browser's clock (tokens live an hour): the next
  // request renews the token first.
  await page.clock.fastForward('40:00');
  await page.getByRole('link', { name: 'Thông báo' }).first().click();
  await page.getByRole('heading', { name: 'Thông báo' }).waitFor();
  await page.waitForFunction((old) => localStorage.getItem('evient.token') !== old, first);
  const second = await tokenIn(page);
  assert.notEqual(second, first);
  assert.equal(await statusWith(second), 200);
  assert.equal(await statusWith(first), 401, 'the old token ended with the refresh');
  assert.deepEqual(page.jsErrors, []);
});

test('logging out ends the token on the server', async () => {
  const page = await newPage(browser, server);
  await page.goto('/login');
  await loginThroughForm(page, kUser);
  await page.waitForURL(server.baseURL + '/');
  const token = await tokenIn(page);
  assert.equal(await statusWith(token), 200);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.getByRole('link', { name: 'Đăng nhập' }).first().waitFor();
  await screenshot(page, 'logged-out');
  assert.equal(await tokenIn(page), null);
  for (let i = 0; i < 20 && (await statusWith(token)) !== 401; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await statusWith(token), 401);
  assert.deepEqual(page.jsErrors, []);
});
