// Create a table: keys, billing mode, stream, TTL, global and local secondary indexes.
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { call } from './api.js';
import { ErrorBox, go } from './ui.js';

const TYPES = ['S', 'N', 'B'];
const STREAM_VIEWS = ['off', 'NEW_AND_OLD_IMAGES', 'NEW_IMAGE', 'OLD_IMAGE', 'KEYS_ONLY'];

/** The CreateTable request for the form's state. */
export function createTableRequest(form) {
  const definitions = new Map();
  const key = (name, type, keyType) => {
    definitions.set(name, type);
    return { AttributeName: name, KeyType: keyType };
  };
  const keys = (pk, pkType, sk, skType) => [key(pk, pkType, 'HASH'), ...(sk ? [key(sk, skType, 'RANGE')] : [])];
  const provisioned = form.billing === 'PROVISIONED';
  const throughput = { ReadCapacityUnits: Number(form.rcu), WriteCapacityUnits: Number(form.wcu) };
  const request = {
    TableName: form.name,
    KeySchema: keys(form.pk, form.pkType, form.sk, form.skType),
    BillingMode: form.billing,
  };
  if (provisioned) request.ProvisionedThroughput = throughput;
  if (form.gsis.length) {
    request.GlobalSecondaryIndexes = form.gsis.map((g) => ({
      IndexName: g.name,
      KeySchema: keys(g.pk, g.pkType, g.sk, g.skType),
      Projection: { ProjectionType: g.projection },
      ...(provisioned ? { ProvisionedThroughput: throughput } : {}),
    }));
  }
  if (form.lsis.length) {
    request.LocalSecondaryIndexes = form.lsis.map((l) => ({
      IndexName: l.name,
      KeySchema: keys(form.pk, form.pkType, l.sk, l.skType),
      Projection: { ProjectionType: l.projection },
    }));
  }
  if (form.stream !== 'off') request.StreamSpecification = { StreamEnabled: true, StreamViewType: form.stream };
  request.AttributeDefinitions = [...definitions].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
  return request;
}

function TypeSelect({ id, value, onChange, label }) {
  return html`<select id=${id} aria-label=${label} value=${value} onChange=${(e) => onChange(e.target.value)}>
    ${TYPES.map((t) => html`<option value=${t}>${{ S: 'String', N: 'Number', B: 'Binary' }[t]}</option>`)}
  </select>`;
}

function IndexRows({ kind, rows, setRows }) {
  const update = (i, patch) => setRows(rows.map((r, j) => (i === j ? { ...r, ...patch } : r)));
  const blank = kind === 'gsi'
    ? { name: '', pk: '', pkType: 'S', sk: '', skType: 'S', projection: 'ALL' }
    : { name: '', sk: '', skType: 'S', projection: 'ALL' };
  return html`<fieldset>
    <legend>${kind === 'gsi' ? 'Global secondary indexes' : 'Local secondary indexes'}</legend>
    ${rows.map((r, i) => html`<div class="row index-row">
      <input id="${kind}-${i}-name" aria-label="Index name" placeholder="Index name" value=${r.name} required
        onInput=${(e) => update(i, { name: e.target.value })} />
      ${kind === 'gsi' ? html`
        <input id="${kind}-${i}-pk" aria-label="Index partition key" placeholder="Partition key" value=${r.pk} required
          onInput=${(e) => update(i, { pk: e.target.value })} />
        <${TypeSelect} id="${kind}-${i}-pk-type" label="Index partition key type" value=${r.pkType}
          onChange=${(v) => update(i, { pkType: v })} />` : null}
      <input id="${kind}-${i}-sk" aria-label="Index sort key" placeholder=${kind === 'gsi' ? 'Sort key (optional)' : 'Sort key'}
        value=${r.sk} required=${kind === 'lsi'} onInput=${(e) => update(i, { sk: e.target.value })} />
      <${TypeSelect} id="${kind}-${i}-sk-type" label="Index sort key type" value=${r.skType}
        onChange=${(v) => update(i, { skType: v })} />
      <select aria-label="Projection" value=${r.projection} onChange=${(e) => update(i, { projection: e.target.value })}>
        <option value="ALL">ALL</option><option value="KEYS_ONLY">KEYS_ONLY</option>
      </select>
      <button type="button" onClick=${() => setRows(rows.filter((_, j) => j !== i))}>Remove</button>
    </div>`)}
    <button type="button" id="add-${kind}" onClick=${() => setRows([...rows, blank])}>
      Add ${kind === 'gsi' ? 'global' : 'local'} index</button>
  </fieldset>`;
}

export function CreateTablePage() {
  const [form, setForm] = useState({
    name: '', pk: '', pkType: 'S', sk: '', skType: 'S', billing: 'PAY_PER_REQUEST', rcu: 5, wcu: 5,
    stream: 'off', ttl: '', gsis: [], lsis: [],
  });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (patch) => setForm({ ...form, ...patch });
  const input = (name, label, extra = {}) => html`<label>${label}
    <input id="table-${name}" value=${form[name]} onInput=${(e) => set({ [name]: e.target.value })} ...${extra} /></label>`;
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('CreateTable', createTableRequest(form));
      if (form.ttl) {
        await call('UpdateTimeToLive', { TableName: form.name,
          TimeToLiveSpecification: { Enabled: true, AttributeName: form.ttl } });
      }
      go('/tables');
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return html`<form class="panel" id="create-table-form" onSubmit=${submit}>
    <h1>Create table</h1>
    ${input('name', 'Table name', { required: true, autofocus: true })}
    <div class="row">
      ${input('pk', 'Partition key', { required: true })}
      <label>Type <${TypeSelect} id="table-pk-type" label="Partition key type" value=${form.pkType}
        onChange=${(v) => set({ pkType: v })} /></label>
      ${input('sk', 'Sort key (optional)')}
      <label>Type <${TypeSelect} id="table-sk-type" label="Sort key type" value=${form.skType}
        onChange=${(v) => set({ skType: v })} /></label>
    </div>
    <div class="row">
      <label>Billing mode <select id="table-billing" value=${form.billing} onChange=${(e) => set({ billing: e.target.value })}>
        <option value="PAY_PER_REQUEST">On demand (PAY_PER_REQUEST)</option>
        <option value="PROVISIONED">Provisioned</option></select></label>
      ${form.billing === 'PROVISIONED' ? html`${input('rcu', 'Read capacity', { type: 'number', min: 1 })}
        ${input('wcu', 'Write capacity', { type: 'number', min: 1 })}` : null}
      <label>Stream <select id="table-stream" value=${form.stream} onChange=${(e) => set({ stream: e.target.value })}>
        ${STREAM_VIEWS.map((v) => html`<option value=${v}>${v}</option>`)}</select></label>
      ${input('ttl', 'TTL attribute (optional)')}
    </div>
    <${IndexRows} kind="gsi" rows=${form.gsis} setRows=${(gsis) => set({ gsis })} />
    <${IndexRows} kind="lsi" rows=${form.lsis} setRows=${(lsis) => set({ lsis })} />
    <${ErrorBox} error=${error} />
    <div class="row">
      <button type="submit" class="primary" id="create-submit" disabled=${busy}>Create table</button>
      <a class="button" href="#/tables">Cancel</a>
    </div>
  </form>`;
}
