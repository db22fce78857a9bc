// The console's shell: header, navigation, theme, sign-in, and the hash router.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { html } from './html.js';
import { currentCredentials, onCredentials, setCredentials } from './api.js';
import { TablesPage } from './tables.js';
import { CreateTablePage } from './create-table.js';
import { ItemsPage } from './items.js';
import { QueryPage } from './query.js';
import { PartiqlPage } from './partiql.js';
import { StreamPage } from './stream.js';
import { MetricsPage } from './metrics.js';

function parseRoute() {
  const hash = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  const [page, ...rest] = hash.split('/');
  return { page: page || 'tables', arg: rest.join('/') };
}

function useRoute() {
  const [route, setRoute] = useState(parseRoute());
  useEffect(() => {
    const update = () => setRoute(parseRoute());
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

const THEME_KEY = 'dynarocks.theme';

function ThemeToggle() {
  const [theme, setTheme] = useState(localStorage.getItem(THEME_KEY) || 'auto');
  useEffect(() => {
    if (theme === 'auto') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
    localStorage.setItem(THEME_KEY, theme);
  }, [theme]);
  const next = { auto: 'light', light: 'dark', dark: 'auto' }[theme];
  return html`<button class="ghost" id="theme" onClick=${() => setTheme(next)}
    title="Colour theme: ${theme} (click for ${next})">Theme: ${theme}</button>`;
}

/** Asks for an access key when the server requires signed requests (--auth). */
function SignIn({ onDone }) {
  const [form, setForm] = useState({ accessKeyId: '', secretAccessKey: '', region: 'us-east-1' });
  const field = (name, label, type = 'text') => html`<label>${label}
    <input id="signin-${name}" type=${type} value=${form[name]} required
      onInput=${(e) => setForm({ ...form, [name]: e.target.value })} /></label>`;
  return html`<form class="panel signin" onSubmit=${(e) => { e.preventDefault(); setCredentials(form); onDone(); }}>
    <h2>Sign in</h2>
    <p class="muted">This server requires signed requests. The key stays in this browser tab and signs each
      request (SigV4); it is never sent.</p>
    ${field('accessKeyId', 'Access key ID')}
    ${field('secretAccessKey', 'Secret access key', 'password')}
    ${field('region', 'Region')}
    <button type="submit" id="signin-submit">Sign in</button>
  </form>`;
}

function Page({ route }) {
  switch (route.page) {
    case 'create': return html`<${CreateTablePage} />`;
    case 'items': return html`<${ItemsPage} table=${route.arg} />`;
    case 'query': return html`<${QueryPage} table=${route.arg} />`;
    case 'partiql': return html`<${PartiqlPage} />`;
    case 'stream': return html`<${StreamPage} table=${route.arg} />`;
    case 'metrics': return html`<${MetricsPage} />`;
    default: return html`<${TablesPage} />`;
  }
}

function App() {
  const route = useRoute();
  const [credentials, setCreds] = useState(currentCredentials());
  const [signingIn, setSigningIn] = useState(false);
  useEffect(() => onCredentials(setCreds), []);
  useEffect(() => {
    const open = () => setSigningIn(true);
    addEventListener('dynarocks-auth', open);
    return () => removeEventListener('dynarocks-auth', open);
  }, []);
  const nav = (page, label) => html`<a href="#/${page}" aria-current=${route.page === page ? 'page' : null}>${label}</a>`;
  return html`
    <header class="bar">
      <a class="brand" href="#/tables">DynaRocks</a>
      <nav aria-label="Main">${nav('tables', 'Tables')} ${nav('partiql', 'PartiQL')} ${nav('metrics', 'Metrics')}</nav>
      <span class="spacer"></span>
      ${credentials
        ? html`<span class="muted">${credentials.accessKeyId}</span>
            <button class="ghost" id="signout" onClick=${() => setCredentials(null)}>Sign out</button>`
        : html`<button class="ghost" id="signin" onClick=${() => setSigningIn(true)}>Sign in</button>`}
      <${ThemeToggle} />
    </header>
    <main key=${(credentials && credentials.accessKeyId) || '-'}>
      ${signingIn ? html`<${SignIn} onDone=${() => setSigningIn(false)} />` : html`<${Page} route=${route} />`}
    </main>`;
}

render(html`<${App} />`, document.getElementById('app'));
