// The buyer on a phone: browsing the catalogue, registering, buying, paying in
// the sandbox, the wallet's QR codes, sold-out types, a lost session, and the
// checkout's error sentences and cancellation. The scene is set through the
// API; every step under test goes through the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, screenshot, loginThroughForm, kAdmin, kUser } from './support/harness.mjs';

let server;
let browser;
let admin;

const iso = (daysFromNow, hour = 19) => {
  const d = new Date(Date.now() + daysFromNow * 86400000);
  d.setUTCHours(hour - 7, 0, 0, 0);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
};

// A published event with the given ticket types; returns {event, types}.
async function createEvent({ title, slug, category = 'Music', days = 20, types, thumb = null }) {
  const { data: event } = await server.api.post(
    '/api/admin/events',
    {
      title,
      slug,
      category,
      location: 'Nhà Văn hoá Thanh niên, TP. Hồ Chí Minh',
      description: `${title} — sự kiện thử nghiệm.`,
      content: `<h2>Chương trình</h2><p>${title}.</p><ul><li>Mở cửa 18:00</li><li>Bắt đầu 19:30</li></ul>`,
      start_time: iso(days),
      end_time: iso(days, 22),
      thumbnail_image: thumb,
      status: 'published',
    },
    { token: admin.token },
  );
  const created = [];
  for (const [i, t] of types.entries()) {
    const { data } = await server.api.post(`/api/admin/events/${event.id}/ticket-types`, { sort_order: i, ...t }, { token: admin.token });
    created.push(data);
  }
  return { event, types: created };
}

// Buys through the API (arranging the scene): returns the checkout response.
async function buy(token, items) {
  const { data } = await server.api.post('/api/orders', { ticket_items: items }, { token });
  return data;
}
async function payThroughSandbox(checkout) {
  const url = new URL(checkout.payment.url);
  const sig = url.searchParams.get('sig');
  await server.api.post(`/api/payments/sandbox/${checkout.order.id}/complete`, { sig, action: 'pay' });
}

// Screenshots with every image drawn, taken through a window as tall as the
// page so sticky bars sit where a person sees them (not mid-page).
async function shot(page, name) {
  await page.waitForFunction(() => [...document.images].every((i) => i.complete));
  const size = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
  await page.setViewportSize(size);
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await server.api.login(kAdmin);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a visitor browses home, searches and filters the catalogue, pages through it and opens an event', async () => {
  const page = await newPage(browser, server);
  await page.goto('/');
  const carousel = page.getByRole('region', { name: 'Sự kiện nổi bật' });
  await carousel.getByRole('link', { name: 'Hội chợ Ẩm thực Sài Gòn' }).waitFor();
  assert.equal(await carousel.getByRole('group').count(), 3, 'three seeded banners');
  await page.getByRole('region', { name: 'Đang hot' }).getByRole('link', { name: 'EDM Sunset Festival Đà Nẵng' }).waitFor();
  const upcoming = page.getByRole('region', { name: 'Sắp diễn ra' });
  await upcoming.getByRole('link', { name: 'Giải chạy Marathon Huế' }).waitFor();
  assert.equal(await upcoming.getByRole('article').count(), 3, 'the three upcoming seeded events');
  await upcoming.getByText('Từ 50.000 ₫').waitFor();
  await shot(page, 'home');

  // A banner leads to its event.
  await page.getByRole('button', { name: 'Xem banner 2' }).click();
  await carousel.getByRole('link', { name: 'EDM Sunset Festival Đà Nẵng' }).click();
  await page.waitForURL(/\/events\/edm-sunset-festival-da-nang$/);
  await page.getByRole('heading', { level: 1, name: 'EDM Sunset Festival Đà Nẵng' }).waitFor();

  // Enough events for a second page of the catalogue (6 a page).
  const extra = ['Workshop Nhiếp ảnh Phố cổ', 'Hội thảo Khởi nghiệp Xanh', 'Triển lãm Gốm Bát Tràng', 'Liveshow Jazz Mùa Thu'];
  for (const [i, title] of extra.entries()) {
    await createEvent({ title, slug: `su-kien-them-${i}`, category: 'Tech', days: 30 + i, thumb: '/img/events/vietnam-tech-summit-2026-thumb.svg', types: [{ name: 'Vé thường', price: 200000, quantity_total: 100 }] });
  }

  await page.getByRole('link', { name: 'Tất cả sự kiện' }).click();
  await page.waitForURL(/\/events$/);
  await page.getByText('7 sự kiện').waitFor();
  const nav = page.getByRole('navigation', { name: 'Phân trang' });
  await nav.getByText('Trang 1 / 2').waitFor();
  await nav.getByRole('button', { name: 'Trang sau' }).click();
  await nav.getByText('Trang 2 / 2').waitFor();
  assert.match(page.url(), /page=2/);
  assert.equal(await page.getByRole('article').count(), 1);

  // Search folds diacritics: "hoi cho" finds "Hội chợ".
  await page.getByRole('searchbox', { name: 'Tìm sự kiện' }).fill('hoi cho');
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await page.getByText('1 sự kiện', { exact: true }).waitFor();
  const card = page.getByRole('article');
  await card.getByRole('link', { name: 'Hội chợ Ẩm thực Sài Gòn' }).waitFor();
  await card.getByText('50.000 ₫').waitFor();

  // Category filter.
  await page.getByRole('searchbox', { name: 'Tìm sự kiện' }).fill('');
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await page.getByLabel('Thể loại').selectOption({ label: 'Âm nhạc' });
  await page.getByText('1 sự kiện', { exact: true }).waitFor();
  await page.getByRole('link', { name: 'EDM Sunset Festival Đà Nẵng' }).waitFor();
  await page.getByLabel('Thể loại').selectOption({ label: 'Tất cả thể loại' });
  await page.getByText('7 sự kiện').waitFor();
  await shot(page, 'events');

  await page.getByRole('link', { name: 'EDM Sunset Festival Đà Nẵng' }).click();
  await page.waitForURL(/\/events\/edm-sunset-festival-da-nang$/);
  const vip = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'VIP' }) });
  await vip.getByText('2.000.000 ₫').waitFor();
  assert.equal(await vip.locator('s').textContent(), 'Giá gốc: 2.500.000 ₫', 'the original price is struck through');
  await page.getByRole('button', { name: 'Thêm một vé GA' }).click();
  await page.getByRole('button', { name: 'Thêm một vé GA' }).click();
  assert.equal(await page.getByLabel('Số lượng vé GA').inputValue(), '2');
  await page.getByText('1.600.000 ₫').waitFor();
  await shot(page, 'event');
  // A visitor is asked to log in first, and comes back to the event.
  await page.getByRole('button', { name: 'Đăng nhập để mua vé' }).click();
  await page.waitForURL(/\/login\?next=%2Fevents%2Fedm-sunset-festival-da-nang/);
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('a new user registers, buys 2 tickets, pays in the sandbox and finds 2 QR codes in the wallet', async () => {
  const page = await newPage(browser, server);
  await page.goto('/register');
  await page.getByLabel('Họ và tên').fill('Lý Thu Thảo');
  await page.getByLabel('Email').fill('thao.ly@example.com');
  await page.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-moi-1');
  await page.getByRole('button', { name: 'Đăng ký' }).click();
  await page.waitForURL(server.baseURL + '/');
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();

  await page.goto('/events/hoi-cho-am-thuc-sai-gon');
  const more = page.getByRole('button', { name: 'Thêm một vé Vé ngày', exact: true });
  await more.click();
  await more.click();
  await page.getByText('100.000 ₫', { exact: true }).waitFor();
  // A double click on Buy makes one order.
  await page.getByRole('button', { name: 'Mua vé' }).dblclick();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  await page.getByText('Chờ thanh toán').waitFor();
  const timer = page.getByRole('timer', { name: 'Thời gian giữ vé còn lại' });
  const first = await timer.innerText();
  assert.match(first, /^1[45]:\d\d$/);
  await page.waitForFunction((t) => document.querySelector('[role=timer]').textContent !== t, first);
  const token = await page.evaluate(() => localStorage.getItem('evient.token'));
  const { data: orders } = await server.api.get('/api/orders', { token });
  assert.equal(orders.length, 1, 'one order however often Buy was clicked');

  await page.getByRole('button', { name: /^Thanh toán/ }).click();
  await page.waitForURL(/\/checkout\/sandbox\/[0-9a-f-]{36}\?sig=/);
  await page.getByRole('heading', { name: 'Thanh toán đơn hàng' }).waitFor();
  await page.getByText('không có tiền thật được chuyển').waitFor();
  await shot(page, 'pay-sandbox');
  await page.getByRole('button', { name: 'Thanh toán', exact: true }).click();
  await page.getByText('Thanh toán thành công. Vé đã có trong ví của bạn.').waitFor();

  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  await page.getByText('Đã thanh toán', { exact: true }).waitFor();
  const tickets = page.getByRole('region', { name: 'Vé của đơn' });
  assert.equal(await tickets.getByRole('listitem').count(), 2);
  await shot(page, 'order-paid');

  await page.getByRole('link', { name: 'Mở ví vé' }).click();
  await page.waitForURL(/\/wallet$/);
  const qrs = page.getByRole('img', { name: /^Mã QR của vé / });
  await qrs.nth(1).waitFor();
  assert.equal(await qrs.count(), 2);
  await page.waitForFunction(() => [...document.querySelectorAll('img[alt^="Mã QR"]')].every((i) => i.complete && i.naturalWidth > 0));
  for (const box of [await qrs.nth(0).boundingBox(), await qrs.nth(1).boundingBox()]) assert.ok(box.width >= 240, `QR ${box.width}px wide`);
  const codes = tickets ? await page.getByText(/^[A-Z0-9-]{6,}$/).allInnerTexts() : [];
  assert.ok(codes.length >= 2, 'the codes are shown as text');
  await shot(page, 'wallet-new-buyer');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('a sold-out ticket type reads "Hết vé" and cannot be bought', async () => {
  const binh = await server.api.login({ email: 'binh.tran@example.com', password: 'password123' });
  const { types } = await createEvent({
    title: 'Đêm nhạc Acoustic Hồ Gươm',
    slug: 'dem-nhac-acoustic-ho-guom',
    types: [
      { name: 'Ghế đầu', price: 900000, original_price: 1200000, quantity_total: 1 },
      { name: 'Vé thường', price: 300000, quantity_total: 50 },
    ],
  });
  await buy(binh.token, [{ ticket_type_id: types[0].id, quantity: 1 }]);
  const all = await createEvent({ title: 'Hoà nhạc Mùa Xuân', slug: 'hoa-nhac-mua-xuan', types: [{ name: 'Vé duy nhất', price: 500000, quantity_total: 1 }] });
  await payThroughSandbox(await buy(binh.token, [{ ticket_type_id: all.types[0].id, quantity: 1 }]));

  const session = await server.api.login({ email: 'cuong.le@example.com', password: 'password123' });
  const page = await newPage(browser, server, { session });
  await page.goto('/events/dem-nhac-acoustic-ho-guom');
  const front = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Ghế đầu/ }) });
  await front.getByText('Hết vé').waitFor();
  assert.ok(await page.getByRole('button', { name: 'Thêm một vé Ghế đầu' }).isDisabled());
  assert.ok(await page.getByLabel('Số lượng vé Ghế đầu').isDisabled());
  assert.ok(await page.getByRole('button', { name: 'Thêm một vé Vé thường' }).isEnabled());
  await shot(page, 'event-sold-out-type');

  await page.goto('/events/hoa-nhac-mua-xuan');
  await page.getByText('Sự kiện đã bán hết vé.').waitFor();
  assert.ok(await page.getByRole('button', { name: 'Mua vé' }).isDisabled());
  assert.ok(await page.getByRole('button', { name: 'Thêm một vé Vé duy nhất' }).isDisabled());

  await page.goto('/events?search=hoa%20nhac%20mua%20xuan');
  await page.getByRole('article').getByText('Hết vé').waitFor();
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('an expired session leads to the login page and back to the wallet', async () => {
  // An also holds two upcoming tickets, paid in the sandbox.
  const an = await server.api.login(kUser);
  const { data: edm } = await server.api.get('/api/events/edm-sunset-festival-da-nang');
  const vip = edm.ticket_types.find((t) => t.name === 'VIP');
  await payThroughSandbox(await buy(an.token, [{ ticket_type_id: vip.id, quantity: 2 }]));

  const page = await newPage(browser, server, { session: { token: 'het-han.khong-hop-le.chu-ky', user: an.user } });
  await page.goto('/wallet');
  await page.waitForURL(/\/login\?next=%2Fwallet$/);
  assert.equal(await page.evaluate(() => localStorage.getItem('evient.token')), null, 'the 401 cleared the token');
  await loginThroughForm(page, kUser);
  await page.waitForURL(/\/wallet$/);
  await page.getByRole('heading', { name: 'Ví vé' }).waitFor();
  await page.getByRole('heading', { name: /Sắp diễn ra/ }).waitFor();
  await page.getByRole('heading', { name: /Đã qua/ }).waitFor();
  const qrs = page.getByRole('img', { name: /^Mã QR của vé / });
  await qrs.nth(3).waitFor();
  assert.equal(await qrs.count(), 4);
  await page.waitForFunction(() => [...document.querySelectorAll('img[alt^="Mã QR"]')].every((i) => i.complete && i.naturalWidth > 0));
  await shot(page, 'wallet');

  // The status filter.
  await page.getByRole('button', { name: 'Đã sử dụng' }).click();
  await page.getByText('2 vé').first().waitFor();
  assert.equal(await page.getByText('Đã check-in', { exact: true }).count(), 2);
  assert.equal(await page.getByRole('heading', { name: /Sắp diễn ra/ }).count(), 0);
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('buying more than is left reads as a sentence; a pending order can be cancelled', async () => {
  const binh = await server.api.login({ email: 'binh.tran@example.com', password: 'password123' });
  const { types } = await createEvent({ title: 'Workshop Pha chế Cà phê', slug: 'workshop-pha-che-ca-phe', category: 'Food', types: [{ name: 'Suất học', price: 350000, quantity_total: 3 }] });

  const session = await server.api.login({ email: 'dung.pham@example.com', password: 'password123' });
  const page = await newPage(browser, server, { session });
  await page.goto('/events/workshop-pha-che-ca-phe');
  // The organiser's HTML is rendered as HTML.
  await page.getByRole('heading', { level: 2, name: 'Chương trình' }).waitFor();
  await page.getByRole('listitem').filter({ hasText: 'Mở cửa 18:00' }).waitFor();
  const more = page.getByRole('button', { name: 'Thêm một vé Suất học' });
  for (let i = 0; i < 3; i++) await more.click();
  assert.ok(await more.isDisabled(), 'no more than what is left');
  // Meanwhile someone else takes two seats.
  await buy(binh.token, [{ ticket_type_id: types[0].id, quantity: 2 }]);
  await page.getByRole('button', { name: 'Mua vé' }).click();
  await page.getByRole('alert').getByText('Chỉ còn 1 vé cho loại bạn chọn.').waitFor();
  assert.equal(await page.getByLabel('Số lượng vé Suất học').inputValue(), '1', 'the picker follows what is left');
  await shot(page, 'event-insufficient');

  await page.getByRole('button', { name: 'Mua vé' }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  await page.getByText('Chờ thanh toán').waitFor();
  await page.getByRole('button', { name: 'Huỷ đơn' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('Huỷ đơn hàng này?').waitFor();
  await dialog.getByRole('button', { name: 'Huỷ đơn' }).click();
  await page.getByText('Đã huỷ', { exact: true }).waitFor();
  await page.getByText('Đơn hàng đã bị huỷ và vé đã được trả lại.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Huỷ đơn' }).count(), 0);
  await shot(page, 'order-cancelled');

  // The seat is free again.
  await page.goto('/events/workshop-pha-che-ca-phe');
  await page.getByText('Chỉ còn 1 vé').waitFor();
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('notifications are marked read one by one and all at once; the profile changes name and password; orders are listed', async () => {
  const ha = await server.api.login({ email: 'ha.hoang@example.com', password: 'password123' });
  for (const title of ['Đổi giờ mở cửa', 'Ưu đãi cuối tuần']) {
    await server.api.post('/api/admin/notifications', { title, message: `${title}: xem chi tiết trong ứng dụng.`, type: 'promotion', user_ids: [ha.user.id] }, { token: admin.token });
  }
  const unread = (await server.api.get('/api/notifications?limit=1', { token: ha.token })).unread_count;
  assert.ok(unread >= 3);

  const page = await newPage(browser, server, { session: ha });
  await page.goto('/notifications');
  await page.getByText(`Bạn có ${unread} thông báo chưa đọc.`).waitFor();
  const badge = page.getByRole('navigation', { name: 'Điều hướng chính' }).getByLabel(`${unread} thông báo chưa đọc`);
  await badge.first().waitFor();
  await shot(page, 'notifications');
  await page.getByRole('button', { name: 'Đánh dấu đã đọc: Ưu đãi cuối tuần' }).click();
  await page.getByText(`Bạn có ${unread - 1} thông báo chưa đọc.`).waitFor();
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByLabel(`${unread - 1} thông báo chưa đọc`).first().waitFor();
  await page.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
  await page.getByText('Bạn đã đọc hết thông báo.').waitFor();
  assert.equal(await page.getByRole('button', { name: /^Đánh dấu đã đọc/ }).count(), 0);
  assert.equal(await page.getByLabel(/thông báo chưa đọc$/).count(), 0, 'the badge is gone');

  await page.goto('/profile');
  await page.getByLabel('Họ và tên').fill('Hoàng Thu Hà (Hà Nội)');
  await page.getByLabel('Ảnh đại diện (URL)').fill('ftp://anh.example/ha.png');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.getByText('Đường dẫn phải bắt đầu bằng http:// hoặc https://').waitFor();
  await page.getByLabel('Ảnh đại diện (URL)').fill('');
  await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
  await page.getByText('Đã lưu thông tin tài khoản.').waitFor();
  assert.equal((await server.api.get('/api/users/profile', { token: ha.token })).data.user.full_name, 'Hoàng Thu Hà (Hà Nội)');

  await page.getByLabel('Mật khẩu hiện tại').fill('sai-mat-khau');
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-moi-2');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-2');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await page.getByText('Mật khẩu hiện tại không đúng.').waitFor();
  await page.getByLabel('Mật khẩu hiện tại').fill('password123');
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await page.getByText('Đã đổi mật khẩu.', { exact: false }).waitFor();
  await shot(page, 'profile');
  // The fresh token keeps this device signed in.
  await page.goto('/orders');
  await page.getByRole('heading', { name: 'Lịch sử đơn hàng' }).waitFor();
  await page.getByRole('link', { name: 'Hội chợ Ẩm thực Sài Gòn' }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  await page.getByText('Đã thanh toán', { exact: true }).waitFor();
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});
