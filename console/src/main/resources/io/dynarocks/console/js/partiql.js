// A PartiQL editor (ExecuteStatement) with the statements run before kept in this browser.
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { call } from './api.js';
import { ErrorBox } from './ui.js';
import { cellText } from './ddbjson.js';
import { columnsOf } from './item-browser.js';

const HISTORY_KEY = 'dynarocks.partiql.history';
const HISTORY_SIZE = 50;

function loadHistory() {
  return JSON.parse(localStorage.getItem(HISTORY_KEY) || '[]');
}

function remember(statement) {
  const history = [statement, ...loadHistory().filter((s) => s !== statement)].slice(0, HISTORY_SIZE);
  localStorage.setItem(HISTORY_KEY, JSON.stringify(history));
  return history;
}

export function PartiqlPage() {
  const [statement, setStatement] = useState('SELECT * FROM "TableName"');
  const [history, setHistory] = useState(loadHistory());
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const execute = async (nextToken) => {
    setBusy(true);
    setError(null);
    try {
      const response = await call('ExecuteStatement',
        { Statement: statement, ...(nextToken ? { NextToken: nextToken } : {}) });
      setResult({ items: response.Items || [], nextToken: response.NextToken, page: nextToken ? result.page + 1 : 1 });
      if (!nextToken) setHistory(remember(statement));
    } catch (e) {
      setError(e);
      setResult(null);
    }
    setBusy(false);
  };
  const onKeyDown = (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      execute();
    }
  };
  const items = result ? result.items : [];
  const columns = columnsOf(items, []);
  return html`<section>
    <h1>PartiQL</h1>
    <div class="split">
      <div>
        <textarea id="partiql-statement" class="code" style="min-height: 140px" aria-label="PartiQL statement"
          spellcheck="false" value=${statement} onInput=${(e) => setStatement(e.target.value)} onKeyDown=${onKeyDown} />
        <div class="row">
          <button class="primary" id="partiql-run" disabled=${busy} onClick=${() => execute()} title="Ctrl+Enter">Run</button>
          ${result && result.nextToken ? html`<button id="partiql-more" onClick=${() => execute(result.nextToken)}>
            Next page</button>` : null}
          <span class="muted small">Ctrl+Enter runs the statement.</span>
        </div>
      </div>
      <div>
        <h2>History</h2>
        ${history.length === 0 ? html`<p class="muted">Statements you run appear here.</p>` : null}
        <ul class="history" id="partiql-history">
          ${history.map((s) => html`<li><button title=${s} onClick=${() => setStatement(s)}>${s}</button></li>`)}
        </ul>
      </div>
    </div>
    <${ErrorBox} error=${error} />
    ${result ? html`<p class="muted" id="partiql-summary">${`${items.length} item${items.length === 1 ? '' : 's'} (page ${result.page})`}</p>
      <table class="grid" id="partiql-results">
        <thead><tr>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead>
        <tbody>${items.map((item) => html`<tr>${columns.map((c) => html`<td class="cell">${cellText(item[c])}</td>`)}</tr>`)}</tbody>
      </table>` : null}
  </section>`;
}
