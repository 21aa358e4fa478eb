// Every page of the app: its URL, its frame, who may see it, and its module
// (loaded on first visit, so the home page carries no organiser code).
//   auth:  a visitor is sent to the login page and back
//   admin: a signed-in non-admin sees the 403 page
export const routes = [
  { path: '/', frame: 'site', load: () => import('./pages/home.js') },
  { path: '/events', frame: 'site', load: () => import('./pages/events.js') },
  { path: '/events/:slug', frame: 'site', load: () => import('./pages/event.js') },
  { path: '/login', frame: 'site', load: () => import('./pages/login.js') },
  { path: '/register', frame: 'site', load: () => import('./pages/register.js') },
  { path: '/checkout/sandbox/:id', frame: 'site', load: () => import('./pages/pay_sandbox.js') },
  { path: '/orders', frame: 'site', auth: true, load: () => import('./pages/orders.js') },
  { path: '/orders/:id', frame: 'site', auth: true, load: () => import('./pages/order.js') },
  { path: '/wallet', frame: 'site', auth: true, load: () => import('./pages/wallet.js') },
  { path: '/notifications', frame: 'site', auth: true, load: () => import('./pages/notifications.js') },
  { path: '/profile', frame: 'site', auth: true, load: () => import('./pages/profile.js') },

  { path: '/admin', frame: 'admin', admin: true, load: () => import('./pages/admin/dashboard.js') },
  { path: '/admin/events', frame: 'admin', admin: true, load: () => import('./pages/admin/events.js') },
  { path: '/admin/events/new', frame: 'admin', admin: true, load: () => import('./pages/admin/event_edit.js') },
  { path: '/admin/events/:id', frame: 'admin', admin: true, load: () => import('./pages/admin/event_edit.js') },
  { path: '/admin/events/:id/seating', frame: 'admin', admin: true, load: () => import('./pages/admin/event_seating.js') },
  { path: '/admin/rooms', frame: 'admin', admin: true, load: () => import('./pages/admin/rooms.js') },
  { path: '/admin/rooms/:id', frame: 'admin', admin: true, load: () => import('./pages/admin/rooms.js') },
  { path: '/admin/orders', frame: 'admin', admin: true, load: () => import('./pages/admin/orders.js') },
  { path: '/admin/orders/:id', frame: 'admin', admin: true, load: () => import('./pages/admin/order.js') },
  { path: '/admin/users', frame: 'admin', admin: true, load: () => import('./pages/admin/users.js') },
  { path: '/admin/banners', frame: 'admin', admin: true, load: () => import('./pages/admin/banners.js') },
  { path: '/admin/notifications', frame: 'admin', admin: true, load: () => import('./pages/admin/broadcast.js') },
  { path: '/admin/audit', frame: 'admin', admin: true, load: () => import('./pages/admin/audit.js') },

  { path: '/door', frame: 'bare', admin: true, load: () => import('./pages/door.js') },
];
