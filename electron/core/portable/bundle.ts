import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { OperationError } from '../../../shared/api/result';
import { derivePassphraseKey, DEFAULT_SCRYPT, type ScryptParams } from '../vault/key-file';

/**
 * The encrypted bundle: one file holding an assessment's JSON and its
 * evidence files, sealed with a key derived from a passphrase.
 *
 *   magic "PSAQBNDL" | u32 header length | header JSON | records...
 *
 * The header is plain JSON (format, version, scrypt parameters and salt,
 * nonce prefix, record size, key check). Everything after it is a stream of
 * records, each AES-256-GCM over at most `recordBytes` of plaintext:
 *
 *   u32 word (top bit: last record; the rest: plaintext length) | ciphertext | 16-byte tag
 *
 * The nonce is the header's 7-byte prefix, the record's 32-bit counter and
 * the last-record flag, and every record authenticates the magic and header
 * as additional data: a changed header, a record moved, dropped, repeated or
 * cut off, or bytes appended after the last record all fail to open. Records
 * are decrypted and checked one at a time, so memory stays flat whatever the
 * size of the evidence.
 *
 * Inside, the plaintext is a sequence of entries: a kind byte (1 = file,
 * 0 = end), then for a file a u16 name length, the UTF-8 name, a u64 size
 * and the bytes. The first entry is `assessment.json`; evidence files follow
 * as `evidence/<sha256>`. No other kinds exist: a reader refuses links and
 * folders rather than skipping them.
 */

export const BUNDLE_FORMAT = 'pci-saq-bundle';
export const BUNDLE_VERSION = 1;
export const DOCUMENT_ENTRY = 'assessment.json';

const MAGIC = Buffer.from('PSAQBNDL', 'latin1');
const DEFAULT_RECORD_BYTES = 64 * 1024;
const MAX_RECORD_BYTES = 4 * 1024 * 1024;
const MAX_HEADER_BYTES = 16 * 1024;
const LAST_RECORD = 0x8000_0000;
const TAG_BYTES = 16;
const KEY_CHECK_LABEL = 'pci-saq-bundle key check';
const CIPHER_KEY_LABEL = 'pci-saq-bundle cipher key';

const ENTRY_END = 0;
const ENTRY_FILE = 1;

const headerSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    kdf: z
      .object({
        name: z.literal('scrypt'),
        // Bounded so that a hostile header cannot ask for gigabytes of memory.
        N: z
          .number()
          .int()
          .min(2 ** 10)
          .max(2 ** 20)
          .refine((value) => (value & (value - 1)) === 0, 'N must be a power of two'),
        r: z.number().int().min(1).max(32),
        p: z.number().int().min(1).max(16),
        salt: z.string().regex(/^[A-Za-z0-9+/]{22}==$/),
      })
      .strict(),
    cipher: z.literal('aes-256-gcm'),
    noncePrefix: z.string().regex(/^[0-9a-f]{14}$/),
    recordBytes: z.number().int().min(1024).max(MAX_RECORD_BYTES),
    keyCheck: z.string().regex(/^[0-9a-f]{32}$/),
  })
  .strict();
type BundleHeader = z.output<typeof headerSchema>;

/** The bundle's passphrase (not the vault's) does not fit: said apart so a person knows which. */
export class WrongBundlePassphrase extends OperationError {
  constructor() {
    super('WRONG_PASSPHRASE', 'The bundle passphrase is wrong.');
  }
}

export function bundleDamaged(detail: string): OperationError {
  return new OperationError('INVALID_INPUT', `The bundle is damaged or was altered (${detail}).`);
}

function keysFrom(master: Buffer): { cipherKey: Buffer; keyCheck: string } {
  return {
    cipherKey: createHmac('sha256', master).update(CIPHER_KEY_LABEL).digest(),
    keyCheck: createHmac('sha256', master).update(KEY_CHECK_LABEL).digest('hex').slice(0, 32),
  };
}

function nonceFor(prefix: Buffer, counter: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(counter, 7);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** Looks like a bundle (rather than JSON): starts with the magic bytes. */
export function isBundle(head: Uint8Array): boolean {
  return head.length >= MAGIC.length && Buffer.from(head.subarray(0, MAGIC.length)).equals(MAGIC);
}

// ---------------------------------------------------------------- writing

export interface BundleWriterOptions {
  readonly scrypt?: ScryptParams;
  readonly recordBytes?: number;
}

/**
 * Writes a bundle to an open file handle, sealing a record whenever
 * `recordBytes` of plaintext are collected.
 */
export class BundleWriter {
  readonly #handle: FileHandle;
  readonly #key: Buffer;
  readonly #prefix: Buffer;
  readonly #aad: Buffer;
  readonly #record: Buffer;
  #filled = 0;
  #counter = 0;
  #ended = false;

  private constructor(handle: FileHandle, key: Buffer, header: BundleHeader, prologue: Buffer) {
    this.#handle = handle;
    this.#key = key;
    this.#prefix = Buffer.from(header.noncePrefix, 'hex');
    this.#aad = prologue;
    this.#record = Buffer.alloc(header.recordBytes);
  }

  static async start(
    handle: FileHandle,
    passphrase: string,
    options: BundleWriterOptions = {},
  ): Promise<BundleWriter> {
    const params = options.scrypt ?? DEFAULT_SCRYPT;
    const salt = randomBytes(16);
    const master = await derivePassphraseKey(passphrase, salt, params);
    const { cipherKey, keyCheck } = keysFrom(master);
    master.fill(0);
    const header: BundleHeader = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      kdf: { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: salt.toString('base64') },
      cipher: 'aes-256-gcm',
      noncePrefix: randomBytes(7).toString('hex'),
      recordBytes: options.recordBytes ?? DEFAULT_RECORD_BYTES,
      keyCheck,
    };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(headerBytes.length);
    const prologue = Buffer.concat([MAGIC, length, headerBytes]);
    await writeAll(handle, prologue);

    return new BundleWriter(handle, cipherKey, header, prologue);
  }

  /** Adds a file entry whose bytes come from `source` and must add up to `size`. */
  async addFile(
    name: string,
    size: number,
    source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  ): Promise<void> {
    const nameBytes = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(1 + 2 + nameBytes.length + 8);
    head[0] = ENTRY_FILE;
    head.writeUInt16BE(nameBytes.length, 1);
    nameBytes.copy(head, 3);
    head.writeBigUInt64BE(BigInt(size), 3 + nameBytes.length);
    await this.#push(head);

    let written = 0;
    for await (const piece of source) {
      written += piece.length;
      if (written > size) throw new Error(`${name} is longer than announced`);
      await this.#push(piece);
    }
    if (written !== size) throw new Error(`${name} is shorter than announced`);
  }

  /** Writes the end entry and the last record. */
  async end(): Promise<void> {
    if (this.#ended) return;
    await this.#push(Buffer.from([ENTRY_END]));
    await this.#seal(true);
    this.#ended = true;
    this.#key.fill(0);
  }

  async #push(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      if (this.#filled === this.#record.length) await this.#seal(false);
      const take = Math.min(bytes.length - offset, this.#record.length - this.#filled);
      this.#record.set(bytes.subarray(offset, offset + take), this.#filled);
      this.#filled += take;
      offset += take;
    }
  }

  async #seal(last: boolean): Promise<void> {
    const cipher = createCipheriv(
      'aes-256-gcm',
      this.#key,
      nonceFor(this.#prefix, this.#counter, last),
    );
    cipher.setAAD(this.#aad);
    const plaintext = this.#record.subarray(0, this.#filled);
    const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    const word = Buffer.alloc(4);
    word.writeUInt32BE((last ? LAST_RECORD : 0) + this.#filled);
    await writeAll(this.#handle, Buffer.concat([word, sealed]));
    this.#counter += 1;
    this.#filled = 0;
  }
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const result = await handle.write(bytes, written, bytes.length - written);
    written += result.bytesWritten;
  }
}

// ---------------------------------------------------------------- reading

export type BundleEntry =
  | { readonly kind: 'file'; readonly name: string; readonly size: number }
  | { readonly kind: 'end' };

/**
 * Reads a bundle from an open file handle, one authenticated record at a
 * time. Nothing is handed out before its record's tag was checked.
 */
export class BundleReader {
  readonly #handle: FileHandle;
  readonly #key: Buffer;
  readonly #prefix: Buffer;
  readonly #aad: Buffer;
  readonly #recordBytes: number;
  #position: number;
  #counter = 0;
  #sawLast = false;
  #plain: Buffer = Buffer.alloc(0);
  #plainOffset = 0;

  private constructor(handle: FileHandle, key: Buffer, header: BundleHeader, prologue: Buffer) {
    this.#handle = handle;
    this.#key = key;
    this.#prefix = Buffer.from(header.noncePrefix, 'hex');
    this.#aad = prologue;
    this.#recordBytes = header.recordBytes;
    this.#position = prologue.length;
  }

  /** Reads the header and checks the passphrase (WRONG_PASSPHRASE when it does not fit). */
  static async open(handle: FileHandle, passphrase: string): Promise<BundleReader> {
    const start = await readAt(handle, 0, MAGIC.length + 4);
    if (start.length < MAGIC.length + 4 || !isBundle(start)) throw bundleDamaged('not a bundle');
    const headerLength = start.readUInt32BE(MAGIC.length);
    if (headerLength > MAX_HEADER_BYTES) throw bundleDamaged('header too large');
    const headerBytes = await readAt(handle, start.length, headerLength);
    if (headerBytes.length !== headerLength) throw bundleDamaged('header cut off');

    let header: BundleHeader;
    try {
      header = headerSchema.parse(JSON.parse(headerBytes.toString('utf8')));
    } catch {
      throw bundleDamaged('header unreadable');
    }
    const { kdf } = header;
    const master = await derivePassphraseKey(passphrase, Buffer.from(kdf.salt, 'base64'), kdf);
    const { cipherKey, keyCheck } = keysFrom(master);
    master.fill(0);
    if (keyCheck !== header.keyCheck) {
      throw new WrongBundlePassphrase();
    }

    return new BundleReader(handle, cipherKey, header, Buffer.concat([start, headerBytes]));
  }

  /** The next entry's head; refuses kinds other than file and end. */
  async nextEntry(): Promise<BundleEntry> {
    const kind = (await this.#take(1))[0];
    if (kind === ENTRY_END) return { kind: 'end' };
    if (kind !== ENTRY_FILE) {
      throw new OperationError(
        'INVALID_INPUT',
        'The bundle holds an entry that is not a plain file (a link or a folder); refused.',
      );
    }
    const nameLength = (await this.#take(2)).readUInt16BE(0);
    const name = (await this.#take(nameLength)).toString('utf8');
    const size = (await this.#take(8)).readBigUInt64BE(0);
    if (size > BigInt(Number.MAX_SAFE_INTEGER)) throw bundleDamaged('entry size');

    return { kind: 'file', name, size: Number(size) };
  }

  /** Reads exactly `size` bytes of the current entry into memory (small entries only). */
  async readBytes(size: number): Promise<Buffer> {
    return this.#take(size);
  }

  /** The current entry's bytes, as they are decrypted. */
  async *stream(size: number): AsyncGenerator<Buffer> {
    let left = size;
    while (left > 0) {
      if (this.#plainOffset === this.#plain.length) await this.#nextRecord();
      const take = Math.min(left, this.#plain.length - this.#plainOffset);
      const piece = this.#plain.subarray(this.#plainOffset, this.#plainOffset + take);
      this.#plainOffset += take;
      left -= take;
      yield piece;
    }
  }

  /** After the end entry: the last record was read and nothing follows it. */
  async assertFinished(): Promise<void> {
    if (this.#plainOffset !== this.#plain.length || !this.#sawLast) {
      throw bundleDamaged('data after the end entry');
    }
    const more = await readAt(this.#handle, this.#position, 1);
    if (more.length > 0) throw bundleDamaged('bytes after the last record');
    this.#key.fill(0);
  }

  async #take(size: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const piece of this.stream(size)) parts.push(piece);
    return parts.length === 1 && parts[0] !== undefined ? parts[0] : Buffer.concat(parts);
  }

  async #nextRecord(): Promise<void> {
    if (this.#sawLast) throw bundleDamaged('entry runs past the last record');
    const wordBytes = await readAt(this.#handle, this.#position, 4);
    if (wordBytes.length < 4) throw bundleDamaged('cut off');
    const word = wordBytes.readUInt32BE(0);
    const last = (word & LAST_RECORD) !== 0;
    const length = word & ~LAST_RECORD;
    if (length > this.#recordBytes) throw bundleDamaged('record too large');
    const sealed = await readAt(this.#handle, this.#position + 4, length + TAG_BYTES);
    if (sealed.length < length + TAG_BYTES) throw bundleDamaged('cut off');

    const decipher = createDecipheriv(
      'aes-256-gcm',
      this.#key,
      nonceFor(this.#prefix, this.#counter, last),
    );
    decipher.setAAD(this.#aad);
    decipher.setAuthTag(sealed.subarray(length));
    try {
      this.#plain = Buffer.concat([decipher.update(sealed.subarray(0, length)), decipher.final()]);
    } catch {
      throw bundleDamaged(`record ${String(this.#counter)} fails its check`);
    }
    this.#plainOffset = 0;
    this.#position += 4 + length + TAG_BYTES;
    this.#counter += 1;
    this.#sawLast = last;
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? buffer : buffer.subarray(0, filled);
}
