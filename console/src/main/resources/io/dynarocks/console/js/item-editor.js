// View and edit one item as DynamoDB JSON or plain JSON, validated before PutItem.
import { useState } from 'preact/hooks';
import { html } from './html.js';
import { call } from './api.js';
import { ErrorBox } from './ui.js';
import { itemFromPlain, itemToPlain, plainIsExact, validateItem } from './ddbjson.js';

function show(item, format) {
  return JSON.stringify(format === 'plain' ? itemToPlain(item) : item, null, 2);
}

/** The item the text stands for, in DynamoDB JSON; throws with a message saying what is wrong. */
export function parseItem(text, format) {
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`Not valid JSON: ${e.message}`);
  }
  return format === 'plain' ? itemFromPlain(json) : validateItem(json);
}

/**
 * mode 'edit' saves over `item` (its key may not change), 'new' creates an item
 * (starting from `item`'s attributes when duplicating).
 */
export function ItemEditor({ table, keyNames, mode, item, onSaved, onCancel }) {
  const exact = plainIsExact(item);
  const [format, setFormat] = useState('dynamodb');
  const [text, setText] = useState(show(item, 'dynamodb'));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const switchTo = (next) => {
    try {
      setText(show(parseItem(text, format), next));
      setFormat(next);
      setError(null);
    } catch (e) {
      setError(e);
    }
  };
  const save = async () => {
    setError(null);
    let parsed;
    try {
      parsed = parseItem(text, format);
      for (const k of keyNames) {
        if (!parsed[k]) throw new Error(`The key attribute ${k} is missing`);
        if (mode === 'edit' && JSON.stringify(parsed[k]) !== JSON.stringify(item[k])) {
          throw new Error(`The key attribute ${k} cannot be changed; duplicate the item instead`);
        }
      }
    } catch (e) {
      setError(e);
      return;
    }
    setBusy(true);
    try {
      const request = { TableName: table, Item: parsed };
      if (mode === 'new') {
        // A new item must not silently replace one with the same key.
        request.ConditionExpression = keyNames.map((_, i) => `attribute_not_exists(#k${i})`).join(' AND ');
        request.ExpressionAttributeNames = Object.fromEntries(keyNames.map((k, i) => [`#k${i}`, k]));
      }
      await call('PutItem', request);
      onSaved(parsed);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const onKeyDown = (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) save();
    if (e.key === 'Escape') onCancel();
  };
  return html`<section class="panel" aria-label="Item editor" onKeyDown=${onKeyDown}>
    <div class="row heading">
      <h2>${mode === 'edit' ? 'Edit item' : 'New item'}</h2>
      <span class="spacer"></span>
      <div role="group" aria-label="Format">
        <button id="format-dynamodb" aria-pressed=${format === 'dynamodb'} onClick=${() => switchTo('dynamodb')}>
          DynamoDB JSON</button>
        <button id="format-plain" aria-pressed=${format === 'plain'} onClick=${() => switchTo('plain')}>JSON</button>
      </div>
    </div>
    ${!exact && format === 'plain' ? html`<p class="muted small">Plain JSON has no sets, binary or exact large
      numbers: they are shown as lists, text and numbers and saved as such. Use DynamoDB JSON to keep their types.</p>` : null}
    <textarea id="item-editor" class="code" aria-label="Item JSON" spellcheck="false" value=${text}
      onInput=${(e) => setText(e.target.value)} />
    <${ErrorBox} error=${error} />
    <div class="row">
      <button class="primary" id="item-save" disabled=${busy} onClick=${save} title="Ctrl+Enter">Save</button>
      <button onClick=${onCancel} title="Escape">Cancel</button>
    </div>
  </section>`;
}
