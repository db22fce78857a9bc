// Request rate, latency and errors per operation, and DAX-style cache hit rates, charted from the
// server's own Prometheus metrics (GET /metrics), sampled every few seconds.
import { useEffect, useState } from 'preact/hooks';
import { html } from './html.js';
import { metricsText } from './api.js';
import { ErrorBox, formatCount } from './ui.js';

const SAMPLE_MS = 2000;
const KEEP = 90;
const SERIES = 6;
const COLOURS = ['#2f6fde', '#e8710a', '#1e8e3e', '#d93025', '#9334e6', '#12a4af', '#a142f4'];
const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/** Prometheus text format as [{ name, labels, value }]. */
export function parseMetrics(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const labels = {};
    for (const l of (m[2] || '').matchAll(LABEL)) labels[l[1]] = l[2];
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return samples;
}

/** Cumulative totals per action (requests, seconds, errors) and per cache (hits, misses). */
export function totals(samples) {
  const actions = {};
  const caches = {};
  const action = (a) => (actions[a] ||= { count: 0, seconds: 0, errors: 0 });
  for (const s of samples) {
    if (s.name === 'dynarocks_requests_seconds_count') action(s.labels.action).count += s.value;
    else if (s.name === 'dynarocks_requests_seconds_sum') action(s.labels.action).seconds += s.value;
    else if (s.name === 'dynarocks_errors_total') action(s.labels.action).errors += s.value;
    else if (s.name === 'dynarocks_dax_cache_hits_total') (caches[s.labels.cache] ||= { hits: 0, misses: 0 }).hits += s.value;
    else if (s.name === 'dynarocks_dax_cache_misses_total') (caches[s.labels.cache] ||= { hits: 0, misses: 0 }).misses += s.value;
  }
  return { actions, caches };
}

/** What happened between two scrapes: rates per second, mean latency in ms, hit ratio in %. */
function delta(before, after, seconds) {
  const actions = {};
  for (const [name, a] of Object.entries(after.actions)) {
    const b = before.actions[name] || { count: 0, seconds: 0, errors: 0 };
    const n = a.count - b.count;
    actions[name] = { rate: n / seconds, latency: n > 0 ? ((a.seconds - b.seconds) / n) * 1000 : null,
      errors: (a.errors - b.errors) / seconds };
  }
  const caches = {};
  for (const [name, c] of Object.entries(after.caches)) {
    const b = before.caches[name] || { hits: 0, misses: 0 };
    const lookups = c.hits - b.hits + c.misses - b.misses;
    caches[name] = { hitRate: lookups > 0 ? ((c.hits - b.hits) / lookups) * 100 : null };
  }
  return { actions, caches };
}

function Chart({ id, title, unit, points, series }) {
  const width = 420;
  const height = 150;
  const values = points.flatMap((p) => series.map((s) => s.value(p))).filter((v) => v != null);
  const max = Math.max(unit === '%' ? 100 : 0, ...values) || 1;
  // The newest sample at the right edge; older ones move left.
  const x = (i) => ((KEEP - points.length + i) / (KEEP - 1)) * width;
  const y = (v) => height - (v / max) * (height - 10);
  const label = max >= 100 ? max.toFixed(0) : max.toPrecision(2);
  return html`<figure class="chart" id=${id}>
    <figcaption><strong>${title}</strong> <span class="muted small">(max ${label} ${unit})</span></figcaption>
    <svg viewBox="0 0 ${width} ${height}" width="100%" height=${height} role="img" aria-label=${title}>
      <line x1="0" y1=${height - 0.5} x2=${width} y2=${height - 0.5} stroke="currentColor" stroke-opacity=".2" />
      ${series.map((s, k) => {
        const coordinates = points.map((p, i) => [i, s.value(p)]).filter(([, v]) => v != null)
          .map(([i, v]) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
        const last = coordinates.split(' ').pop();
        return html`<polyline fill="none" stroke=${COLOURS[k % COLOURS.length]} stroke-width="1.5" points=${coordinates} />
          ${last ? html`<circle cx=${last.split(',')[0]} cy=${last.split(',')[1]} r="2.5" fill=${COLOURS[k % COLOURS.length]} />` : null}`;
      })}
    </svg>
    <div class="legend">${series.map((s, k) => html`<span style="--swatch: ${COLOURS[k % COLOURS.length]}">${s.name}</span>`)}</div>
  </figure>`;
}

export function MetricsPage() {
  const [state, setState] = useState({ points: [], current: null });
  const [error, setError] = useState(null);
  useEffect(() => {
    let stopped = false;
    let timer;
    let previous = null;
    const sample = async () => {
      try {
        const now = performance.now();
        const current = totals(parseMetrics(await metricsText()));
        if (stopped) return;
        setError(null);
        if (previous) {
          const point = delta(previous.totals, current, (now - previous.at) / 1000);
          setState((s) => ({ points: [...s.points, point].slice(-KEEP), current }));
        } else {
          setState((s) => ({ ...s, current }));
        }
        previous = { totals: current, at: now };
      } catch (e) {
        if (!stopped) setError(e);
      }
      if (!stopped) timer = setTimeout(sample, SAMPLE_MS);
    };
    sample();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  const current = state.current || { actions: {}, caches: {} };
  const busiest = Object.entries(current.actions).sort((a, b) => b[1].count - a[1].count).map(([n]) => n);
  const shown = busiest.slice(0, SERIES);
  const per = (metric) => shown.map((name) => ({ name, value: (p) => (p.actions[name] || {})[metric] ?? null }));
  const caches = Object.keys(current.caches);
  return html`<section>
    <h1>Metrics</h1>
    <p class="muted small">From this server's <a href="/metrics">/metrics</a>, sampled every ${SAMPLE_MS / 1000} s;
      the busiest ${SERIES} operations are charted.</p>
    <${ErrorBox} error=${error} />
    <div class="charts">
      <${Chart} id="chart-rate" title="Requests per second" unit="req/s" points=${state.points} series=${per('rate')} />
      <${Chart} id="chart-latency" title="Mean latency" unit="ms" points=${state.points} series=${per('latency')} />
      <${Chart} id="chart-errors" title="Errors per second" unit="err/s" points=${state.points} series=${per('errors')} />
      ${caches.length ? html`<${Chart} id="chart-cache" title="DAX-style cache hit rate" unit="%" points=${state.points}
        series=${caches.map((c) => ({ name: `${c} cache`, value: (p) => (p.caches[c] || {}).hitRate ?? null }))} />` : null}
    </div>
    <h2>Since the server started</h2>
    <table class="grid" id="metrics-table">
      <thead><tr><th>Operation</th><th class="num">Requests</th><th class="num">Errors</th><th class="num">Mean latency</th></tr></thead>
      <tbody>${busiest.map((name) => {
        const a = current.actions[name];
        return html`<tr data-action=${name}><td>${name}</td><td class="num">${formatCount(a.count)}</td>
          <td class="num">${formatCount(a.errors)}</td>
          <td class="num">${a.count ? `${((a.seconds / a.count) * 1000).toFixed(2)} ms` : ''}</td></tr>`;
      })}</tbody>
    </table>
    ${caches.length ? html`<h2>DAX-style caches</h2><table class="grid" id="cache-table">
      <thead><tr><th>Cache</th><th class="num">Hits</th><th class="num">Misses</th><th class="num">Hit rate</th></tr></thead>
      <tbody>${caches.map((c) => {
        const { hits, misses } = current.caches[c];
        return html`<tr><td>${c}</td><td class="num">${formatCount(hits)}</td><td class="num">${formatCount(misses)}</td>
          <td class="num">${hits + misses ? `${((hits / (hits + misses)) * 100).toFixed(1)} %` : ''}</td></tr>`;
      })}</tbody></table>` : html`<p class="muted small">No DAX-style cache port (start with --dax-port for its hit rates).</p>`}
  </section>`;
}
