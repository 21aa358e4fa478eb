// The door's sound and vibration: a rising two-note beep for a ticket that lets
// someone in, a low buzz for a refusal. Tones are generated with Web Audio (no
// sound files to load on a bad network). Browsers only let a page make sound
// after a person touched it, so the context is created on the first gesture.
let ctx = null;

function context() {
  if (ctx) return ctx;
  const AC = window.AudioContext || window.webkitAudioContext;
  if (!AC) return null;
  try {
    ctx = new AC();
  } catch {
    ctx = null;
  }
  return ctx;
}

// Call from a user gesture (click, keydown): creates or resumes the context.
export function primeAudio() {
  const c = context();
  if (c && c.state === 'suspended') c.resume().catch(() => {});
}

// Listens for the first gestures on the page; returns a function that stops.
export function primeOnGesture() {
  const onGesture = () => primeAudio();
  const kinds = ['pointerdown', 'keydown', 'touchend'];
  for (const k of kinds) document.addEventListener(k, onGesture, { capture: true, passive: true });
  return () => {
    for (const k of kinds) document.removeEventListener(k, onGesture, { capture: true });
  };
}

function tone(c, { freq, to = freq, start, length, type = 'sine', volume = 0.25 }) {
  const osc = c.createOscillator();
  const gain = c.createGain();
  osc.type = type;
  osc.frequency.setValueAtTime(freq, start);
  if (to !== freq) osc.frequency.linearRampToValueAtTime(to, start + length);
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(volume, start + 0.015);
  gain.gain.setValueAtTime(volume, start + length - 0.03);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
  osc.connect(gain).connect(c.destination);
  osc.start(start);
  osc.stop(start + length + 0.02);
}

const kPatterns = {
  ok: { vibrate: [90], tones: [{ freq: 880, to: 1175, at: 0, length: 0.12 }, { freq: 1319, at: 0.13, length: 0.16 }] },
  refuse: {
    vibrate: [280, 90, 280, 90, 280],
    tones: [
      { freq: 150, at: 0, length: 0.22, type: 'square', volume: 0.18 },
      { freq: 150, at: 0.3, length: 0.35, type: 'square', volume: 0.18 },
    ],
  },
  warn: { vibrate: [200, 120, 200], tones: [{ freq: 440, to: 330, at: 0, length: 0.3, type: 'triangle' }] },
};

// kind: 'ok' | 'refuse' | 'warn'. Never throws: feedback is a bonus.
export function feedback(kind) {
  const p = kPatterns[kind] || kPatterns.warn;
  try {
    if (navigator.vibrate) navigator.vibrate(p.vibrate);
  } catch {
    // Some browsers refuse vibration without a recent gesture.
  }
  const c = context();
  if (!c || c.state !== 'running') return;
  try {
    const now = c.currentTime + 0.01;
    for (const t of p.tones) tone(c, { ...t, start: now + t.at });
  } catch {
    // No sound is better than a broken scanner.
  }
}

export function closeAudio() {
  if (ctx) ctx.close().catch(() => {});
  ctx = null;
}
