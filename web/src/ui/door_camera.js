// The door's camera: the back camera into a <video>, QR codes read from it with
// the browser's BarcodeDetector where it exists, otherwise with jsQR (fetched
// only when a camera starts, so no other page pays for it). Frames are decoded
// a few times a second, not at every frame, to spare a phone's battery.
const kIntervalMs = 200;
// jsQR reads a downscaled frame: a QR held at the door fills much of the view.
const kMaxDecodeWidth = 640;

async function makeDecoder() {
  if ('BarcodeDetector' in window) {
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (formats.includes('qr_code')) {
        const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
        return async (video) => {
          const codes = await detector.detect(video);
          return codes.length ? codes[0].rawValue : null;
        };
      }
    } catch {
      // Fall through to jsQR.
    }
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const g = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    const vw = video.videoWidth;
    const vh = video.videoHeight;
    if (!vw || !vh) return null;
    const scale = Math.min(1, kMaxDecodeWidth / vw);
    const w = Math.round(vw * scale);
    const h = Math.round(vh * scale);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    g.drawImage(video, 0, 0, w, h);
    const img = g.getImageData(0, 0, w, h);
    const found = jsQR(img.data, w, h, { inversionAttempts: 'dontInvert' });
    return found ? found.data : null;
  };
}

function errorKind(e) {
  if (!window.isSecureContext) return 'insecure';
  if (e && (e.name === 'NotAllowedError' || e.name === 'SecurityError')) return 'denied';
  return 'unavailable';
}

// onCode(text) is called for each decoded code while not paused;
// onState({state: 'idle'|'starting'|'running'|'error', error?}) on changes.
export function createScanner({ video, onCode, onState }) {
  let stream = null;
  let timer = null;
  let decode = null;
  let paused = false;
  let stopped = true;
  let run = 0;

  const setState = (state, error) => onState?.({ state, error });

  async function tick(mine) {
    if (mine !== run || stopped) return;
    if (!paused && decode && video.readyState >= 2) {
      try {
        const text = await decode(video);
        if (mine !== run || stopped) return;
        if (text && !paused) onCode(text);
      } catch {
        // A frame that cannot be read is skipped.
      }
    }
    if (mine === run && !stopped) timer = setTimeout(() => tick(mine), kIntervalMs);
  }

  async function start() {
    const mine = ++run;
    stopped = false;
    setState('starting');
    if (!navigator.mediaDevices?.getUserMedia) {
      stopped = true;
      setState('error', errorKind(null) === 'insecure' ? 'insecure' : 'unavailable');
      return;
    }
    try {
      const s = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
      });
      if (mine !== run) {
        s.getTracks().forEach((t) => t.stop());
        return;
      }
      stream = s;
      video.srcObject = s;
      video.muted = true;
      video.setAttribute('playsinline', '');
      await video.play().catch(() => {});
      decode = decode || (await makeDecoder());
      if (mine !== run) return;
      setState('running');
      tick(mine);
    } catch (e) {
      if (mine !== run) return;
      release();
      stopped = true;
      setState('error', errorKind(e));
    }
  }

  function release() {
    clearTimeout(timer);
    timer = null;
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
    video.srcObject = null;
  }

  function stop() {
    run++;
    stopped = true;
    release();
    setState('idle');
  }

  return {
    start,
    stop,
    pause: (p) => {
      paused = p;
    },
    get running() {
      return !stopped;
    },
  };
}
