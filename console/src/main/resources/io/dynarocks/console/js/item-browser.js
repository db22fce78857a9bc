// Pages of items from Scan or Query (next/previous), columns from the attributes seen, sorting of
// the current page, selection and multi-delete, and the item editor.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { html } from './html.js';
import { call } from './api.js';
import { Confirm, ErrorBox } from './ui.js';
import { cellText, compareValues } from './ddbjson.js';
import { ItemEditor } from './item-editor.js';

const PAGE_SIZES = [25, 50, 100, 250];

function keyOf(item, keyNames) {
  return JSON.stringify(keyNames.map((k) => item[k]));
}

/** Attribute names in the order first seen, keys first. */
export function columnsOf(items, first) {
  const seen = new Set(first);
  items.forEach((item) => Object.keys(item).forEach((k) => seen.add(k)));
  return [...seen];
}

function inTextField(e) {
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName);
}

/**
 * action 'Scan' or 'Query' with `request` (without paging members); `keyNames` the table's key,
 * `indexKeys` the key of the index read, if any (shown first).
 */
export function ItemBrowser({ action, request, keyNames, indexKeys = [], editable = true }) {
  const [pageSize, setPageSize] = useState(25);
  // The ExclusiveStartKey of each page seen so far, for this request and page size only.
  const basis = JSON.stringify([request, pageSize]);
  const [paging, setPaging] = useState({ basis, starts: [undefined] });
  const starts = paging.basis === basis ? paging.starts : [undefined];
  const setStarts = (next) => setPaging({ basis, starts: next });
  const [page, setPage] = useState({ loading: true });
  const [sort, setSort] = useState(null);
  const [selected, setSelected] = useState(new Set());
  const [editor, setEditor] = useState(null);
  const [deleting, setDeleting] = useState(null);
  const [version, setVersion] = useState(0);
  const index = starts.length - 1;

  useEffect(() => setSelected(new Set()), [basis]);

  useEffect(() => {
    let live = true;
    setPage((p) => ({ ...p, loading: true }));
    const start = starts[index];
    call(action, { ...request, Limit: pageSize, ...(start ? { ExclusiveStartKey: start } : {}) }).then(
      (r) => live && setPage({ items: r.Items || [], last: r.LastEvaluatedKey, loading: false }),
      (error) => live && setPage({ error, loading: false }));
    return () => { live = false; };
  }, [basis, starts.length, version]);

  const next = () => page.last && setStarts([...starts, page.last]);
  const previous = () => index > 0 && setStarts(starts.slice(0, -1));
  const reload = () => setVersion(version + 1);

  useEffect(() => {
    const keys = (e) => {
      if (inTextField(e) || e.ctrlKey || e.metaKey || e.altKey || editor) return;
      if (e.key === 'n') next();
      if (e.key === 'p') previous();
    };
    addEventListener('keydown', keys);
    return () => removeEventListener('keydown', keys);
  });

  const items = page.items || [];
  const columns = useMemo(() => columnsOf(items, [...keyNames, ...indexKeys]), [items]);
  const rows = useMemo(() => {
    if (!sort) return items;
    const sorted = [...items].sort((a, b) => compareValues(a[sort.column], b[sort.column]));
    return sort.descending ? sorted.reverse() : sorted;
  }, [items, sort]);
  const sortBy = (column) => setSort(sort && sort.column === column
    ? (sort.descending ? null : { column, descending: true }) : { column, descending: false });
  const toggle = (key) => {
    const s = new Set(selected);
    if (s.has(key)) s.delete(key); else s.add(key);
    setSelected(s);
  };
  const allSelected = items.length > 0 && items.every((i) => selected.has(keyOf(i, keyNames)));
  const deleteItems = async () => {
    const keys = deleting.map((item) => Object.fromEntries(keyNames.map((k) => [k, item[k]])));
    for (let i = 0; i < keys.length; i += 25) {
      let pending = { [request.TableName]: keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } })) };
      while (pending && Object.keys(pending).length) {
        const r = await call('BatchWriteItem', { RequestItems: pending });
        pending = r.UnprocessedItems;
      }
    }
    setDeleting(null);
    setSelected(new Set());
    reload();
  };
  const arrow = (c) => (sort && sort.column === c ? (sort.descending ? ' ▼' : ' ▲') : '');

  return html`<div class="item-browser">
    <div class="row">
      ${editable ? html`<button id="new-item" onClick=${() => setEditor({ mode: 'new', item: {} })}>New item</button>
        <button id="delete-selected" class="danger" disabled=${selected.size === 0}
          onClick=${() => setDeleting(items.filter((i) => selected.has(keyOf(i, keyNames))))}>
          Delete selected (${selected.size})</button>` : null}
      <button onClick=${reload}>Refresh</button>
      <span class="spacer"></span>
      <label class="inline">Page size <select id="page-size" value=${pageSize}
        onChange=${(e) => setPageSize(Number(e.target.value))}>
        ${PAGE_SIZES.map((n) => html`<option value=${n}>${n}</option>`)}</select></label>
      <button id="previous-page" disabled=${index === 0} onClick=${previous} title="p">Previous</button>
      <span id="page-number" aria-live="polite">Page ${index + 1}</span>
      <button id="next-page" disabled=${!page.last} onClick=${next} title="n">Next</button>
    </div>
    ${deleting ? html`<${Confirm} title="Delete ${deleting.length} item${deleting.length === 1 ? '' : 's'}?"
      onConfirm=${deleteItems} onCancel=${() => setDeleting(null)} />` : null}
    ${editor ? html`<${ItemEditor} table=${request.TableName} keyNames=${keyNames} mode=${editor.mode}
      item=${editor.item} onCancel=${() => setEditor(null)} onSaved=${() => { setEditor(null); reload(); }} />` : null}
    <${ErrorBox} error=${page.error} />
    <table class="grid" id="items" aria-busy=${page.loading ? 'true' : 'false'}>
      <thead><tr>
        ${editable ? html`<th><input type="checkbox" aria-label="Select all on this page" checked=${allSelected}
          onChange=${() => setSelected(allSelected ? new Set() : new Set(items.map((i) => keyOf(i, keyNames))))} /></th>` : null}
        ${columns.map((c) => html`<th><button onClick=${() => sortBy(c)} aria-label="Sort by ${c}">${c}${arrow(c)}</button></th>`)}
        ${editable ? html`<th><span class="sr-only">Actions</span></th>` : null}
      </tr></thead>
      <tbody>${rows.map((item) => {
        const key = keyOf(item, keyNames);
        return html`<tr key=${key} data-key=${key}>
          ${editable ? html`<td><input type="checkbox" aria-label="Select item" checked=${selected.has(key)}
            onChange=${() => toggle(key)} /></td>` : null}
          ${columns.map((c) => html`<td class="cell" data-column=${c} title=${cellText(item[c])}>${cellText(item[c])}</td>`)}
          ${editable ? html`<td class="actions">
            <button class="edit-item" onClick=${() => setEditor({ mode: 'edit', item })}>Edit</button>
            <button class="duplicate-item" onClick=${() => setEditor({ mode: 'new', item })}>Duplicate</button>
            <button class="danger delete-item" onClick=${() => setDeleting([item])}>Delete</button></td>` : null}
        </tr>`;
      })}</tbody>
    </table>
    ${!page.loading && items.length === 0 && !page.error ? html`<p class="muted">No items on this page.</p>` : null}
    <p class="muted small">${items.length} item${items.length === 1 ? '' : 's'} on this page. Keys: n next page, p previous.</p>
  </div>`;
}
