/**
 * A separate process for the kill test: unlocks the vault in the folder it
 * is given and imports an endless stream of evidence, printing a line after
 * each chunk until the test kills it with SIGKILL, or until the import is
 * refused (a file size limit standing in for a full disk), when it prints
 * `{"code":...}` and closes the vault.
 *
 * Usage: node --import tsx import-child.test-support.ts <vault root>
 */
import { join } from 'node:path';
import { OperationError } from '../../../shared/api/result';
import { EventHub } from '../events';
import { silentLogger } from '../log/logger';
import { vaultPaths } from '../paths';
import { CHEAP_SCRYPT, TEST_PASSPHRASE } from '../vault/testing';
import { VaultService } from '../vault/vault-service';
import { sessionEvidenceDatabase } from './evidence-database';
import { DEFAULT_CHUNK_BYTES, evidenceStoreFor } from './evidence-store';

const root = process.argv[2];
if (root === undefined) throw new Error('usage: import-child <vault root>');

const service = new VaultService({
  paths: vaultPaths(join(root, 'vault')),
  backupsDir: join(root, 'backups'),
  door: 'cli',
  log: silentLogger,
  events: new EventHub(),
  scrypt: CHEAP_SCRYPT,
});
await service.unlock({ passphrase: TEST_PASSPHRASE });
const store = evidenceStoreFor(sessionEvidenceDatabase(service.session()), { door: 'cli' });

async function* endless(): AsyncGenerator<Buffer> {
  const piece = Buffer.alloc(64 * 1024, 0x5a);
  for (let index = 0; ; index += 1) {
    piece.writeUInt32LE(index, 0);
    yield piece;
    await Promise.resolve();
  }
}

let reported = 0;
try {
  await store.importEvidence(
    endless(),
    { title: 'Never finishes', fileName: 'endless.bin', kind: 'other' },
    {
      onProgress: (done) => {
        const chunks = Math.floor(done / DEFAULT_CHUNK_BYTES);
        if (chunks > reported) {
          reported = chunks;
          process.stdout.write(`chunks ${chunks}\n`);
        }
      },
    },
  );
} catch (error) {
  // Only a refusal ends it (a full disk); the test reads the code.
  const code = error instanceof OperationError ? error.code : 'INTERNAL';
  process.stdout.write(`${JSON.stringify({ code })}\n`);
  await service.close();
}
