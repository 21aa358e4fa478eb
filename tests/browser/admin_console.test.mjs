// The organiser's other screens on seeded data: the dashboard (stats, chart,
// top events, one event's numbers per ticket type), orders and refunds, users
// (the self rule; deactivate and reactivate), banners, a broadcast, and the
// audit log that records them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
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

const money = (n) => new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' }).format(n).replace(/\u00a0/g, ' ');
const adminGet = async (p) => (await server.api.get(p, { token: admin.token })).data;
const eventBySlug = async (slug) => (await adminGet(`/api/admin/events?limit=100`)).find((e) => e.slug === slug);

test('dashboard: stats, the revenue chart, top events and one event per ticket type', async () => {
  const stats = await adminGet('/api/admin/stats');
  const page = await newPage(browser, server, { desktop: true, session: admin });
  await page.goto('/admin');
  await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor();
  await page.getByText(money(stats.total_revenue), { exact: true }).waitFor();

  const chart = page.getByRole('img', { name: /Biểu đồ cột doanh thu theo ngày/ });
  await chart.waitFor();
  assert.equal(await chart.locator('title').count(), 30, 'one bar per day');
  const busiest = stats.revenue_by_day.reduce((a, b) => (b.revenue > a.revenue ? b : a));
  const [, m, d] = busiest.date.split('-');
  assert.equal(await chart.locator('title', { hasText: `${d}/${m}: ${money(busiest.revenue)}` }).count(), 1);

  const top = page.getByRole('region', { name: 'Sự kiện bán chạy' });
  for (const e of stats.top_events) await top.getByRole('link', { name: e.title }).waitFor();

  // One event: sold / checked-in / remaining per ticket type.
  const summit = await eventBySlug('vietnam-tech-summit-2026');
  const per = await adminGet(`/api/admin/stats?event_id=${summit.id}`);
  await page.getByLabel('Chọn sự kiện').selectOption({ label: summit.title });
  const table = page.getByRole('table', { name: summit.title });
  await table.waitFor();
  for (const tt of per.ticket_types) {
    const cells = await table.getByRole('row').filter({ hasText: tt.name }).getByRole('cell').allInnerTexts();
    assert.deepEqual(cells.slice(2, 5), [String(tt.tickets_sold), String(tt.checked_in), String(tt.remaining)], tt.name);
  }
  await screenshot(page, 'dashboard');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('orders: search a buyer, open an order and refund it with a reason (and force for used tickets)', async () => {
  // A fresh paid order of the seeded buyer for an upcoming event.
  const buyer = await server.api.login(kUser);
  const food = await adminGet(`/api/admin/events/${(await eventBySlug('hoi-cho-am-thuc-sai-gon')).id}`);
  const type = food.ticket_types.find((x) => x.status === 'active' && x.price > 0);
  const { data: bought } = await server.api.post('/api/orders', { ticket_items: [{ ticket_type_id: type.id, quantity: 1 }] }, { token: buyer.token });
  const sig = new URL(bought.payment.url).searchParams.get('sig');
  await server.api.post(`/api/payments/sandbox/${bought.order.id}/complete`, { sig, action: 'pay' });
  const short = bought.order.id.replace(/-/g, '').slice(-8).toUpperCase();

  const page = await newPage(browser, server, { desktop: true, session: admin });
  await page.goto('/admin/orders');
  await page.getByLabel('Tìm người mua').fill(buyer.user.full_name);
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await page.waitForURL(/user=/);
  const rows = page.getByRole('table').getByRole('row');
  await rows.filter({ hasText: `#${short}` }).waitFor();
  // The unfiltered list stays on screen while the filtered one loads.
  await page.locator('[aria-busy="false"]').filter({ has: page.getByRole('table') }).waitFor();
  for (const text of (await rows.allInnerTexts()).slice(1)) assert.match(text, new RegExp(kUser.email));

  await page.getByRole('link', { name: `Xem đơn ${short}` }).first().click();
  await page.getByRole('heading', { level: 1, name: new RegExp(short) }).waitFor();
  await page.getByRole('button', { name: 'Hoàn tiền' }).click();
  const dlg = page.getByRole('dialog', { name: 'Hoàn tiền đơn hàng' });
  await dlg.getByLabel('Lý do hoàn tiền').fill('Khách không thể tham dự');
  await dlg.getByRole('button', { name: 'Hoàn tiền' }).click();
  await page.getByRole('status').getByText('Đã hoàn tiền đơn hàng.').first().waitFor();
  await page.getByRole('heading', { level: 1 }).getByText('Đã hoàn tiền').waitFor();
  await page.getByRole('table').last().getByText('Đã huỷ').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Hoàn tiền' }).count(), 0);
  await screenshot(page, 'admin-order-refunded');
  const audit = await adminGet(`/api/admin/audit-log?entity_type=order&entity_id=${bought.order.id}`);
  assert.equal(audit[0].action, 'order.refund');
  assert.match(JSON.stringify(audit[0].after), /Khách không thể tham dự/);

  // A seeded order whose tickets were checked in: the server asks for force.
  const trinh = await eventBySlug('dem-nhac-trinh-cong-son');
  const paid = await adminGet(`/api/admin/orders?event_id=${trinh.id}&status=paid&limit=50`);
  let used = null;
  for (const o of paid) {
    const detail = await adminGet(`/api/admin/orders/${o.id}`);
    if (detail.tickets.some((x) => x.status === 'used')) {
      used = detail;
      break;
    }
  }
  assert.ok(used, 'the seed has a checked-in order');
  await page.goto(`/admin/orders/${used.id}`);
  await page.getByRole('button', { name: 'Hoàn tiền' }).click();
  const dlg2 = page.getByRole('dialog', { name: 'Hoàn tiền đơn hàng' });
  await dlg2.getByLabel('Lý do hoàn tiền').fill('Sự cố âm thanh');
  await dlg2.getByRole('button', { name: 'Hoàn tiền' }).click();
  await dlg2.getByRole('alert').getByText('Đơn có vé đã check-in').waitFor();
  await screenshot(page, 'admin-order-refund-force');
  await dlg2.getByLabel('Hoàn tiền cả vé đã check-in').check();
  await dlg2.getByRole('button', { name: 'Hoàn tiền' }).click();
  await dlg2.waitFor({ state: 'detached' });
  await page.getByRole('heading', { level: 1 }).getByText('Đã hoàn tiền').waitFor();
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('users: the last-admin and self rules are explained; roles change; a user is deactivated and reactivated', async () => {
  const page = await newPage(browser, server, { desktop: true, session: admin });
  await page.goto('/admin/users');
  const me = admin.user.full_name || admin.user.email;
  const lockMe = async () => {
    await page.getByRole('button', { name: `Khoá ${me}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Khoá' }).click();
  };
  // The only admin: the last-admin rule answers first.
  await lockMe();
  await page.getByRole('alert').getByText('Không thể thay đổi quản trị viên cuối cùng còn hoạt động.').waitFor();

  // With a second admin, the self rule.
  const helper = 'Đỗ Thanh Phương';
  await page.getByLabel(`Vai trò của ${helper}`).selectOption('admin');
  await page.getByRole('dialog').getByRole('button', { name: 'Xác nhận' }).click();
  await page.getByRole('status').getByText(`Đã đổi vai trò của ${helper}.`).first().waitFor();
  await lockMe();
  await page.getByRole('alert').getByText('Bạn không thể tự hạ quyền hoặc khoá tài khoản của chính mình.').waitFor();
  await screenshot(page, 'admin-users-self-rule');
  await page.getByLabel(`Vai trò của ${helper}`).selectOption('user');
  await page.getByRole('dialog').getByRole('button', { name: 'Xác nhận' }).click();
  await page.getByRole('status').getByText(`Đã đổi vai trò của ${helper}.`).first().waitFor();
  assert.equal((await adminGet('/api/admin/users?role=admin')).length, 1);

  const target = { email: 'tram.ngo@example.com', password: 'password123' };
  await page.getByLabel('Tìm theo tên hoặc email').fill(target.email);
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  const row = page.getByRole('row').filter({ hasText: target.email });
  await row.waitFor();
  // The search result replaces the full list: wait for it rather than read the old one.
  await page.waitForFunction(() => document.querySelectorAll('table tr').length === 2);
  assert.equal(await page.getByRole('row').count(), 2, 'header and the one match');
  const name = (await row.getByRole('cell').first().innerText()).split('\n')[0].trim();
  await row.getByRole('button', { name: `Khoá ${name}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Khoá' }).click();
  await row.getByText('Đã khoá').waitFor();
  await assert.rejects(server.api.login(target), /403/);

  await row.getByRole('button', { name: `Mở khoá ${name}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Mở khoá' }).click();
  await row.getByText('Đang hoạt động').waitFor();
  await server.api.login(target);
  await screenshot(page, 'admin-users');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('banners: create, hide, delete; broadcast a notification; the audit log lists it all', async () => {
  const page = await newPage(browser, server, { desktop: true, session: admin });
  await page.goto('/admin/banners');
  const title = 'Ưu đãi Giáng sinh';
  await page.getByRole('button', { name: 'Thêm banner' }).click();
  const dlg = page.getByRole('dialog', { name: 'Thêm banner' });
  await dlg.getByLabel('Tiêu đề').fill(title);
  await dlg.getByLabel('Ảnh (URL)').fill('/img/events/edm-sunset-festival-da-nang-banner.svg');
  await dlg.getByLabel('Liên kết khi bấm (URL)').fill('/events/edm-sunset-festival-da-nang');
  await dlg.getByLabel('Sự kiện liên quan').selectOption({ label: 'EDM Sunset Festival Đà Nẵng' });
  await dlg.getByLabel('Độ ưu tiên').fill('99');
  await dlg.getByRole('button', { name: 'Thêm banner' }).click();
  await dlg.waitFor({ state: 'detached' });
  const items = page.getByRole('listitem');
  await items.first().getByRole('heading', { name: new RegExp(title) }).waitFor();
  let pub = (await server.api.get('/api/banners')).data;
  assert.equal(pub[0].title, title, 'highest priority first on the home page');
  await screenshot(page, 'admin-banners');

  // Off the home page (still shown elsewhere by clients that place it), then back.
  await page.getByRole('button', { name: `Sửa ${title}` }).click();
  const edit = page.getByRole('dialog', { name: 'Sửa banner' });
  await edit.getByLabel('Hiện trên trang chủ').uncheck();
  await edit.getByRole('button', { name: 'Lưu' }).click();
  await edit.waitFor({ state: 'detached' });
  await items.first().getByText('Không ở trang chủ').waitFor();
  pub = (await server.api.get('/api/banners')).data;
  assert.ok(!pub.some((b) => b.title === title));
  await page.getByRole('button', { name: `Sửa ${title}` }).click();
  await edit.getByLabel('Hiện trên trang chủ').check();
  await edit.getByRole('button', { name: 'Lưu' }).click();
  await edit.waitFor({ state: 'detached' });
  pub = (await server.api.get('/api/banners')).data;
  assert.equal(pub[0].title, title);

  // Hide it, then delete it.
  await page.getByRole('switch', { name: `Hiển thị ${title}` }).uncheck();
  await items.first().getByText('Đang ẩn').waitFor();
  pub = (await server.api.get('/api/banners')).data;
  assert.ok(!pub.some((b) => b.title === title));
  await page.getByRole('button', { name: `Xoá ${title}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Xoá' }).click();
  await page.getByRole('heading', { name: new RegExp(title) }).waitFor({ state: 'detached' });

  // Broadcast to the ticket holders of one event.
  await page.getByRole('navigation', { name: 'Menu quản trị' }).getByRole('link', { name: 'Gửi thông báo' }).click();
  await page.getByLabel('Tiêu đề').fill('Cổng mở lúc 16:00');
  await page.getByLabel('Nội dung').fill('Nhớ mang theo mã QR trong ví vé.');
  await page.getByLabel('Người có vé của một sự kiện').check();
  await page.getByLabel('Sự kiện', { exact: true }).selectOption({ label: 'EDM Sunset Festival Đà Nẵng (Đang mở bán)' });
  await page.getByRole('button', { name: 'Gửi thông báo' }).click();
  await page.getByRole('dialog').getByText('EDM Sunset Festival Đà Nẵng').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Gửi thông báo' }).click();
  await page.getByRole('status').getByText(/Đã gửi thông báo tới \d+ người\./).first().waitFor();
  await screenshot(page, 'admin-broadcast');

  // The audit log, newest first.
  await page.getByRole('navigation', { name: 'Menu quản trị' }).getByRole('link', { name: 'Nhật ký' }).click();
  const actions = page.getByRole('table').getByRole('row');
  await actions.filter({ hasText: 'Gửi thông báo' }).first().waitFor();
  // (several writes in one second may list in any order among themselves)
  const texts = (await actions.allInnerTexts()).slice(1, 7).join('\n');
  for (const action of ['Gửi thông báo', 'Xoá banner', 'Sửa banner', 'Thêm banner']) assert.match(texts, new RegExp(action));
  await page.getByLabel('Loại đối tượng').selectOption({ label: 'Banner' });
  await page.getByRole('button', { name: 'Lọc' }).click();
  await page.waitForURL(/entity_type=banner/);
  // The filtered list has replaced the whole one (a click on the old rows would be lost).
  await actions.filter({ hasText: 'Gửi thông báo' }).first().waitFor({ state: 'detached' });
  // Three edits (off the home page, back, hidden), one change each, opened in place.
  const updates = actions.filter({ hasText: 'Sửa banner' });
  assert.equal(await updates.count(), 3);
  for (let i = 0; i < 3; ++i) await updates.nth(i).getByText(/1 trường thay đổi/).click();
  await updates.getByText('is_active:').waitFor();
  assert.equal(await updates.getByText('is_homepage:').count(), 2);
  await screenshot(page, 'admin-audit');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});
