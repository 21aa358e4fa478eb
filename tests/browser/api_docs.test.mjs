// GET /api/docs: Swagger UI (bundled by the web build, served from our own
// origin) renders the served OpenAPI document under the app's CSP, with no
// script errors or CSP violations, and every operation shows up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, screenshot } from './support/harness.mjs';

let server;
let browser;
before(async () => {
  server = await startServer({ seed: false });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the API docs page renders every documented operation from our origin', async () => {
  const doc = await (await fetch(server.baseURL + '/api/openapi.json')).json();
  assert.equal(doc.openapi, '3.1.0');
  const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);

  const page = await newPage(browser, server, { desktop: true });
  const foreign = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(server.baseURL) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  const violations = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto('/api/docs');
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-security-policy'], /script-src 'self';/);
  await page.getByRole('heading', { name: /EViENT API/ }).first().waitFor();
  await page.locator('.opblock').nth(operations - 1).waitFor();
  assert.equal(await page.locator('.opblock').count(), operations);
  // Swagger UI reports a document it cannot fully read above the operations.
  assert.equal(await page.locator('.errors-wrapper').count(), 0, 'no document errors');
  assert.equal(await page.getByText('Warning', { exact: true }).count(), 0, 'no document warnings');

  // One operation opens with its parameters and responses.
  await page.locator('#operations-orders-createOrder .opblock-summary').click();
  await page.locator('#operations-orders-createOrder .responses-wrapper').waitFor();
  await screenshot(page, 'api-docs');
  assert.deepEqual(foreign, [], 'nothing loaded from another origin');
  assert.deepEqual(violations, []);
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});
