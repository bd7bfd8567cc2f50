/**
 * Every log line passes through here before it is written anywhere. Logs are
 * meant to hold ids, codes and timings; this is the safety net for the day a
 * value slips in: anything shaped like a card number, key material or a
 * personal path is replaced.
 */

const CARD_LIKE = /(?<![\dA-Za-z])\d(?:[ -]?\d){12,18}(?![\dA-Za-z])/g;
const SQL_HEX_KEY = /x'[0-9a-fA-F]*'?/g;
const LONG_HEX = /\b[0-9a-fA-F]{32,}\b/g;
const LONG_BASE64 = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;
const POSIX_HOME = /(?:\/home|\/Users)\/[^/\s'"]+/g;
const ROOT_HOME = /(?<![\w.])\/root(?=\/|\b)/g;
const WINDOWS_HOME = /[A-Za-z]:\\(?:Users|Documents and Settings)\\[^\\\s'"]+/gi;

/** Keys whose values are never logged, whatever they hold. */
const SECRET_KEYS =
  /pass(?:phrase|word)?|secret|token|recovery|key$|^key|pin|signature|content|text|answer|note/i;

export function redactText(text: string, homeDir?: string): string {
  let out = text;
  if (homeDir !== undefined && homeDir.length > 1) {
    out = out.split(homeDir).join('~');
  }

  return out
    .replace(PEM_BLOCK, '[redacted-pem]')
    .replace(SQL_HEX_KEY, '[redacted-key]')
    .replace(LONG_HEX, '[redacted-hex]')
    .replace(LONG_BASE64, '[redacted-b64]')
    .replace(CARD_LIKE, '[redacted-digits]')
    .replace(POSIX_HOME, '~')
    .replace(ROOT_HOME, '~')
    .replace(WINDOWS_HOME, '~');
}

export type LogValue = string | number | boolean | null | undefined | LogValue[] | LogFields;
export interface LogFields {
  readonly [key: string]: LogValue;
}

/** Redacts a structured log record: secret-named keys lose their values. */
export function redactFields(fields: LogFields, homeDir?: string): LogFields {
  const out: Record<string, LogValue> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = SECRET_KEYS.test(key) ? '[redacted]' : redactValue(value, homeDir);
  }

  return out;
}

function redactValue(value: LogValue, homeDir?: string): LogValue {
  if (typeof value === 'string') return redactText(value, homeDir);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, homeDir));
  if (value !== null && typeof value === 'object') return redactFields(value, homeDir);

  return value;
}
