// The signed-in person: the token and the user it belongs to, kept in
// localStorage so a reload keeps the session. Pages read it; only the login,
// register, profile and logout flows (and the API client's 401 rule) write it.
const kTokenKey = 'evient.token';
const kUserKey = 'evient.user';
const listeners = new Set();

export function token() {
  return localStorage.getItem(kTokenKey);
}

export function currentUser() {
  try {
    return JSON.parse(localStorage.getItem(kUserKey) || 'null');
  } catch {
    return null;
  }
}

// The token's issue and expiry times (seconds), read from its payload; the
// server checks the signature, the client only needs to know when to renew.
export function tokenTimes(t = token()) {
  try {
    const part = t.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const { iat, exp } = JSON.parse(atob(part));
    return typeof exp === 'number' ? { iat: typeof iat === 'number' ? iat : exp - 3600, exp } : null;
  } catch {
    return null;
  }
}

export function isLoggedIn() {
  return Boolean(token());
}

export function isAdmin() {
  return currentUser()?.role === 'admin';
}

export function setSession(newToken, user) {
  if (newToken) localStorage.setItem(kTokenKey, newToken);
  if (user) localStorage.setItem(kUserKey, JSON.stringify(user));
  notify();
}

export function clearSession() {
  localStorage.removeItem(kTokenKey);
  localStorage.removeItem(kUserKey);
  notify();
}

// Called with no arguments whenever the session changes (also in other tabs).
export function onSessionChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function notify() {
  for (const fn of listeners) fn();
}

window.addEventListener('storage', (e) => {
  if (e.key === kTokenKey || e.key === kUserKey) notify();
});
