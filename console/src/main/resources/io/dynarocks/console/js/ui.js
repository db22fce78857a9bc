// Small shared pieces: async loading, error display, confirmation, formatting.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html.js';

/** Runs `load` when `deps` change; returns { value, error, loading, reload }. */
export function useAsync(load, deps) {
  const [state, setState] = useState({ loading: true });
  const generation = useRef(0);
  const reload = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (value) => mine === generation.current && setState({ value, loading: false }),
      (error) => mine === generation.current && setState({ error, loading: false }));
  }, deps);
  useEffect(reload, [reload]);
  return { ...state, reload };
}

/** An API error, shown in place; one refused for want of a signature (--auth) opens the sign-in form. */
export function ErrorBox({ error }) {
  useEffect(() => {
    if (error && error.needsCredentials) dispatchEvent(new Event('dynarocks-auth'));
  }, [error]);
  if (!error) return null;
  const text = error.type ? `${error.type}: ${error.message}` : String(error.message || error);
  return html`<p class="error" role="alert">${text}</p>`;
}

/** A confirmation asking to type `word` before the destructive `onConfirm` runs. */
export function Confirm({ title, word, action = 'Delete', onConfirm, onCancel }) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const input = useRef();
  useEffect(() => input.current && input.current.focus(), []);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onConfirm();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return html`<form class="confirm" role="dialog" aria-label=${title} onSubmit=${submit}
      onKeyDown=${(e) => e.key === 'Escape' && onCancel()}>
    <p><strong>${title}</strong></p>
    ${word ? html`<label>Type <code>${word}</code> to confirm
      <input ref=${input} id="confirm-input" value=${typed} onInput=${(e) => setTyped(e.target.value)}
        autocomplete="off" /></label>` : null}
    <${ErrorBox} error=${error} />
    <div class="row">
      <button type="submit" id="confirm-button" class="danger" disabled=${busy || (word && typed !== word)}
        ref=${word ? null : input}>${action}</button>
      <button type="button" onClick=${onCancel}>Cancel</button>
    </div>
  </form>`;
}

export function formatBytes(n) {
  if (n == null) return '';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  do {
    v /= 1024;
    i++;
  } while (v >= 1024 && i < units.length - 1);
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function formatCount(n) {
  return n == null ? '' : Number(n).toLocaleString('en-US');
}

/** Navigates to a hash route, e.g. go('/items/Music'). */
export function go(path) {
  location.hash = '#' + path;
}

export function link(path) {
  return '#' + path;
}
