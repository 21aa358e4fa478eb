// The organiser's event life cycle, end to end: create an event in the admin
// screens, add two ticket types, publish it, find it on the public site; a
// buyer pays for tickets; the organiser downloads the attendee list, cancels
// the event (the confirmation names the one paid order to refund) and the
// buyer's wallet shows the tickets cancelled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServer, launchBrowser, newPage, screenshot, kAdmin, kUser } from './support/harness.mjs';

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

// "YYYY-MM-DDTHH:mm" for a datetime-local input, `days` from now at `hour`.
function localInput(days, hour) {
  const d = new Date(Date.now() + days * 86400000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:00`;
}

async function addType(page, { name, price, quantity }) {
  await page.getByRole('button', { name: 'Thêm loại vé' }).click();
  const dlg = page.getByRole('dialog', { name: 'Thêm loại vé' });
  await dlg.getByLabel('Tên loại vé').fill(name);
  await dlg.getByLabel('Giá (₫)').fill(String(price));
  await dlg.getByLabel('Tổng số vé').fill(String(quantity));
  await dlg.getByRole('button', { name: 'Thêm loại vé' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.getByRole('cell', { name, exact: true }).waitFor();
}

test('the organiser creates, publishes and cancels an event; the buyer is refunded', async () => {
  const admin = await server.api.login(kAdmin);
  const page = await newPage(browser, server, { desktop: true, session: admin });
  const title = 'Đêm nhạc Mùa Thu Hà Nội';

  // Create the event through the form.
  await page.goto('/admin/events');
  await page.getByRole('link', { name: 'Tạo sự kiện' }).click();
  await page.getByRole('heading', { name: 'Tạo sự kiện mới' }).waitFor();
  await page.getByLabel('Tên sự kiện').fill(title);
  await page.getByLabel('Danh mục').fill('music');
  await page.getByLabel('Địa điểm').fill('Nhà hát Lớn Hà Nội, 1 Tràng Tiền');
  await page.getByLabel('Bắt đầu').fill(localInput(20, 19));
  await page.getByLabel('Kết thúc').fill(localInput(20, 22));
  await page.getByLabel('Mô tả ngắn').fill('Những ca khúc mùa thu bất hủ dưới ánh đèn nhà hát.');
  await page.getByLabel('Nội dung chi tiết (HTML)').fill('<h2>Chương trình</h2><p>Ca sĩ <strong>Hồng Nhung</strong> và dàn nhạc giao hưởng.</p><script>alert(1)</script>');
  await page.getByRole('button', { name: 'Xem trước nội dung' }).click();
  const preview = page.frameLocator('iframe[title="Xem trước nội dung sự kiện"]');
  await preview.getByRole('heading', { name: 'Chương trình' }).waitFor();
  assert.equal(await page.locator('iframe[title="Xem trước nội dung sự kiện"]').getAttribute('sandbox'), '');
  await page.getByLabel('Sự kiện nổi bật').check();
  await page.getByRole('button', { name: 'Tạo sự kiện', exact: true }).click();

  // Now on the event's own page, as a draft.
  await page.waitForURL(/\/admin\/events\/[0-9a-f-]{36}$/);
  const eventId = page.url().split('/').pop();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.getByText('Bản nháp').first().waitFor();

  await addType(page, { name: 'Vé Thường', price: 300000, quantity: 100 });
  await addType(page, { name: 'Vé VIP', price: 800000, quantity: 20 });

  // Publish.
  await page.getByRole('button', { name: 'Mở bán' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Mở bán' }).click();
  await page.getByText('Đang mở bán').first().waitFor();
  await screenshot(page, 'admin-event-edit');

  // The server kept the fields and sanitised the content.
  const { data: saved } = await server.api.get(`/api/admin/events/${eventId}`, { token: admin.token });
  assert.equal(saved.status, 'published');
  assert.equal(saved.category, 'music');
  assert.equal(saved.is_hot, true);
  assert.ok(!/script/i.test(saved.content), 'content is sanitised');

  // Found on the public site.
  const visitor = await newPage(browser, server);
  await visitor.goto(`/events/${saved.slug}`);
  await visitor.getByRole('heading', { name: title }).waitFor();
  const text = await visitor.locator('main').innerText();
  assert.match(text, /Vé Thường/);
  assert.match(text, /Vé VIP/);
  assert.deepEqual(visitor.jsErrors, []);
  await visitor.context().close();

  // A buyer pays for two tickets (arranged through the API).
  const buyer = await server.api.login(kUser);
  const vip = saved.ticket_types.find((x) => x.name === 'Vé VIP');
  const { data: bought } = await server.api.post('/api/orders', { ticket_items: [{ ticket_type_id: vip.id, quantity: 2 }] }, { token: buyer.token });
  const sig = new URL(bought.payment.url).searchParams.get('sig');
  await server.api.post(`/api/payments/sandbox/${bought.order.id}/complete`, { sig, action: 'pay' });

  // The attendee list downloads with the buyer's tickets.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải danh sách người tham dự (CSV)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `attendees-${saved.slug}.csv`);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  assert.equal(csv.trim().split('\n').length, 3, 'a header and two tickets');
  assert.match(csv, new RegExp(kUser.email));

  // Cancel: the confirmation says one paid order will be refunded.
  await page.getByRole('button', { name: 'Huỷ sự kiện' }).click();
  const dlg = page.getByRole('dialog');
  await dlg.getByText('1 đơn hàng đã thanh toán sẽ được hoàn tiền').waitFor();
  await screenshot(page, 'admin-event-cancel-confirm');
  await dlg.getByRole('button', { name: 'Huỷ sự kiện' }).click();
  const summary = page.getByRole('status').filter({ hasText: 'Sự kiện đã bị huỷ' });
  await summary.getByText('1 đơn hàng đã được hoàn tiền').waitFor();
  await summary.getByText('2 vé đã bị huỷ').waitFor();
  await page.getByText('Đã huỷ').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Huỷ sự kiện' }).count(), 0);
  await screenshot(page, 'admin-event-cancelled');
  assert.deepEqual(page.jsErrors, []);

  // The buyer's wallet shows the two tickets cancelled.
  const { data: order } = await server.api.get(`/api/orders/${bought.order.id}`, { token: buyer.token });
  assert.equal(order.status ?? order.order?.status, 'refunded');
  const wallet = await newPage(browser, server, { session: buyer });
  await wallet.goto('/wallet?status=cancelled');
  await wallet.getByText(title).first().waitFor();
  const { data: tickets } = await server.api.get('/api/users/tickets?status=cancelled', { token: buyer.token });
  assert.equal(tickets.filter((x) => x.event.id === eventId).length, 2);
  await screenshot(wallet, 'admin-event-cancelled-wallet');
  assert.deepEqual(wallet.jsErrors, []);
  await wallet.context().close();
  await page.context().close();
});
