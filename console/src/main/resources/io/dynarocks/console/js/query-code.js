// The Query request a builder form stands for, and the same request as AWS CLI and SDK v2 code.
import { keyValue } from './ddbjson.js';

export const SORT_OPERATORS = ['=', '<', '<=', '>', '>=', 'between', 'begins_with'];
export const FILTER_OPERATORS = ['=', '<>', '<', '<=', '>', '>=', 'between', 'begins_with', 'contains',
  'attribute_exists', 'attribute_not_exists'];

function filterValue(type, text) {
  if (type === 'BOOL') return { BOOL: text.trim() === 'true' };
  return keyValue(type, text);
}

/**
 * form: { index, pkValue, skOp, skValue, skValue2, filters: [{ name, op, type, value, value2 }],
 * projection, descending }; keys: { pk: [name, type], sk: [name, type] | null } of the index read.
 */
export function buildQuery(tableName, keys, form) {
  const names = { '#pk': keys.pk[0] };
  const values = { ':pk': keyValue(keys.pk[1], form.pkValue) };
  let condition = '#pk = :pk';
  if (keys.sk && form.skOp && form.skValue !== '') {
    names['#sk'] = keys.sk[0];
    values[':sk'] = keyValue(keys.sk[1], form.skValue);
    if (form.skOp === 'between') {
      values[':sk2'] = keyValue(keys.sk[1], form.skValue2);
      condition += ' AND #sk BETWEEN :sk AND :sk2';
    } else if (form.skOp === 'begins_with') {
      condition += ' AND begins_with(#sk, :sk)';
    } else {
      condition += ` AND #sk ${form.skOp} :sk`;
    }
  }
  const filters = form.filters.filter((f) => f.name).map((f, i) => {
    const n = `#f${i}`;
    const v = `:f${i}`;
    names[n] = f.name;
    if (f.op === 'attribute_exists' || f.op === 'attribute_not_exists') return `${f.op}(${n})`;
    values[v] = filterValue(f.type, f.value);
    if (f.op === 'between') {
      values[`${v}b`] = filterValue(f.type, f.value2);
      return `${n} BETWEEN ${v} AND ${v}b`;
    }
    if (f.op === 'begins_with' || f.op === 'contains') return `${f.op}(${n}, ${v})`;
    return `${n} ${f.op} ${v}`;
  });
  const request = { TableName: tableName };
  if (form.index) request.IndexName = form.index;
  request.KeyConditionExpression = condition;
  if (filters.length) request.FilterExpression = filters.join(' AND ');
  const projected = (form.projection || '').split(',').map((p) => p.trim()).filter(Boolean);
  if (projected.length) {
    request.ProjectionExpression = projected.map((p, i) => {
      names[`#p${i}`] = p;
      return `#p${i}`;
    }).join(', ');
  }
  request.ExpressionAttributeNames = names;
  request.ExpressionAttributeValues = values;
  if (form.descending) request.ScanIndexForward = false;
  return request;
}

function shellQuote(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The same request with the AWS CLI. */
export function cliCommand(request, endpoint) {
  const lines = [`aws dynamodb query --endpoint-url ${endpoint}`, `--table-name ${shellQuote(request.TableName)}`];
  if (request.IndexName) lines.push(`--index-name ${shellQuote(request.IndexName)}`);
  lines.push(`--key-condition-expression ${shellQuote(request.KeyConditionExpression)}`);
  if (request.FilterExpression) lines.push(`--filter-expression ${shellQuote(request.FilterExpression)}`);
  if (request.ProjectionExpression) lines.push(`--projection-expression ${shellQuote(request.ProjectionExpression)}`);
  lines.push(`--expression-attribute-names ${shellQuote(JSON.stringify(request.ExpressionAttributeNames))}`);
  lines.push(`--expression-attribute-values ${shellQuote(JSON.stringify(request.ExpressionAttributeValues))}`);
  if (request.ScanIndexForward === false) lines.push('--no-scan-index-forward');
  return lines.join(' \\\n    ');
}

function javaString(text) {
  return JSON.stringify(text);
}

function javaValue(av) {
  const [type, v] = Object.entries(av)[0];
  if (type === 'S') return `AttributeValue.fromS(${javaString(v)})`;
  if (type === 'N') return `AttributeValue.fromN(${javaString(v)})`;
  if (type === 'BOOL') return `AttributeValue.fromBool(${v})`;
  return `AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(${javaString(v)})))`;
}

function javaMap(entries, value) {
  const pairs = Object.entries(entries).map(([k, v]) => `${javaString(k)}, ${value(v)}`);
  return pairs.length <= 10 ? `Map.of(${pairs.join(', ')})`
    : `Map.ofEntries(${pairs.map((p) => `Map.entry(${p})`).join(', ')})`;
}

/** The same request with the AWS SDK for Java 2.x. */
export function javaCode(request) {
  const lines = ['QueryResponse response = client.query(QueryRequest.builder()',
    `        .tableName(${javaString(request.TableName)})`];
  if (request.IndexName) lines.push(`        .indexName(${javaString(request.IndexName)})`);
  lines.push(`        .keyConditionExpression(${javaString(request.KeyConditionExpression)})`);
  if (request.FilterExpression) lines.push(`        .filterExpression(${javaString(request.FilterExpression)})`);
  if (request.ProjectionExpression) lines.push(`        .projectionExpression(${javaString(request.ProjectionExpression)})`);
  lines.push(`        .expressionAttributeNames(${javaMap(request.ExpressionAttributeNames, javaString)})`);
  lines.push(`        .expressionAttributeValues(${javaMap(request.ExpressionAttributeValues, javaValue)})`);
  if (request.ScanIndexForward === false) lines.push('        .scanIndexForward(false)');
  lines.push('        .build());');
  return lines.join('\n');
}
