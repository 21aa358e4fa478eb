// Image uploads as an organiser and a buyer do them: choose a file from the
// computer, see the preview, save, and find the picture on the public pages.
// The pictures are made here (a few hundred bytes of PNG), not committed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { startServer, launchBrowser, newPage, screenshot, kAdmin, kUser } from './support/harness.mjs';

let server;
let browser;
let admin;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await server.api.login(kAdmin);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const kUploadPath = /^\/uploads\/[0-9a-f]{32}\.webp$/;

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

// A width x height PNG in two colours (top and bottom halves).
function png(width, height, [r1, g1, b1], [r2, g2, b2]) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const [r, g, b] = y < height / 2 ? [r1, g1, b1] : [r2, g2, b2];
    for (let x = 0; x < width; x++) rows.set([r, g, b], y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Whether the browser loaded and decoded the <img>.
const loaded = (img) => img.evaluate((el) => el.complete && el.naturalWidth > 0);

test('banners: upload a picture in the dialog, see it previewed, save, and find it on the home page', async () => {
  const page = await newPage(browser, server, { desktop: true, session: admin });
  await page.goto('/admin/banners');
  await page.getByRole('button', { name: 'Thêm banner' }).click();
  const dlg = page.getByRole('dialog', { name: 'Thêm banner' });
  await dlg.getByLabel('Tiêu đề').fill('Ảnh tải lên');

  // A text file that claims to be a PNG: the server reads the bytes and says no.
  await dlg.locator('#bn-image-file').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
  await dlg.getByRole('alert').filter({ hasText: 'Tệp này không phải ảnh JPEG, PNG, WebP hoặc GIF.' }).waitFor();
  assert.equal(await dlg.getByLabel('Ảnh (URL)').inputValue(), '');

  await dlg.locator('#bn-image-file').setInputFiles({ name: 'banner.png', mimeType: 'image/png', buffer: png(900, 300, [220, 40, 60], [30, 60, 200]) });
  await dlg.getByText('Đã tải ảnh lên.').waitFor();
  const url = await dlg.getByLabel('Ảnh (URL)').inputValue();
  assert.match(url, kUploadPath);
  const preview = dlg.getByRole('img', { name: 'Xem trước ảnh' });
  assert.equal(await preview.getAttribute('src'), url);
  await page.waitForFunction(() => document.querySelector('[data-testid="bn-image-preview"]')?.naturalWidth > 0);
  await screenshot(page, 'upload-banner-dialog');
  await dlg.getByRole('button', { name: 'Thêm banner' }).click();
  await dlg.waitFor({ state: 'detached' });

  const pub = (await server.api.get('/api/banners')).data;
  assert.ok(pub.some((b) => b.image_url === url), 'the public banner list has the uploaded picture');
  await page.goto('/');
  const onHome = page.locator(`img[src="${url}"]`).first();
  await onHome.waitFor();
  await page.waitForFunction((src) => [...document.querySelectorAll('img')].some((i) => i.getAttribute('src') === src && i.naturalWidth > 0), url);
  assert.equal(await loaded(onHome), true);
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('event editor: upload the banner, which fills the thumbnail too; the event page shows it', async () => {
  const events = (await server.api.get('/api/admin/events?limit=100', { token: admin.token })).data;
  const ev = events.find((e) => e.status === 'published');
  const page = await newPage(browser, server, { desktop: true, session: admin });
  await page.goto(`/admin/events/${ev.id}`);
  await page.getByLabel('Ảnh banner (URL)').waitFor();
  await page.getByLabel('Ảnh thu nhỏ (URL)').fill('');
  await page.locator('#ev-banner_image-file').setInputFiles({ name: 'stage.png', mimeType: 'image/png', buffer: png(1200, 400, [10, 150, 90], [250, 200, 20]) });
  await page.locator('#ev-banner_image-file-status').getByText('Đã tải ảnh lên.').waitFor();
  const banner = await page.getByLabel('Ảnh banner (URL)').inputValue();
  const thumb = await page.getByLabel('Ảnh thu nhỏ (URL)').inputValue();
  assert.match(banner, kUploadPath);
  assert.match(thumb, kUploadPath);
  assert.notEqual(banner, thumb);
  await page.waitForFunction(() => document.querySelector('[data-testid="ev-banner_image-preview"]')?.naturalWidth === 1200);
  await page.waitForFunction(() => document.querySelector('[data-testid="ev-thumbnail_image-preview"]')?.naturalWidth === 480);
  await screenshot(page, 'upload-event-editor');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.getByText('Đã lưu sự kiện.').first().waitFor();

  const saved = (await server.api.get(`/api/admin/events/${ev.id}`, { token: admin.token })).data;
  assert.equal(saved.banner_image, banner);
  assert.equal(saved.thumbnail_image, thumb);
  await page.goto(`/events/${ev.slug}`);
  await page.waitForFunction((src) => [...document.querySelectorAll('img')].some((i) => i.getAttribute('src') === src && i.naturalWidth > 0), banner);
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('profile: a buyer uploads an avatar, sees it, saves, and it stays after a reload', async () => {
  const user = await server.api.login(kUser);
  const page = await newPage(browser, server, { session: user });
  await page.goto('/profile');
  await page.getByLabel('Ảnh đại diện (URL)').waitFor();
  await page.locator('#profile-avatar-file').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png(600, 600, [250, 180, 120], [90, 60, 40]) });
  await page.getByText('Đã tải ảnh lên.').waitFor();
  const url = await page.getByLabel('Ảnh đại diện (URL)').inputValue();
  assert.match(url, kUploadPath);
  await page.waitForFunction((src) => [...document.querySelectorAll('img')].some((i) => i.getAttribute('src') === src && i.naturalWidth === 512), url);
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.getByText('Đã lưu thông tin tài khoản.').waitFor();
  const { data } = await server.api.get('/api/users/profile', { token: user.token });
  assert.equal(data.user.avatar_url, url);

  await page.reload();
  await page.waitForFunction((src) => [...document.querySelectorAll('img')].some((i) => i.getAttribute('src') === src && i.naturalWidth > 0), url);
  await screenshot(page, 'upload-avatar');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});
