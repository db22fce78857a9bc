// AWS Signature Version 4 for the console's POSTs, computed with the browser's WebCrypto
// (which needs a secure context: https, or http on localhost / 127.0.0.1).
const encoder = new TextEncoder();

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function sha256(text) {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

async function hmac(key, text) {
  const raw = typeof key === 'string' ? encoder.encode(key) : key;
  const k = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, encoder.encode(text)));
}

/**
 * The headers that sign a POST / of `body` with X-Amz-Target `target` to `host`.
 * Streams actions are signed for the "dynamodb" service too, as AWS does.
 */
export async function signHeaders(credentials, host, target, body, now = new Date()) {
  const amzDate = now.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const region = credentials.region || 'us-east-1';
  const headers = {
    'content-type': 'application/x-amz-json-1.0',
    host,
    'x-amz-date': amzDate,
    'x-amz-target': target,
  };
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonical = ['POST', '/', '', names.map((n) => `${n}:${headers[n]}\n`).join(''), signedHeaders,
    await sha256(body)].join('\n');
  const scope = `${day}/${region}/dynamodb/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, await sha256(canonical)].join('\n');
  let key = await hmac('AWS4' + credentials.secretAccessKey, day);
  key = await hmac(key, region);
  key = await hmac(key, 'dynamodb');
  key = await hmac(key, 'aws4_request');
  const signature = hex(await hmac(key, toSign));
  const result = {
    'X-Amz-Date': amzDate,
    Authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, `
      + `SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
  if (credentials.sessionToken) result['X-Amz-Security-Token'] = credentials.sessionToken;
  return result;
}
