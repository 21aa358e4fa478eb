// The door scanner on a steward's phone: typed codes get OK, ALREADY_USED with
// the first check-in time, undo, and every refusal; a lost network is never
// green; and a real (fake) camera reading a ticket's QR code checks it in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, newPage, screenshot, kAdmin, kUser } from './support/harness.mjs';

let server;
let browser;
let admin;
let buyer;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await server.api.login(kAdmin);
  buyer = await server.api.login(kUser);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const kHour = 3600e3;

// A published event (by default happening now) with one free ticket type.
async function arrangeEvent(title, { startsInHours = -1, lastsHours = 4, location = 'Nhà hát Lớn Hà Nội' } = {}) {
  const token = admin.token;
  const start = Date.now() + startsInHours * kHour;
  const { data: ev } = await server.api.post(
    '/api/admin/events',
    { title, location, category: 'music', start_time: iso(start), end_time: iso(start + lastsHours * kHour), status: 'published' },
    { token },
  );
  const { data: type } = await server.api.post(
    `/api/admin/events/${ev.id}/ticket-types`,
    { name: 'Vé phổ thông', price: 0, quantity_total: 100 },
    { token },
  );
  return { id: ev.id, title, typeId: type.id };
}

// A free order is paid at once: its tickets come back with the order.
async function buyTickets(event, quantity = 1, token = buyer.token) {
  const { data } = await server.api.post('/api/orders', { ticket_items: [{ ticket_type_id: event.typeId, quantity }] }, { token });
  assert.equal(data.order.status, 'paid');
  return { order: data.order, tickets: data.tickets };
}

async function openDoor(event, { page } = {}) {
  const p = page || (await newPage(browser, server, { session: admin }));
  await p.goto('/door');
  await p.getByRole('heading', { name: 'Soát vé' }).waitFor();
  const option = p.getByRole('option', { name: new RegExp(event.title) });
  await p.getByLabel('Sự kiện').selectOption({ label: (await option.textContent()).trim() });
  return p;
}

async function typeCode(page, code) {
  await page.getByRole('textbox', { name: 'Mã vé' }).fill(code);
  await page.getByRole('button', { name: 'Check-in', exact: true }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  return alert;
}

async function dismiss(page) {
  await page.getByRole('button', { name: 'Quét tiếp' }).click();
  await page.getByRole('alert').waitFor({ state: 'detached' });
}

const count = (page) => page.getByRole('region', { name: 'Đã vào cổng' });

async function expectCount(page, text) {
  const region = count(page);
  for (let i = 0; i < 50; i++) {
    if ((await region.textContent()).includes(text)) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`count never showed ${text}: ${await region.textContent()}`);
}

// The phone's clock shows times in Vietnam.
const timeVN = (isoTime) =>
  new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(isoTime));

test('a typed code is let in, refused the second time with the first check-in time, and undo lets it in again', async () => {
  const event = await arrangeEvent('Đêm nhạc Hà Nội mùa thu');
  const { tickets } = await buyTickets(event, 3);
  const code = tickets[0].ticket_code;
  const page = await openDoor(event);
  await expectCount(page, '0 / 3');
  assert.match(await page.getByText('Đang mở cửa').textContent(), /Đang mở cửa/);
  await page.getByRole('status').filter({ hasText: 'Trực tuyến' }).waitFor();

  // Lower case and surrounding spaces, as a steward types: the server normalises.
  let alert = await typeCode(page, ` ${code.toLowerCase()} `);
  await alert.getByText('Hợp lệ', { exact: true }).waitFor();
  assert.match(await alert.textContent(), new RegExp(buyer.user.full_name));
  assert.match(await alert.textContent(), /Vé phổ thông/);
  await screenshot(page, 'door-ok');
  await dismiss(page);
  await expectCount(page, '1 / 3');
  await page.getByRole('region', { name: 'Vừa check-in' }).getByText(buyer.user.full_name).waitFor();
  await screenshot(page, 'door');

  alert = await typeCode(page, code);
  await alert.getByText('Vé đã check-in').waitFor();
  const { data: seen } = await server.api.get(`/api/admin/scanners/validate?code=${code}&event_id=${event.id}`, { token: admin.token });
  assert.equal(seen.reason, 'ALREADY_USED');
  assert.match(await alert.textContent(), new RegExp(`Check-in lần đầu lúc\\s*${timeVN(seen.ticket.used_at)}`));
  await screenshot(page, 'door-already-used');
  await dismiss(page);
  await expectCount(page, '1 / 3');

  await page.getByRole('button', { name: 'Hoàn tác check-in vừa rồi' }).click();
  await page.getByText(`Đã hoàn tác check-in vé ${code}.`).waitFor();
  await expectCount(page, '0 / 3');
  assert.equal(await page.getByRole('button', { name: 'Hoàn tác check-in vừa rồi' }).count(), 0);

  alert = await typeCode(page, code);
  await alert.getByText('Hợp lệ', { exact: true }).waitFor();
  await dismiss(page);
  await expectCount(page, '1 / 3');
  // Keyboard flow: after a verdict the code field has the focus again, empty.
  assert.equal(await page.getByRole('textbox', { name: 'Mã vé' }).inputValue(), '');
  assert.deepEqual(page.jsErrors, []);
});

test('unknown codes, other events, cancelled tickets and events not happening now are refused', async () => {
  const event = await arrangeEvent('Liveshow Sông Hàn');
  const other = await arrangeEvent('Hội thảo khởi nghiệp');
  const later = await arrangeEvent('Lễ hội ánh sáng', { startsInHours: 72 });
  const [otherTicket] = (await buyTickets(other)).tickets;
  const [laterTicket] = (await buyTickets(later)).tickets;
  const refunded = await buyTickets(event);
  await server.api.post(`/api/admin/orders/${refunded.order.id}/refund`, { reason: 'test' }, { token: admin.token });

  const page = await openDoor(event);
  let alert = await typeCode(page, 'KHONGCOVE99');
  await alert.getByText('Không tìm thấy vé').waitFor();
  await dismiss(page);

  alert = await typeCode(page, otherTicket.ticket_code);
  await alert.getByText('Sai sự kiện').waitFor();
  assert.match(await alert.textContent(), /Hội thảo khởi nghiệp/);
  await screenshot(page, 'door-wrong-event');
  await dismiss(page);

  alert = await typeCode(page, refunded.tickets[0].ticket_code);
  await alert.getByText('Vé đã bị huỷ').waitFor();
  await dismiss(page);
  await expectCount(page, '0 / 0');

  await openDoor(later, { page });
  await page.getByText('Chưa đến giờ mở cửa').waitFor();
  alert = await typeCode(page, laterTicket.ticket_code);
  await alert.getByText('Ngoài giờ mở cửa').waitFor();
  await dismiss(page);

  // An event closed while the door is open admits nobody, valid ticket or not.
  const closing = await arrangeEvent('Đêm nhạc khép lại');
  const [closingTicket] = (await buyTickets(closing)).tickets;
  await openDoor(closing, { page });
  await server.api.put(`/api/admin/events/${closing.id}`, { status: 'completed' }, { token: admin.token });
  alert = await typeCode(page, closingTicket.ticket_code);
  await alert.getByText('Sự kiện không diễn ra').waitFor();
  assert.match(await alert.textContent(), /Đêm nhạc khép lại/);
  await dismiss(page);

  // None of these let anyone in.
  for (const t of [otherTicket, laterTicket, closingTicket]) {
    const { data } = await server.api.get(`/api/admin/scanners/validate?code=${t.ticket_code}`, { token: admin.token });
    assert.equal(data.ticket.status, 'valid');
  }
  assert.deepEqual(page.jsErrors, []);
});

test('a lost connection is never green, and a retry once it is back lets the guest in', async () => {
  const event = await arrangeEvent('Chợ phiên cuối tuần');
  const [ticket] = (await buyTickets(event)).tickets;
  const page = await openDoor(event);
  await expectCount(page, '0 / 1');
  await page.route('**/api/admin/scanners/checkin', (route) => route.abort('internetdisconnected'));

  const alert = await typeCode(page, ticket.ticket_code);
  await alert.getByText('Mất kết nối — chưa check-in').waitFor();
  assert.doesNotMatch(await alert.textContent(), /Hợp lệ/);
  await page.getByRole('status').filter({ hasText: 'Mạng chập chờn' }).waitFor();
  await screenshot(page, 'door-network');

  await page.unroute('**/api/admin/scanners/checkin');
  await page.getByRole('button', { name: 'Thử lại' }).click();
  await page.getByRole('alert').getByText('Hợp lệ', { exact: true }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Trực tuyến' }).waitFor();
  await dismiss(page);
  await expectCount(page, '1 / 1');

  // The phone losing its network shows at once, and so does its return.
  await page.context().setOffline(true);
  await page.getByRole('status').filter({ hasText: 'Mất mạng' }).waitFor();
  await page.context().setOffline(false);
  await page.getByRole('status').filter({ hasText: 'Trực tuyến' }).waitFor();
  assert.deepEqual(page.jsErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e.message)), []);
});

// The ticket's QR code (the server's own SVG: one "M x y h1v1h-1z" per dark
// module) drawn into a one-frame Y4M video, Chromium's fake camera input.
function qrVideo(svg, file) {
  const size = Number(svg.match(/viewBox="0 0 (\d+) \d+"/)[1]);
  const W = 640;
  const H = 480;
  const scale = Math.floor(400 / size);
  const ox = Math.floor((W - size * scale) / 2);
  const oy = Math.floor((H - size * scale) / 2);
  const y = Buffer.alloc(W * H, 200);
  const fill = (x0, y0, w, h, v) => {
    for (let r = y0; r < y0 + h; r++) y.fill(v, r * W + x0, r * W + x0 + w);
  };
  fill(ox, oy, size * scale, size * scale, 255);
  for (const m of svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) fill(ox + Number(m[1]) * scale, oy + Number(m[2]) * scale, scale, scale, 0);
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  fs.writeFileSync(file, Buffer.concat([header, frame, frame]));
}

test('the camera reads a ticket QR code and checks it in once', async () => {
  const event = await arrangeEvent('Đêm nhạc phố cổ');
  const [ticket] = (await buyTickets(event)).tickets;
  const res = await fetch(`${server.baseURL}/api/users/tickets/${ticket.id}/qr.svg`, {
    headers: { Authorization: `Bearer ${buyer.token}` },
  });
  assert.equal(res.status, 200);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evient-door-'));
  const video = path.join(dir, 'ticket.y4m');
  qrVideo(await res.text(), video);
  const camBrowser = await launchBrowser({
    args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const page = await newPage(camBrowser, server, { session: admin, permissions: ['camera'] });
    // Keep hold of every camera stream the page opens, to see that it is released.
    await page.addInitScript(() => {
      const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      window.cameraStreams = [];
      navigator.mediaDevices.getUserMedia = async (c) => {
        const s = await open(c);
        window.cameraStreams.push(s);
        return s;
      };
    });
    const liveTracks = async (n) => {
      await page.waitForFunction(
        (want) => window.cameraStreams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length === want,
        n,
        { timeout: 5000 },
      );
      return n;
    };
    await openDoor(event, { page });
    await expectCount(page, '0 / 1');
    await page.getByRole('button', { name: 'Bật camera' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Hợp lệ', { exact: true }).waitFor({ timeout: 15000 });
    assert.match(await alert.textContent(), new RegExp(buyer.user.full_name));
    await dismiss(page);
    await expectCount(page, '1 / 1');
    // The same QR still in front of the camera is not scanned again.
    await page.waitForTimeout(1200);
    assert.equal(await page.getByRole('alert').count(), 0);
    await screenshot(page, 'door-camera');
    await liveTracks(1);
    await page.getByRole('button', { name: 'Tắt camera' }).click();
    await page.getByRole('button', { name: 'Bật camera' }).waitFor();
    await liveTracks(0);
    // Leaving the page turns the camera off.
    await page.getByRole('button', { name: 'Bật camera' }).click();
    await page.getByRole('button', { name: 'Tắt camera' }).waitFor();
    await liveTracks(1);
    await page.getByRole('link', { name: 'Quản trị' }).click();
    await page.waitForURL(/\/admin$/);
    await liveTracks(0);
    assert.deepEqual(page.jsErrors, []);
  } finally {
    await camBrowser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
