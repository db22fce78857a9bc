// The tables list: item counts, sizes, keys, indexes, stream and TTL settings; delete with confirmation.
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { call, listAll } from './api.js';
import { Confirm, ErrorBox, formatBytes, formatCount, link, useAsync } from './ui.js';

async function describeAll() {
  const names = await listAll('ListTables', {}, 'TableNames', 'LastEvaluatedTableName', 'ExclusiveStartTableName');
  return Promise.all(names.map(async (name) => {
    const [{ Table }, ttl] = await Promise.all([
      call('DescribeTable', { TableName: name }),
      call('DescribeTimeToLive', { TableName: name }).catch(() => ({})),
    ]);
    return { ...Table, ttl: ttl.TimeToLiveDescription };
  }));
}

export function keyText(keySchema = [], definitions = []) {
  const type = (n) => (definitions.find((d) => d.AttributeName === n) || {}).AttributeType;
  return keySchema.map((k) => `${k.AttributeName} (${type(k.AttributeName) || '?'}${k.KeyType === 'RANGE' ? ', sort' : ''})`)
    .join(' · ');
}

function indexList(table) {
  const gsis = (table.GlobalSecondaryIndexes || []).map((i) => ({ kind: 'GSI', ...i }));
  const lsis = (table.LocalSecondaryIndexes || []).map((i) => ({ kind: 'LSI', ...i }));
  return [...gsis, ...lsis];
}

function streamText(table) {
  const spec = table.StreamSpecification;
  return spec && spec.StreamEnabled ? spec.StreamViewType : 'off';
}

function ttlText(ttl) {
  if (!ttl || !ttl.AttributeName || ttl.TimeToLiveStatus === 'DISABLED') return 'off';
  return ttl.AttributeName;
}

function TableRow({ table, onDelete }) {
  const name = table.TableName;
  const indexes = indexList(table);
  return html`<tr data-table=${name}>
    <td><a href=${link('/items/' + encodeURIComponent(name))} class="table-link">${name}</a>
      <div class="muted small">${table.TableStatus}</div></td>
    <td class="num">${formatCount(table.ItemCount)}</td>
    <td class="num">${formatBytes(table.TableSizeBytes)}</td>
    <td>${keyText(table.KeySchema, table.AttributeDefinitions)}</td>
    <td>${indexes.length === 0 ? html`<span class="muted">none</span>` : indexes.map((i) => html`<div>
      <span class="tag">${i.kind}</span> ${i.IndexName}${' '}
      <span class="muted small">${keyText(i.KeySchema, table.AttributeDefinitions)}</span></div>`)}</td>
    <td>${streamText(table)}</td>
    <td>${ttlText(table.ttl)}</td>
    <td>${(table.BillingModeSummary && table.BillingModeSummary.BillingMode) || 'PROVISIONED'}</td>
    <td class="actions">
      <a class="button" href=${link('/query/' + encodeURIComponent(name))}>Query</a>
      ${streamText(table) !== 'off'
        ? html`<a class="button" href=${link('/stream/' + encodeURIComponent(name))}>Stream</a>` : null}
      <button class="danger" aria-label="Delete table ${name}" onClick=${() => onDelete(name)}>Delete</button>
    </td>
  </tr>`;
}

export function TablesPage() {
  const tables = useAsync(describeAll, []);
  const [deleting, setDeleting] = useState(null);
  const remove = async () => {
    await call('DeleteTable', { TableName: deleting });
    setDeleting(null);
    tables.reload();
  };
  return html`<section>
    <div class="row heading">
      <h1>Tables</h1>
      <span class="spacer"></span>
      <button onClick=${tables.reload} aria-label="Refresh tables">Refresh</button>
      <a class="button primary" id="create-table" href="#/create">Create table</a>
    </div>
    ${deleting ? html`<${Confirm} title="Delete table ${deleting} and all its items?" word=${deleting}
      onConfirm=${remove} onCancel=${() => setDeleting(null)} />` : null}
    <${ErrorBox} error=${tables.error} />
    ${tables.value && tables.value.length === 0
      ? html`<p class="muted" id="no-tables">No tables yet. <a href="#/create">Create one</a>.</p>` : null}
    ${tables.value && tables.value.length > 0 ? html`<table class="grid" id="tables">
      <thead><tr><th>Name</th><th class="num">Items</th><th class="num">Size</th><th>Keys</th><th>Indexes</th>
        <th>Stream</th><th>TTL</th><th>Billing</th><th><span class="sr-only">Actions</span></th></tr></thead>
      <tbody>${tables.value.map((t) => html`<${TableRow} key=${t.TableName} table=${t} onDelete=${setDeleting} />`)}</tbody>
    </table>` : null}
    ${tables.loading && !tables.value ? html`<p class="muted">Loading…</p>` : null}
    <p class="muted small">Item counts and sizes are the figures DescribeTable returns.</p>
  </section>`;
}
