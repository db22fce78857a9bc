// A live tail of a table's stream (DynamoDB Streams API, polled), old and new images side by side.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from './html.js';
import { call, streams } from './api.js';
import { ErrorBox } from './ui.js';
import { itemToPlain } from './ddbjson.js';

const POLL_MS = 1000;
const REDESCRIBE_EVERY = 5;
const KEEP = 200;

async function shardsOf(streamArn) {
  const shards = [];
  let start;
  do {
    const { StreamDescription: d } = await streams('DescribeStream',
      { StreamArn: streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) });
    shards.push(...d.Shards);
    start = d.LastEvaluatedShardId;
  } while (start);
  return shards;
}

/** Follows every shard of the stream: open ones from `position`, shards that appear later from their start. */
function useTail(table, position, paused, onRecords) {
  const [state, setState] = useState({ status: 'Starting…' });
  const callback = useRef(onRecords);
  callback.current = onRecords;
  useEffect(() => {
    if (paused) return undefined;
    let stopped = false;
    let timer;
    const iterators = new Map(); // shardId -> iterator (null once the shard is done)
    let round = 0;
    let streamArn;
    const discover = async (initial) => {
      for (const shard of await shardsOf(streamArn)) {
        if (iterators.has(shard.ShardId)) continue;
        const closed = shard.SequenceNumberRange && shard.SequenceNumberRange.EndingSequenceNumber;
        if (initial && closed && position === 'LATEST') {
          iterators.set(shard.ShardId, null);
          continue;
        }
        const type = initial ? position : 'TRIM_HORIZON';
        const r = await streams('GetShardIterator', { StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: type });
        iterators.set(shard.ShardId, r.ShardIterator);
      }
    };
    const poll = async () => {
      try {
        if (!streamArn) {
          const { Table } = await call('DescribeTable', { TableName: table });
          streamArn = Table.LatestStreamArn;
          if (!streamArn) throw new Error(`Table ${table} has no stream`);
          await discover(true);
        } else if (++round % REDESCRIBE_EVERY === 0) {
          await discover(false);
        }
        for (const [shardId, iterator] of iterators) {
          if (!iterator || stopped) continue;
          const r = await streams('GetRecords', { ShardIterator: iterator, Limit: 100 });
          iterators.set(shardId, r.NextShardIterator || null);
          if (r.Records && r.Records.length) callback.current(r.Records);
        }
        const open = [...iterators.values()].filter(Boolean).length;
        if (!stopped) setState({ status: `Following ${open} shard${open === 1 ? '' : 's'} of ${streamArn}` });
      } catch (error) {
        if (!stopped) setState({ status: 'Stopped', error });
        return;
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [table, position, paused]);
  return state;
}

function Image({ label, image }) {
  return html`<div><div class="muted small">${label}</div>
    ${image ? html`<pre>${JSON.stringify(itemToPlain(image), null, 2)}</pre>` : html`<pre class="muted">—</pre>`}</div>`;
}

export function StreamPage({ table }) {
  const [records, setRecords] = useState([]);
  const [position, setPosition] = useState('LATEST');
  const [paused, setPaused] = useState(false);
  const tail = useTail(table, position, paused, (batch) => setRecords((r) => [...batch.slice().reverse(), ...r].slice(0, KEEP)));
  return html`<section>
    <div class="row heading">
      <h1><a href="#/tables">Tables</a> / <a href="#/items/${encodeURIComponent(table)}">${table}</a> / Stream</h1>
      <span class="spacer"></span>
      <label class="inline">Start at <select id="stream-position" value=${position}
        onChange=${(e) => { setRecords([]); setPosition(e.target.value); }}>
        <option value="LATEST">new records</option><option value="TRIM_HORIZON">oldest retained record</option>
      </select></label>
      <button id="stream-pause" aria-pressed=${paused} onClick=${() => setPaused(!paused)}>${paused ? 'Resume' : 'Pause'}</button>
      <button onClick=${() => setRecords([])}>Clear</button>
    </div>
    <p class="muted small" id="stream-status" aria-live="polite">${paused ? 'Paused' : tail.status}</p>
    <${ErrorBox} error=${tail.error} />
    ${records.length === 0 ? html`<p class="muted">Waiting for changes to ${table}…</p>` : null}
    <ol class="records" id="stream-records">${records.map((r) => html`<li key=${r.dynamodb.SequenceNumber}
        data-event=${r.eventName} data-sequence=${r.dynamodb.SequenceNumber}>
      <div class="row"><strong>${r.eventName}</strong>
        <code>${JSON.stringify(itemToPlain(r.dynamodb.Keys || {}))}</code>
        <span class="muted small">${[`#${r.dynamodb.SequenceNumber}`,
          r.dynamodb.ApproximateCreationDateTime && new Date(r.dynamodb.ApproximateCreationDateTime * 1000).toLocaleTimeString(),
          r.userIdentity && `by ${r.userIdentity.principalId}`].filter(Boolean).join(' · ')}</span></div>
      <div class="split"><${Image} label="Old image" image=${r.dynamodb.OldImage} />
        <${Image} label="New image" image=${r.dynamodb.NewImage} /></div>
    </li>`)}</ol>
  </section>`;
}
