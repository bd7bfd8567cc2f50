import { randomBytes } from 'node:crypto';
import { createReadStream, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  HTTP_CANCEL_ROUTE,
  HTTP_EVENTS_ROUTE,
  HTTP_UPLOAD_ROUTE,
  isOperationName,
  operationNames,
  httpRoute,
  REQUEST_ID_PATTERN,
} from '../../shared/api/contract';
import {
  contentSecurityPolicy,
  NONCE_PLACEHOLDER,
  SECURITY_HEADERS,
} from '../../shared/security/csp';
import {
  isUploadPurpose,
  MAX_REPORT_BYTES,
  UPLOAD_FILE_NAME_HEADER,
  UPLOAD_PURPOSE_HEADER,
} from '../../shared/api/uploads';
import type { AppCore } from '../core/app-core';
import { PORTABLE_EXTENSIONS } from '../core/ops/portable-handlers';
import type { Logger } from '../core/log/logger';
import { checkRequest, type GuardPolicy, type RouteKind } from './guard';
import { mediaTypeOf, resolveStaticFile } from '../core/web/static-files';

export const MAX_API_BODY_BYTES = 1024 * 1024;

export interface HostOptions {
  readonly core: AppCore;
  readonly staticDir: string;
  readonly log: Logger;
  /** Per-launch secret; a fresh random one when not given. */
  readonly token?: string;
  readonly maxUploadBytes?: number;
}

export interface RunningHost {
  readonly port: number;
  readonly token: string;
  /** The address to open, with the token in the fragment (never sent to the server). */
  readonly url: string;
  close(): Promise<void>;
}

const OP_PREFIX = '/api/op/';
const EXPORTS_PREFIX = '/api/exports/';

/** The routes the server answers on the API side, derived from the contract. */
export function apiRoutes(): string[] {
  return operationNames.map(httpRoute);
}

function routeKind(path: string): RouteKind {
  if (path === HTTP_UPLOAD_ROUTE) return 'upload';
  if (path.startsWith('/api/')) return 'api';

  return 'static';
}

function headerRecord(request: IncomingMessage): Record<string, string | undefined> {
  const record: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    record[name] = Array.isArray(value) ? value.join(', ') : value;
  }

  return record;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Reads a small JSON body, refusing it once it passes the limit. */
function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop reading; the caller answers 413 and then drops the connection.
        request.off('data', onData);
        request.pause();
        reject(new BodyError(413, 'Body too large'));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => {
      if (size === 0) {
        resolve({});
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new BodyError(400, 'Body is not JSON'));
      }
    });
    request.on('error', reject);
  });
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const log = options.log.child('host');
  const token = options.token ?? randomBytes(32).toString('base64url');
  const indexTemplate = readFileSync(
    resolveStaticFile(options.staticDir, '/index.html') ?? '',
    'utf8',
  );
  const policyRef: { current?: GuardPolicy } = {};

  const server: Server = createServer((request, response) => {
    const policy = policyRef.current;
    if (policy === undefined) {
      response.destroy();
      return;
    }
    handle(request, response, policy).catch(() => {
      if (!response.headersSent)
        sendJson(response, 500, {
          ok: false,
          error: { code: 'INTERNAL', message: 'Server error' },
        });
      else response.destroy();
    });
  });

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    guard: GuardPolicy,
  ): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const kind = routeKind(url.pathname);
    const decision = checkRequest(
      { method: request.method ?? 'GET', kind, headers: headerRecord(request) },
      guard,
    );
    if (!decision.allow) {
      log.info('request refused', { status: decision.status, reason: decision.reason, kind });
      // Answer without reading the body, then drop the connection.
      response.setHeader('Connection', 'close');
      response.on('finish', () => {
        request.socket.destroy();
      });
      sendJson(response, decision.status, {
        ok: false,
        error: { code: statusCode(decision.status), message: decision.reason },
      });
      return;
    }

    if (kind === 'static') {
      serveStatic(url.pathname, request.method === 'HEAD', response);
      return;
    }

    if (url.pathname.startsWith(EXPORTS_PREFIX) && request.method === 'GET') {
      sendExport(decodeURIComponent(url.pathname.slice(EXPORTS_PREFIX.length)), response);
      return;
    }

    if (url.pathname === HTTP_EVENTS_ROUTE && request.method === 'GET') {
      streamEvents(request, response);
      return;
    }

    if (request.method !== 'POST') {
      sendJson(response, 405, { ok: false, error: { code: 'INVALID_INPUT', message: 'Use POST' } });
      return;
    }

    if (kind === 'upload') {
      await receiveUpload(request, response);
      return;
    }

    let body: unknown;
    try {
      body = await readJsonBody(request, guard.maxApiBodyBytes);
    } catch (error) {
      const status = error instanceof BodyError ? error.status : 400;
      response.setHeader('Connection', 'close');
      response.on('finish', () => {
        request.socket.destroy();
      });
      sendJson(response, status, {
        ok: false,
        error: {
          code: status === 413 ? 'TOO_LARGE' : 'INVALID_INPUT',
          message: 'Bad request body',
        },
      });
      return;
    }

    const envelope = parseEnvelope(body);
    if (envelope === undefined) {
      sendJson(response, 400, {
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'Expected { input, requestId? }' },
      });
      return;
    }

    if (url.pathname === HTTP_CANCEL_ROUTE) {
      if (envelope.requestId !== undefined) options.core.cancel(envelope.requestId);
      sendJson(response, 200, { ok: true, value: null });
      return;
    }

    const name = url.pathname.startsWith(OP_PREFIX) ? url.pathname.slice(OP_PREFIX.length) : '';
    if (!isOperationName(name)) {
      sendJson(response, 404, {
        ok: false,
        error: { code: 'NOT_FOUND', message: 'No such operation' },
      });
      return;
    }

    const result = await options.core.call(name, envelope.input, envelope.requestId);
    sendJson(response, 200, result);
  }

  /**
   * The upload route streams the body straight into the vault, never to a
   * file or a buffer. The file's description travels base64url-encoded in a
   * header (the body is the file itself), the request id in another.
   */
  async function receiveUpload(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = request.headers['x-request-id'];
    if (
      requestId !== undefined &&
      (typeof requestId !== 'string' || !REQUEST_ID_PATTERN.test(requestId))
    ) {
      sendJson(response, 400, {
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'Bad request id' },
      });
      return;
    }

    const purpose = request.headers[UPLOAD_PURPOSE_HEADER] ?? 'evidence';
    if (!isUploadPurpose(purpose)) {
      refuseUnread(request, response, 400, 'INVALID_INPUT', 'Unknown upload purpose');
      return;
    }
    if (purpose !== 'evidence') {
      await receiveFile(request, response, purpose, requestId);
      return;
    }

    let description: unknown;
    try {
      const header = request.headers['x-evidence'];
      description = JSON.parse(
        Buffer.from(typeof header === 'string' ? header : '', 'base64url').toString('utf8'),
      );
    } catch {
      response.setHeader('Connection', 'close');
      sendJson(response, 400, {
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'Missing evidence description' },
      });
      return;
    }

    const declared = Number(request.headers['content-length']);
    if (Number.isSafeInteger(declared) && typeof description === 'object' && description !== null) {
      description = { ...description, sizeBytes: declared };
    }

    // A closed connection before the end is a cancelled upload.
    request.on('close', () => {
      if (!request.complete && requestId !== undefined) options.core.cancel(requestId);
    });
    const result = await options.core.receiveUpload(request, description, requestId);
    if (!response.destroyed)
      sendJson(response, result.ok ? 200 : uploadStatus(result.error.code), result);
  }

  /**
   * A report to verify or an assessment to import: not evidence, so it goes
   * to a short-lived handle in core rather than into the vault. A refusal
   * midway leaves the rest of the body unread, so the connection is closed.
   */
  async function receiveFile(
    request: IncomingMessage,
    response: ServerResponse,
    purpose: 'report' | 'portable',
    requestId: string | undefined,
  ): Promise<void> {
    const declared = Number(request.headers['content-length']);
    if (purpose === 'report' && Number.isSafeInteger(declared) && declared > MAX_REPORT_BYTES) {
      refuseUnread(
        request,
        response,
        413,
        'TOO_LARGE',
        `A report to verify can be at most ${String(MAX_REPORT_BYTES / (1024 * 1024))} MiB`,
      );
      return;
    }
    const nameHeader = request.headers[UPLOAD_FILE_NAME_HEADER];
    const fileName = Buffer.from(
      typeof nameHeader === 'string' ? nameHeader : '',
      'base64url',
    ).toString('utf8');

    request.on('close', () => {
      if (!request.complete && requestId !== undefined) options.core.cancel(requestId);
    });
    const result = await options.core.receiveFile(request, { purpose, fileName }, requestId);
    if (response.destroyed) return;
    if (result.ok) {
      sendJson(response, 200, result);
      return;
    }
    if (!request.complete) {
      // The rest of the body is never read: drop the connection once answered.
      response.setHeader('Connection', 'close');
      response.on('finish', () => {
        request.destroy();
      });
    }
    sendJson(response, uploadStatus(result.error.code), result);
  }

  /** Answers without reading the body, then drops the connection. */
  function refuseUnread(
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    code: string,
    message: string,
  ): void {
    response.setHeader('Connection', 'close');
    response.on('finish', () => {
      request.destroy();
    });
    sendJson(response, status, { ok: false, error: { code, message } });
  }

  /**
   * A signed report the person exported, as a download. Served as an
   * attachment with a CSP that forbids everything, so that the browser never
   * renders it inside the app's origin.
   */
  function sendExport(fileName: string, response: ServerResponse): void {
    const file = options.core.exportedFile(fileName);
    if (file === undefined) {
      sendJson(response, 404, {
        ok: false,
        error: { code: 'NOT_FOUND', message: 'No such export' },
      });
      return;
    }

    // Streamed: a portable bundle carries the evidence files and can be large.
    const size = statSync(file).size;
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/octet-stream',
      'Content-Length': size,
      // An ASCII fallback name, and the exact name for browsers that read RFC 6266's filename*.
      'Content-Disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'Content-Security-Policy': "default-src 'none'; sandbox; frame-ancestors 'none'",
      'Cache-Control': 'no-store',
    });
    const stream = createReadStream(file);
    stream.on('error', () => response.destroy());
    // A portable copy waits in the exports folder only until it is fetched:
    // the plain JSON form is not encrypted and must not linger there.
    if (PORTABLE_EXTENSIONS.some((extension) => file.endsWith(extension))) {
      response.on('finish', () => {
        rmSync(file, { force: true });
      });
    }
    stream.pipe(response);
  }

  function serveStatic(pathname: string, headOnly: boolean, response: ServerResponse): void {
    const file = resolveStaticFile(options.staticDir, pathname === '/' ? '/index.html' : pathname);
    if (file === undefined) {
      response.writeHead(404, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      response.end('Not found');
      return;
    }

    const nonce = randomBytes(18).toString('base64');
    const isIndex = file.endsWith('index.html');
    const body = isIndex
      ? Buffer.from(indexTemplate.split(NONCE_PLACEHOLDER).join(nonce))
      : readFileSync(file);
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': mediaTypeOf(file),
      'Content-Length': body.length,
      'Content-Security-Policy': contentSecurityPolicy(nonce),
      'Cache-Control': isIndex ? 'no-store' : 'no-cache',
    });
    response.end(headOnly ? undefined : body);
  }

  function streamEvents(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    const unsubscribe = options.core.events.subscribe((event) => {
      response.write(`data: ${JSON.stringify(event)}\n\n`);
    });
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    request.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 0;

  const port = (server.address() as AddressInfo).port;
  policyRef.current = {
    port,
    token,
    maxApiBodyBytes: MAX_API_BODY_BYTES,
    maxUploadBytes: options.maxUploadBytes ?? 1024 * 1024 * 1024,
  };
  log.info('browser mode listening', { port });

  return {
    port,
    token,
    url: `http://127.0.0.1:${String(port)}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

function parseEnvelope(
  body: unknown,
): { input: unknown; requestId: string | undefined } | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;

  const record = body as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.some((key) => key !== 'input' && key !== 'requestId')) return undefined;

  const requestId = record['requestId'];
  if (
    requestId !== undefined &&
    (typeof requestId !== 'string' || !REQUEST_ID_PATTERN.test(requestId))
  ) {
    return undefined;
  }

  return { input: record['input'] ?? {}, requestId };
}

function statusCode(status: number): string {
  switch (status) {
    case 401:
      return 'UNAUTHORIZED';
    case 413:
      return 'TOO_LARGE';
    case 400:
    case 405:
      return 'INVALID_INPUT';
    default:
      return 'FORBIDDEN';
  }
}

function uploadStatus(code: string): number {
  switch (code) {
    case 'TOO_LARGE':
      return 413;
    case 'INVALID_INPUT':
      return 400;
    case 'VAULT_LOCKED':
      return 423;
    default:
      return code === 'CARD_DATA_DETECTED' ? 422 : 500;
  }
}
