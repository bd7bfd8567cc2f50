import { describe, expect, it } from 'vitest';
import { checkRequest, type GuardPolicy, type GuardRequest, type RouteKind } from './guard';

const PORT = 43123;
const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz012345';
const policy: GuardPolicy = {
  port: PORT,
  token: TOKEN,
  maxApiBodyBytes: 1024,
  maxUploadBytes: 10_000,
};

const base = {
  host: `127.0.0.1:${String(PORT)}`,
  authorization: `Bearer ${TOKEN}`,
};

function request(
  kind: RouteKind,
  headers: Record<string, string | undefined>,
  method = 'POST',
): GuardRequest {
  return { kind, method, headers: { ...base, ...headers } };
}

describe('browser-mode guard', () => {
  const cases: [string, GuardRequest, number | 'allow'][] = [
    [
      'API call with the token from the page',
      request('api', { origin: `http://127.0.0.1:${String(PORT)}` }),
      'allow',
    ],
    [
      'API call via localhost with the port',
      request('api', {
        host: `localhost:${String(PORT)}`,
        origin: `http://localhost:${String(PORT)}`,
      }),
      'allow',
    ],
    [
      'API call without Origin (same-origin navigation or local tool) but with token',
      request('api', {}),
      'allow',
    ],
    ['no token', request('api', { authorization: undefined }), 401],
    ['wrong token', request('api', { authorization: `Bearer ${TOKEN.slice(0, -1)}x` }), 401],
    [
      'token of another length',
      request('api', { authorization: 'Bearer short_but_valid_chars_123' }),
      401,
    ],
    ['token without Bearer', request('api', { authorization: TOKEN }), 401],
    ['foreign Host (DNS rebinding)', request('api', { host: `evil.example:${String(PORT)}` }), 421],
    ['loopback Host on another port', request('api', { host: '127.0.0.1:1' }), 421],
    ['Host without port', request('api', { host: '127.0.0.1' }), 421],
    ['missing Host', request('api', { host: undefined }), 421],
    ['foreign Origin', request('api', { origin: 'https://evil.example' }), 403],
    ['Origin null (sandboxed frame, file:)', request('api', { origin: 'null' }), 403],
    ['Origin on another loopback port', request('api', { origin: 'http://127.0.0.1:8080' }), 403],
    ['cross-site fetch metadata', request('api', { 'sec-fetch-site': 'cross-site' }), 403],
    [
      'same-site (other port) fetch metadata on the API',
      request('api', { 'sec-fetch-site': 'same-site' }),
      403,
    ],
    [
      'cross-site navigation to a static file',
      request('static', { 'sec-fetch-site': 'cross-site' }, 'GET'),
      403,
    ],
    ['static file without token', request('static', { authorization: undefined }, 'GET'), 'allow'],
    [
      'static file with foreign Host',
      request('static', { host: 'rebind.example', authorization: undefined }, 'GET'),
      421,
    ],
    ['POST to a static path', request('static', {}, 'POST'), 405],
    ['PUT to the API', request('api', {}, 'PUT'), 405],
    ['API body at the limit', request('api', { 'content-length': '1024' }), 'allow'],
    ['oversize API body', request('api', { 'content-length': '1025' }), 413],
    ['bad Content-Length', request('api', { 'content-length': '12abc' }), 400],
    [
      'upload within its own larger limit',
      request('upload', { 'content-length': '5000' }),
      'allow',
    ],
    ['oversize upload', request('upload', { 'content-length': '10001' }), 413],
    ['upload without token', request('upload', { authorization: undefined }), 401],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    const decision = checkRequest(input, policy);
    if (expected === 'allow') {
      expect(decision).toEqual({ allow: true });
    } else {
      expect(decision.allow).toBe(false);
      expect(decision.allow ? 0 : decision.status).toBe(expected);
    }
  });
});
