// Browse a table or one of its indexes page by page (Scan).
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { call } from './api.js';
import { ErrorBox, link, useAsync } from './ui.js';
import { ItemBrowser } from './item-browser.js';

/** The table's description and the key attribute names of the table and each index. */
export function useTable(name) {
  return useAsync(async () => (await call('DescribeTable', { TableName: name })).Table, [name]);
}

export function keyNamesOf(keySchema = []) {
  return keySchema.map((k) => k.AttributeName);
}

export function indexesOf(table) {
  return [...(table.GlobalSecondaryIndexes || []), ...(table.LocalSecondaryIndexes || [])];
}

export function ItemsPage({ table: name }) {
  const table = useTable(name);
  const [indexName, setIndexName] = useState('');
  const t = table.value;
  const index = t && indexesOf(t).find((i) => i.IndexName === indexName);
  const request = { TableName: name, ...(indexName ? { IndexName: indexName } : {}) };
  return html`<section>
    <div class="row heading">
      <h1><a href="#/tables">Tables</a> / ${name}</h1>
      <span class="spacer"></span>
      <a class="button" href=${link('/query/' + encodeURIComponent(name))}>Query</a>
      ${t && t.StreamSpecification && t.StreamSpecification.StreamEnabled
        ? html`<a class="button" href=${link('/stream/' + encodeURIComponent(name))}>Stream</a>` : null}
    </div>
    <${ErrorBox} error=${table.error} />
    ${t ? html`
      <div class="row"><label class="inline">Read <select id="index" value=${indexName}
        onChange=${(e) => setIndexName(e.target.value)}>
        <option value="">table ${name}</option>
        ${indexesOf(t).map((i) => html`<option value=${i.IndexName}>index ${i.IndexName}</option>`)}
      </select></label> <span class="muted">Scan</span></div>
      <${ItemBrowser} action="Scan" request=${request} keyNames=${keyNamesOf(t.KeySchema)}
        indexKeys=${index ? keyNamesOf(index.KeySchema) : []} editable=${!indexName} />
      ${indexName ? html`<p class="muted small">Items read from an index hold its projected attributes only:
        edit them from the table.</p>` : null}` : null}
  </section>`;
}
