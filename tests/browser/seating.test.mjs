// Seated events, as the people who use them: the organiser draws a room,
// switches a seat off, seats an event in two zones and blocks a house seat;
// buyers pick seats on the map (phone and desktop), pay in the sandbox and find
// the seats on their tickets; a second buyer's map shows seats being sold
// without a reload, a seat bought from under them gets a sentence and a fresh
// map, and "best available" gives three seats side by side; the door shows a
// ticket's seat. The scene is set through the API; the steps go through the UI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, screenshot, loginThroughForm, kAdmin, kUser } from './support/harness.mjs';

let server;
let browser;
let admin;
let buyer;
let second;
const scene = {}; // what one step leaves for the next: event, room, tickets

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const kHour = 3600e3;
const kRoom = 'Nhà hát Hoà Bình';
const kSlug = 'dem-nhac-giao-huong-hoa-binh';

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await server.api.login(kAdmin);
  buyer = await server.api.login(kUser);
  await server.api.post('/api/auth/register', { email: 'khach.thu.hai@example.com', password: 'mat-khau-khach-2', full_name: 'Khách Thứ Hai' });
  second = await server.api.login({ email: 'khach.thu.hai@example.com', password: 'mat-khau-khach-2' });
  // On sale now and open at the door (it started an hour ago).
  const start = Date.now() - kHour;
  const { data: event } = await server.api.post(
    '/api/admin/events',
    {
      title: 'Đêm nhạc Giao hưởng Hoà Bình',
      slug: kSlug,
      category: 'music',
      location: 'Nhà hát Hoà Bình, TP. Hồ Chí Minh',
      description: 'Dàn nhạc giao hưởng — chỗ ngồi theo sơ đồ.',
      banner_image: '/img/events/dem-nhac-trinh-cong-son-banner.svg',
      thumbnail_image: '/img/events/dem-nhac-trinh-cong-son-thumb.svg',
      start_time: iso(start),
      end_time: iso(start + 5 * kHour),
      status: 'published',
    },
    { token: admin.token },
  );
  const types = [];
  for (const [i, t] of [{ name: 'VIP', price: 500000 }, { name: 'Thường', price: 200000 }].entries()) {
    const { data } = await server.api.post(`/api/admin/events/${event.id}/ticket-types`, { ...t, quantity_total: 1, sort_order: i }, { token: admin.token });
    types.push(data);
  }
  Object.assign(scene, { event, vip: types[0], regular: types[1] });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// Screenshots through a window as tall as the page (sticky bars where a person sees them).
async function shot(page, name) {
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  const size = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
  await page.setViewportSize(size);
}

const seat = (scope, name) => scope.getByRole('button', { name, exact: true });
// Waits for a seat's state (its title, read as its description).
async function expectTitle(locator, title, timeout = 10000) {
  const until = Date.now() + timeout;
  let now;
  while ((now = await locator.getAttribute('title')) !== title) {
    if (Date.now() > until) assert.fail(`expected "${title}", found "${now}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('an organiser draws a room, switches a seat off, seats an event in two zones and blocks a house seat', async () => {
  const page = await newPage(browser, server, { desktop: true, session: admin });
  await page.goto('/admin');
  await page.getByRole('navigation', { name: 'Menu quản trị' }).getByRole('link', { name: 'Phòng' }).click();
  await page.getByRole('heading', { level: 1, name: 'Phòng & sơ đồ ghế' }).waitFor();
  await page.getByRole('button', { name: 'Tạo phòng' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Tên phòng').fill('Phòng mới');
  await dialog.getByLabel('Số hàng').fill('5');
  await dialog.getByLabel('Số ghế mỗi hàng').fill('8');
  await dialog.getByRole('button', { name: 'Tạo phòng' }).click();
  await page.waitForURL(/\/admin\/rooms\/[^/]+$/);
  await page.getByRole('heading', { level: 1, name: 'Phòng mới' }).waitFor();
  await page.getByText('40 / 40 ghế dùng được').waitFor();
  await page.getByLabel('Tên phòng').fill(kRoom);
  await page.getByRole('button', { name: 'Lưu thông tin' }).click();
  await page.getByRole('heading', { level: 1, name: kRoom }).waitFor();

  // A pillar where E8 would be: off, saved.
  const e8 = seat(page, 'Hàng E ghế 8');
  assert.equal(await e8.getAttribute('aria-pressed'), 'true');
  await e8.click();
  await page.getByText('1 ghế thay đổi chưa lưu').waitFor();
  await page.getByRole('button', { name: 'Lưu sơ đồ ghế' }).click();
  await page.getByText('Đã lưu sơ đồ ghế.').waitFor();
  await page.getByText('39 / 40 ghế dùng được').waitFor();
  assert.equal(await e8.getAttribute('aria-pressed'), 'false');
  await shot(page, 'seats-room-editor');
  await page.getByRole('button', { name: 'Ngừng dùng phòng' }).click();
  await page.getByText('Phòng đã ngừng dùng').waitFor();
  await page.getByRole('button', { name: 'Dùng lại phòng' }).click();
  await page.getByText('Phòng đã được dùng lại.').waitFor();
  const roomUrl = page.url();

  // The event's seating: VIP in rows A–B, Thường in C–E.
  await page.goto(`/admin/events/${scene.event.id}`);
  await page.getByRole('link', { name: 'Sơ đồ chỗ ngồi' }).click();
  await page.waitForURL(/\/seating$/);
  await page.getByLabel('Phòng', { exact: true }).selectOption({ label: `${kRoom} (5 hàng × 8 ghế)` });
  await page.getByRole('radio', { name: /^VIP/ }).check();
  await page.getByRole('button', { name: 'Tô cả hàng A cho VIP' }).click();
  await page.getByRole('button', { name: 'Tô cả hàng B cho VIP' }).click();
  await page.getByRole('radio', { name: /^Thường/ }).check();
  for (const row of ['C', 'D', 'E']) await page.getByRole('button', { name: `Tô cả hàng ${row} cho Thường` }).click();
  assert.equal(await seat(page, 'Hàng E ghế 8').getAttribute('aria-disabled'), 'true', 'a seat switched off is in no zone');
  await page.getByRole('button', { name: 'Lưu phân khu' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Đã lưu phân khu' });
  await saved.getByText('VIP: 16 vé').waitFor();
  await saved.getByText('Thường: 23 vé').waitFor();

  // A house seat for the sound desk.
  await page.getByRole('button', { name: 'Khoá ghế' }).click();
  await seat(page, 'Hàng E ghế 7').click();
  await page.getByText('Đã khoá Hàng E ghế 7.').waitFor();
  await expectTitle(seat(page, 'Hàng E ghế 7'), 'Không bán');
  await page.getByRole('button', { name: 'Phân khu', exact: true }).click();
  await page.getByRole('radio', { name: /^VIP/ }).waitFor();
  await shot(page, 'seats-seating-editor');

  // The room is in use now: it can be neither deleted nor resized.
  await page.goto(roomUrl);
  await page.getByRole('button', { name: 'Xoá phòng' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Xoá phòng' }).click();
  await page.getByRole('alert').filter({ hasText: 'Phòng đang được một sự kiện dùng nên không thể xoá' }).waitFor();
  await page.getByLabel('Số hàng').fill('6');
  await page.getByRole('button', { name: 'Lưu thông tin' }).click();
  await page.getByRole('alert').filter({ hasText: 'không thể xoá hoặc đổi kích thước' }).first().waitFor();

  // The public page shows the map with both zones and prices.
  await page.goto(`/events/${kSlug}`);
  const zones = page.getByRole('list', { name: 'Khu vực và giá' });
  await zones.getByText('VIP').waitFor();
  await zones.getByText('500.000 ₫').waitFor();
  await zones.getByText('Thường').waitFor();
  await zones.getByText('200.000 ₫').waitFor();
  await expectTitle(seat(page, 'Hàng A ghế 1'), 'VIP · 500.000 ₫');
  await expectTitle(seat(page, 'Hàng C ghế 1'), 'Thường · 200.000 ₫');
  await expectTitle(seat(page, 'Hàng E ghế 7'), 'Không bán');
  assert.equal(await seat(page, 'Hàng E ghế 7').getAttribute('aria-disabled'), 'true');
  await expectTitle(seat(page, 'Hàng E ghế 8'), 'Không có ghế');
  // One tab stop for the grid; the arrow keys move between seats.
  await seat(page, 'Hàng A ghế 1').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Hàng B ghế 2');
  assert.equal(await page.locator('[data-seat-grid] button[tabindex="0"]').count(), 1);
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('buyers pick seats on the map, see seats sold live, lose a contested seat with a sentence, and take the best three together', async () => {
  // The second buyer has the page open all along.
  const other = await newPage(browser, server, { session: second });
  await other.goto(`/events/${kSlug}`);
  await seat(other, 'Hàng A ghế 4').waitFor();
  await other.evaluate(() => (window.stillTheSamePage = true));

  // A small phone: 360 px wide.
  const page = await newPage(browser, server, { session: buyer, viewport: { width: 360, height: 740 } });
  await page.goto(`/events/${kSlug}`);
  const box = await seat(page, 'Hàng A ghế 4').boundingBox();
  assert.ok(box.width >= 32 && box.height >= 32, `a seat is a usable touch target (${box.width}×${box.height})`);
  await seat(page, 'Hàng A ghế 4').click();
  await seat(page, 'Hàng A ghế 5').click();
  assert.equal(await seat(page, 'Hàng A ghế 4').getAttribute('aria-pressed'), 'true');
  const picked = page.getByRole('region', { name: 'Ghế đã chọn' });
  await picked.getByText('2 × 500.000 ₫').waitFor();
  await picked.getByText('1.000.000 ₫', { exact: true }).waitFor();
  await shot(page, 'seats-map-phone');
  // The map scrolls sideways inside itself; the page never does.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling of the page');

  await picked.getByRole('button', { name: 'Mua 2 ghế' }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  await page.getByText('Hàng A ghế 4, Hàng A ghế 5').waitFor();
  // The map stopped reading seats when the buyer left its page.
  let reads = 0;
  page.on('request', (r) => (reads += r.url().endsWith('/seats') ? 1 : 0));
  await page.waitForTimeout(3500);
  assert.equal(reads, 0, 'no seat map requests after leaving the event page');
  await page.getByRole('button', { name: /^Thanh toán/ }).click();
  await page.waitForURL(/\/checkout\/sandbox\//);
  await page.getByRole('button', { name: 'Thanh toán', exact: true }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  await page.getByText('Đã thanh toán', { exact: true }).waitFor();
  const orderTickets = page.getByRole('region', { name: 'Vé của đơn' });
  await orderTickets.getByText(`${kRoom} · hàng A · ghế 4`).waitFor();
  await orderTickets.getByText(`${kRoom} · hàng A · ghế 5`).waitFor();
  const orderId = new URL(page.url()).pathname.split('/').pop();
  const { data: paid } = await server.api.get(`/api/orders/${orderId}`, { token: buyer.token });
  scene.orderId = orderId;
  scene.tickets = paid.tickets;
  if ('is_test' in paid.order) {
    assert.equal(paid.order.is_test, true, 'paid through the sandbox');
    await page.getByText('Thử nghiệm', { exact: true }).waitFor();
  }

  await page.getByRole('link', { name: 'Mở ví vé' }).click();
  await page.waitForURL(/\/wallet$/);
  await page.getByText(`${kRoom} · hàng A · ghế 4`).waitFor();
  await page.getByText(`${kRoom} · hàng A · ghế 5`).waitFor();
  assert.deepEqual(page.jsErrors, []);

  // The other buyer's map shows both seats sold, without a reload.
  await expectTitle(seat(other, 'Hàng A ghế 4'), 'Đã bán');
  await expectTitle(seat(other, 'Hàng A ghế 5'), 'Đã bán');
  assert.equal(await seat(other, 'Hàng A ghế 4').getAttribute('aria-disabled'), 'true');
  assert.equal(await other.evaluate(() => window.stillTheSamePage), true);

  // A contested seat: the other buyer's map is a moment old (their network
  // is slow) when someone else takes B1; buying it gets a sentence naming the
  // seat, and the map is read again at once.
  let stale = null;
  let ordering = false;
  other.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/orders') ordering = true;
  });
  await other.route('**/api/events/*/seats', async (route) => {
    if (ordering) return route.continue();
    if (!stale) stale = await (await route.fetch()).text();
    return route.fulfill({ status: 200, contentType: 'application/json', body: stale });
  });
  await other.waitForResponse((r) => r.url().endsWith('/seats'));
  await seat(other, 'Hàng B ghế 1').click();
  assert.equal(await seat(other, 'Hàng B ghế 1').getAttribute('aria-pressed'), 'true');
  const b1 = JSON.parse(stale).data.seats.find((x) => x.row === 'B' && x.number === 1);
  await server.api.post('/api/orders', { ticket_items: [{ ticket_type_id: scene.vip.id, seat_ids: [b1.id] }] }, { token: buyer.token });
  await other.getByRole('button', { name: 'Mua 1 ghế' }).click();
  await other.getByRole('alert').filter({ hasText: 'Rất tiếc, Hàng B ghế 1 vừa có người khác đặt' }).waitFor();
  await expectTitle(seat(other, 'Hàng B ghế 1'), 'Đang được giữ', 3000);
  assert.equal(await seat(other, 'Hàng B ghế 1').getAttribute('aria-pressed'), null);
  await other.unroute('**/api/events/*/seats');

  // Best available: three Thường seats side by side.
  const best = other.getByRole('region', { name: 'Chọn chỗ tốt nhất' });
  for (let i = 0; i < 3; i++) await best.getByRole('button', { name: 'Thêm một vé Thường' }).click();
  await best.getByRole('button', { name: 'Mua 3 chỗ tốt nhất' }).click();
  await other.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  const line = await other.getByText(/Hàng [A-Z] ghế \d+, Hàng [A-Z] ghế \d+, Hàng [A-Z] ghế \d+/).first().innerText();
  const places = [...line.matchAll(/Hàng ([A-Z]) ghế (\d+)/g)].map((m) => ({ row: m[1], n: Number(m[2]) }));
  assert.equal(new Set(places.map((p) => p.row)).size, 1, `one row: ${line}`);
  assert.ok(['C', 'D', 'E'].includes(places[0].row), `a Thường row: ${line}`);
  const ns = places.map((p) => p.n).sort((a, b) => a - b);
  assert.deepEqual(ns, [ns[0], ns[0] + 1, ns[0] + 2], `side by side: ${line}`);
  assert.deepEqual(other.jsErrors, []);
  await other.context().close();
  await page.context().close();
});

test("a visitor's chosen seat survives the trip through the login page", async () => {
  const page = await newPage(browser, server);
  await page.goto(`/events/${kSlug}`);
  await seat(page, 'Hàng D ghế 8').click();
  await page.getByRole('button', { name: 'Đăng nhập để mua vé' }).click();
  await page.waitForURL(/\/login\?next=/);
  await loginThroughForm(page, kUser);
  await page.waitForURL(new RegExp(`/events/${kSlug}$`));
  await page.getByRole('region', { name: 'Ghế đã chọn' }).getByText('Hàng D ghế 8').waitFor();
  assert.equal(await seat(page, 'Hàng D ghế 8').getAttribute('aria-pressed'), 'true');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('the door shows a seated ticket its seat, and the organiser sees it on the order', async () => {
  assert.ok(scene.tickets?.length, 'tickets from the previous test');
  const ticket = scene.tickets.find((t) => t.seat?.number === 4) || scene.tickets[0];
  const page = await newPage(browser, server, { session: admin });
  await page.goto('/door');
  const option = page.getByRole('option', { name: /Đêm nhạc Giao hưởng Hoà Bình/ });
  await page.getByLabel('Sự kiện').selectOption({ label: (await option.textContent()).trim() });
  await page.getByRole('textbox', { name: 'Mã vé' }).fill(ticket.ticket_code);
  await page.getByRole('button', { name: 'Check-in', exact: true }).click();
  const verdict = page.getByRole('alert');
  await verdict.getByText('Hợp lệ').waitFor();
  await verdict.getByText(`Chỗ: ${kRoom} · hàng A · ghế 4`).waitFor();
  await screenshot(page, 'seats-door');
  await page.getByRole('button', { name: 'Quét tiếp' }).click();
  await page.getByRole('region', { name: 'Vừa check-in' }).getByText(`${kRoom} · hàng A · ghế 4`, { exact: false }).waitFor();

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/admin/orders/${scene.orderId}`);
  const tickets = page.getByRole('region', { name: 'Vé', exact: true });
  await tickets.getByRole('cell', { name: `${kRoom} · hàng A · ghế 4` }).waitFor();

  // The event's page says the seat map decides the seated types' quantities.
  await page.goto(`/admin/events/${scene.event.id}`);
  await page.getByText(`Sự kiện bán vé theo chỗ ngồi tại ${kRoom}`).waitFor();
  await page.getByRole('button', { name: 'Sửa VIP' }).click();
  assert.equal(await page.getByRole('dialog').getByLabel('Tổng số vé').isDisabled(), true);
  await page.getByRole('dialog').getByRole('button', { name: 'Huỷ' }).click();

  // Seats are sold: the seating editor explains why zones can no longer change.
  await page.goto(`/admin/events/${scene.event.id}/seating`);
  await page.getByText('Đã có ghế đang được giữ hoặc đã bán, nên không thể đổi phòng hay phân khu nữa', { exact: false }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Lưu phân khu' }).isDisabled(), true);

  // The map on a desktop once seats are held and sold, two of them chosen.
  await page.goto(`/events/${kSlug}`);
  await expectTitle(seat(page, 'Hàng A ghế 4'), 'Đã bán');
  await seat(page, 'Hàng B ghế 5').click();
  await seat(page, 'Hàng B ghế 6').click();
  await page.getByRole('region', { name: 'Ghế đã chọn' }).getByText('1.000.000 ₫', { exact: true }).waitFor();
  await shot(page, 'seats-map-desktop');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('orders paid through the sandbox carry a "Thử nghiệm" badge, and the dashboard counts them apart', async (t) => {
  // A plain (unseated) order paid in the sandbox.
  const { data: events } = await server.api.get('/api/events?search=hoi%20cho');
  const { data: food } = await server.api.get(`/api/events/${events[0].slug}`);
  const type = food.ticket_types.find((x) => Number(x.price) > 0);
  const { data: bought } = await server.api.post('/api/orders', { ticket_items: [{ ticket_type_id: type.id, quantity: 1 }] }, { token: buyer.token });
  const sig = new URL(bought.payment.url).searchParams.get('sig');
  await server.api.post(`/api/payments/sandbox/${bought.order.id}/complete`, { sig, action: 'pay' });
  const { data: paid } = await server.api.get(`/api/orders/${bought.order.id}`, { token: buyer.token });
  if (!('is_test' in paid.order)) return t.skip('this server does not mark test orders yet');
  assert.equal(paid.order.is_test, true);
  const short = bought.order.id.replace(/-/g, '').slice(-8).toUpperCase();

  const page = await newPage(browser, server, { session: buyer });
  await page.goto(`/orders/${bought.order.id}`);
  await page.getByText('Đã thanh toán', { exact: true }).waitFor();
  await page.getByText('Thử nghiệm', { exact: true }).waitFor();
  await page.goto('/wallet');
  const card = page.getByRole('listitem').filter({ hasText: paid.tickets[0].ticket_code });
  await card.getByText('Thử nghiệm', { exact: true }).waitFor();
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();

  const desk = await newPage(browser, server, { desktop: true, session: admin });
  await desk.goto('/admin/orders');
  await desk.getByRole('row').filter({ hasText: `#${short}` }).getByText('Thử nghiệm', { exact: true }).waitFor();
  await desk.getByRole('link', { name: `Xem đơn ${short}` }).first().click();
  await desk.getByRole('heading', { level: 1, name: new RegExp(short) }).getByText('Thử nghiệm').waitFor();
  await desk.goto('/admin');
  const { data: stats } = await server.api.get('/api/admin/stats', { token: admin.token });
  assert.ok(stats.test_order_count >= 1);
  await desk.getByText(`Đơn thử nghiệm: ${stats.test_order_count} (không tính vào doanh thu)`).waitFor();
  assert.deepEqual(desk.jsErrors, []);
  await desk.context().close();
});
