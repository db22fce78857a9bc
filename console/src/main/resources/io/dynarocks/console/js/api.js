// The console's only ways to the server: the public DynamoDB JSON API (POST / with X-Amz-Target) and /metrics.
import { signHeaders } from './sigv4.js';

const KEY = 'dynarocks.credentials';
let credentials = JSON.parse(sessionStorage.getItem(KEY) || 'null');
const listeners = new Set();

/** Error types that mean "sign your requests" rather than "your request is wrong". */
const AUTH_ERRORS = new Set(['MissingAuthenticationTokenException', 'UnrecognizedClientException',
  'InvalidSignatureException', 'IncompleteSignatureException', 'MissingAuthenticationToken']);

export class ApiError extends Error {
  constructor(type, message, status) {
    super(message);
    this.type = type;
    this.status = status;
  }

  get needsCredentials() {
    return AUTH_ERRORS.has(this.type);
  }

  toString() {
    return `${this.type}: ${this.message}`;
  }
}

export function currentCredentials() {
  return credentials;
}

/** Keeps credentials for this browser tab only (sessionStorage), never on the server. */
export function setCredentials(value) {
  credentials = value;
  if (value) sessionStorage.setItem(KEY, JSON.stringify(value));
  else sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l(value));
}

export function onCredentials(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function post(target, request) {
  const body = JSON.stringify(request ?? {});
  const headers = { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': target };
  if (credentials) Object.assign(headers, await signHeaders(credentials, location.host, target, body));
  const response = await fetch('/', { method: 'POST', headers, body });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const type = String(json.__type || response.statusText).split('#').pop();
    throw new ApiError(type, json.message || json.Message || '', response.status);
  }
  return json;
}

/** A DynamoDB action, e.g. call('Scan', { TableName: 'Music' }). */
export function call(action, request) {
  return post(`DynamoDB_20120810.${action}`, request);
}

/** A DynamoDB Streams action, e.g. streams('GetRecords', { ShardIterator }). */
export function streams(action, request) {
  return post(`DynamoDBStreams_20120810.${action}`, request);
}

/** All pages of a paginated listing. */
export async function listAll(action, request, itemsKey, lastKey, startKey) {
  const all = [];
  let start;
  do {
    const page = await call(action, start ? { ...request, [startKey]: start } : request);
    all.push(...(page[itemsKey] || []));
    start = page[lastKey];
  } while (start);
  return all;
}

/** The server's Prometheus metrics as text. */
export async function metricsText() {
  const response = await fetch('/metrics');
  if (!response.ok) throw new ApiError('MetricsUnavailable', `GET /metrics answered ${response.status}`,
    response.status);
  return response.text();
}
