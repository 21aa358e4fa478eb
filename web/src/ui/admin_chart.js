// The dashboard's revenue-by-day chart: a plain inline SVG (no chart library),
// one bar per day, a few value gridlines and a date under every fifth day.
// Each day carries a <title>, so hovering (or a long press) tells its amount.
import { svg } from 'lit-html';
import { html } from './components.js';
import { money } from '../format.js';
import { ta } from '../i18n/admin.js';

const kWidth = 720;
const kHeight = 260;
const kLeft = 72;
const kRight = 8;
const kTop = 14;
const kBottom = 30;

const compact = new Intl.NumberFormat('vi-VN', { notation: 'compact', maximumFractionDigits: 1 });

// 0, 1, 2, 2.5, 5 times a power of ten: gridlines at round amounts.
function niceMax(v) {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

// "2026-11-30" → "30/11" without any time-zone shift (the API's days are UTC days).
const dayLabel = (date) => {
  const [, m, d] = String(date).split('-');
  return `${d}/${m}`;
};

export function revenueChart(days) {
  const total = days.reduce((s, d) => s + Number(d.revenue || 0), 0);
  const max = niceMax(Math.max(0, ...days.map((d) => Number(d.revenue || 0))));
  const plotW = kWidth - kLeft - kRight;
  const plotH = kHeight - kTop - kBottom;
  const step = plotW / Math.max(1, days.length);
  const barW = Math.max(2, step * 0.7);
  const y = (v) => kTop + plotH - (v / max) * plotH;
  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);

  return html`<svg viewBox="0 0 ${kWidth} ${kHeight}" class="h-auto w-full" role="img" aria-label=${ta.dashboard.chartLabel(money(total))}>
    ${grid.map(
      (v) => svg`<g>
        <line x1=${kLeft} x2=${kWidth - kRight} y1=${y(v)} y2=${y(v)} class="stroke-slate-200" stroke-width="1" />
        <text x=${kLeft - 8} y=${y(v) + 4} text-anchor="end" font-size="11" class="fill-slate-500">${v === 0 ? '0' : `${compact.format(v)} ₫`}</text>
      </g>`,
    )}
    ${days.map((d, i) => {
      const v = Number(d.revenue || 0);
      const x = kLeft + i * step;
      const h = Math.max(0, y(0) - y(v));
      return svg`<g>
        <title>${ta.dashboard.chartBar(dayLabel(d.date), money(v), d.tickets ?? 0)}</title>
        <rect x=${x} y=${kTop} width=${step} height=${plotH} fill="transparent" />
        <rect x=${x + (step - barW) / 2} y=${y(v)} width=${barW} height=${h} rx="2" class="fill-brand-500" />
        ${i % 5 === 4 || i === 0
          ? svg`<text x=${x + step / 2} y=${kHeight - 10} text-anchor="middle" font-size="11" class="fill-slate-500">${dayLabel(d.date)}</text>`
          : ''}
      </g>`;
    })}
    <line x1=${kLeft} x2=${kWidth - kRight} y1=${y(0)} y2=${y(0)} class="stroke-slate-400" stroke-width="1" />
  </svg>`;
}
