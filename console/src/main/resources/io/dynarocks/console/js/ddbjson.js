// DynamoDB JSON ({"S": "x"}, {"N": "1"}, …) and plain JSON, both ways, with validation.
const TYPES = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'BOOL', 'NULL'];
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** An attribute value as plain JSON; sets become arrays and binary its base64 text. */
export function toPlain(av) {
  const [type, v] = Object.entries(av)[0];
  switch (type) {
    case 'N': return numberToPlain(v);
    case 'NS': return v.map(numberToPlain);
    case 'M': return itemToPlain(v);
    case 'L': return v.map(toPlain);
    case 'NULL': return null;
    default: return v; // S, B, SS, BS, BOOL
  }
}

function numberToPlain(n) {
  const x = Number(n);
  return Number.isSafeInteger(x) || (Number.isFinite(x) && !/\d{16,}/.test(n)) ? x : n;
}

export function itemToPlain(item) {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, toPlain(v)]));
}

/** Plain JSON as an attribute value: strings S, numbers N, booleans BOOL, null NULL, arrays L, objects M. */
export function fromPlain(value, path = '') {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path}: not a DynamoDB number`);
    return { N: String(value) };
  }
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map((v, i) => fromPlain(v, `${path}[${i}]`)) };
  return { M: itemFromPlain(value, path) };
}

export function itemFromPlain(object, path = '') {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) {
    throw new Error(`${path || 'The item'} must be a JSON object`);
  }
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, fromPlain(v, path ? `${path}.${k}` : k)]));
}

/** True when the plain form keeps every type (no sets, binary or numbers JavaScript would round). */
export function plainIsExact(item) {
  const exact = (av) => {
    const [type, v] = Object.entries(av)[0];
    if (['SS', 'NS', 'BS', 'B'].includes(type)) return false;
    if (type === 'N') return typeof numberToPlain(v) === 'number' && String(Number(v)) === v;
    if (type === 'M') return Object.values(v).every(exact);
    if (type === 'L') return v.every(exact);
    return true;
  };
  return Object.values(item).every(exact);
}

/** Checks an item in DynamoDB JSON; throws an Error naming the first bad attribute. */
export function validateItem(item) {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new Error('The item must be a JSON object');
  for (const [name, av] of Object.entries(item)) validateValue(av, name);
  return item;
}

function validateValue(av, path) {
  if (av === null || typeof av !== 'object' || Array.isArray(av)) {
    throw new Error(`${path}: expected an attribute value such as {"S": "text"}`);
  }
  const keys = Object.keys(av);
  if (keys.length !== 1 || !TYPES.includes(keys[0])) {
    throw new Error(`${path}: an attribute value has exactly one of ${TYPES.join(', ')}`);
  }
  const [type] = keys;
  const v = av[type];
  const fail = (what) => { throw new Error(`${path}: ${type} must be ${what}`); };
  switch (type) {
    case 'S': case 'B': if (typeof v !== 'string') fail('a string'); break;
    case 'N': if (typeof v !== 'string' || !NUMBER.test(v)) fail('a number written as a string, e.g. "42"'); break;
    case 'SS': case 'BS':
      if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string')) fail('a non-empty list of strings');
      if (new Set(v).size !== v.length) fail('free of duplicates');
      break;
    case 'NS':
      if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string' || !NUMBER.test(x))) {
        fail('a non-empty list of numbers written as strings');
      }
      break;
    case 'BOOL': if (typeof v !== 'boolean') fail('true or false'); break;
    case 'NULL': if (v !== true) fail('true'); break;
    case 'M':
      if (v === null || typeof v !== 'object' || Array.isArray(v)) fail('an object');
      Object.entries(v).forEach(([k, x]) => validateValue(x, `${path}.${k}`));
      break;
    case 'L':
      if (!Array.isArray(v)) fail('a list');
      v.forEach((x, i) => validateValue(x, `${path}[${i}]`));
      break;
    default: break;
  }
}

/** A short text for a table cell. */
export function cellText(av) {
  if (av === undefined) return '';
  const [type, v] = Object.entries(av)[0];
  switch (type) {
    case 'S': case 'N': case 'B': return v;
    case 'BOOL': return String(v);
    case 'NULL': return 'null';
    case 'SS': case 'NS': case 'BS': return `{${v.join(', ')}}`;
    default: return JSON.stringify(toPlain(av));
  }
}

/** Orders attribute values for sorting a page: numbers by value, everything else by its text. */
export function compareValues(a, b) {
  if (a === undefined || b === undefined) return (a === undefined) - (b === undefined);
  if (a.N !== undefined && b.N !== undefined) return Number(a.N) - Number(b.N);
  return cellText(a).localeCompare(cellText(b));
}

/** The value for an attribute of key type S, N or B typed into a form. */
export function keyValue(type, text) {
  if (type === 'N') {
    if (!NUMBER.test(text.trim())) throw new Error(`"${text}" is not a number`);
    return { N: text.trim() };
  }
  return { [type]: text };
}
