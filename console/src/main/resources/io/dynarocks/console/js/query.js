// The query builder: key condition, filter, projection and index in a form, the expressions and
// the equivalent AWS CLI and SDK v2 code beside it, and the result pages below.
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { ErrorBox } from './ui.js';
import { ItemBrowser } from './item-browser.js';
import { indexesOf, keyNamesOf, useTable } from './items.js';
import { buildQuery, cliCommand, FILTER_OPERATORS, javaCode, SORT_OPERATORS } from './query-code.js';

function keysOf(table, indexName) {
  const schema = indexName ? indexesOf(table).find((i) => i.IndexName === indexName).KeySchema : table.KeySchema;
  const type = (n) => table.AttributeDefinitions.find((d) => d.AttributeName === n).AttributeType;
  const pk = schema.find((k) => k.KeyType === 'HASH').AttributeName;
  const sk = schema.find((k) => k.KeyType === 'RANGE');
  return { pk: [pk, type(pk)], sk: sk ? [sk.AttributeName, type(sk.AttributeName)] : null };
}

function FilterRow({ filter, onChange, onRemove, i }) {
  const set = (patch) => onChange({ ...filter, ...patch });
  const unary = filter.op === 'attribute_exists' || filter.op === 'attribute_not_exists';
  return html`<div class="row">
    <input id="filter-${i}-name" aria-label="Filter attribute" placeholder="Attribute" value=${filter.name}
      onInput=${(e) => set({ name: e.target.value })} />
    <select id="filter-${i}-op" aria-label="Filter operator" value=${filter.op} onChange=${(e) => set({ op: e.target.value })}>
      ${FILTER_OPERATORS.map((o) => html`<option value=${o}>${o}</option>`)}</select>
    ${unary ? null : html`
      <select id="filter-${i}-type" aria-label="Filter value type" value=${filter.type}
        onChange=${(e) => set({ type: e.target.value })}>
        <option value="S">String</option><option value="N">Number</option><option value="BOOL">Boolean</option></select>
      <input id="filter-${i}-value" aria-label="Filter value" placeholder="Value" value=${filter.value}
        onInput=${(e) => set({ value: e.target.value })} />
      ${filter.op === 'between' ? html`<input aria-label="Filter upper bound" placeholder="and" value=${filter.value2}
        onInput=${(e) => set({ value2: e.target.value })} />` : null}`}
    <button type="button" onClick=${onRemove}>Remove</button>
  </div>`;
}

function Builder({ table }) {
  const [form, setForm] = useState({ index: '', pkValue: '', skOp: '=', skValue: '', skValue2: '', filters: [],
    projection: '', descending: false });
  const [running, setRunning] = useState(null);
  const set = (patch) => setForm({ ...form, ...patch });
  const keys = keysOf(table, form.index);
  let request = null;
  let problem = null;
  try {
    if (form.pkValue !== '') request = buildQuery(table.TableName, keys, form);
  } catch (e) {
    problem = e;
  }
  const run = (e) => {
    e.preventDefault();
    if (request) setRunning(request);
  };
  return html`
    <form class="panel" id="query-form" onSubmit=${run}>
      <div class="row">
        <label>Index <select id="query-index" value=${form.index} onChange=${(e) => set({ index: e.target.value })}>
          <option value="">table ${table.TableName}</option>
          ${indexesOf(table).map((i) => html`<option value=${i.IndexName}>${i.IndexName}</option>`)}</select></label>
        <label>${keys.pk[0]} (partition key, ${keys.pk[1]}) =
          <input id="query-pk" value=${form.pkValue} required onInput=${(e) => set({ pkValue: e.target.value })} /></label>
        ${keys.sk ? html`
          <label>${keys.sk[0]} (sort key, ${keys.sk[1]})
            <select id="query-sk-op" value=${form.skOp} onChange=${(e) => set({ skOp: e.target.value })}>
              ${SORT_OPERATORS.map((o) => html`<option value=${o}>${o}</option>`)}</select></label>
          <label>Value <input id="query-sk" value=${form.skValue} placeholder="(any)"
            onInput=${(e) => set({ skValue: e.target.value })} /></label>
          ${form.skOp === 'between' ? html`<label>and <input id="query-sk2" value=${form.skValue2}
            onInput=${(e) => set({ skValue2: e.target.value })} /></label>` : null}` : null}
      </div>
      <fieldset><legend>Filter (applied after the key condition)</legend>
        ${form.filters.map((f, i) => html`<${FilterRow} i=${i} filter=${f}
          onChange=${(g) => set({ filters: form.filters.map((x, j) => (i === j ? g : x)) })}
          onRemove=${() => set({ filters: form.filters.filter((_, j) => j !== i) })} />`)}
        <button type="button" id="add-filter" onClick=${() => set({ filters: [...form.filters,
          { name: '', op: '=', type: 'S', value: '', value2: '' }] })}>Add filter</button>
      </fieldset>
      <div class="row">
        <label>Projection (attributes, comma-separated; empty for all)
          <input id="query-projection" value=${form.projection} onInput=${(e) => set({ projection: e.target.value })} /></label>
        <label class="inline"><input type="checkbox" id="query-descending" checked=${form.descending}
          onChange=${(e) => set({ descending: e.target.checked })} /> Descending</label>
        <button type="submit" class="primary" id="query-run" disabled=${!request}>Run query</button>
      </div>
      <${ErrorBox} error=${problem} />
    </form>
    ${request ? html`<div class="split" id="query-code">
      <div><h2>Request</h2>
        <pre id="query-expressions">${`KeyConditionExpression: ${request.KeyConditionExpression}`
          + (request.FilterExpression ? `\nFilterExpression: ${request.FilterExpression}` : '')
          + (request.ProjectionExpression ? `\nProjectionExpression: ${request.ProjectionExpression}` : '')
          + `\nExpressionAttributeNames: ${JSON.stringify(request.ExpressionAttributeNames)}`
          + `\nExpressionAttributeValues: ${JSON.stringify(request.ExpressionAttributeValues)}`}</pre>
        <h2>AWS CLI</h2><pre id="query-cli">${cliCommand(request, location.origin)}</pre></div>
      <div><h2>AWS SDK for Java 2.x</h2><pre id="query-java">${javaCode(request)}</pre></div>
    </div>` : null}
    ${running ? html`<h2>Results</h2><${ItemBrowser} action="Query" request=${running}
      keyNames=${keyNamesOf(table.KeySchema)} indexKeys=${[keys.pk[0], ...(keys.sk ? [keys.sk[0]] : [])]}
      editable=${!running.IndexName && !running.ProjectionExpression} />` : null}`;
}

export function QueryPage({ table: name }) {
  const table = useTable(name);
  return html`<section>
    <div class="row heading"><h1><a href="#/tables">Tables</a> / <a href="#/items/${encodeURIComponent(name)}">${name}</a>${' / Query'}</h1></div>
    <${ErrorBox} error=${table.error} />
    ${table.value ? html`<${Builder} table=${table.value} />` : null}
  </section>`;
}
