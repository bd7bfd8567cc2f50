/**
 * A separate process for the vault tests that need one: holding the write
 * lock, being killed mid-write, running as another user or under a file
 * size limit. Run as `node CHILD MODE VAULT_DIR [ARGS...]` (the tests bundle
 * it first, see child-process.test-support.ts). It reports on stdout, one
 * line per event: `ready`, `ack ...` after each durable step, and for the
 * probing modes one JSON line with the outcome.
 */
import { join } from 'node:path';
import { OperationError } from '../../../shared/api/result';
import { EventHub } from '../events';
import { silentLogger } from '../log/logger';
import { vaultPaths } from '../paths';
import { saveAnswer } from '../store/answers-repository';
import { CHEAP_SCRYPT, markerPayload } from './testing';
import { VaultService } from './vault-service';

const [mode = '', vaultDir = '', ...rest] = process.argv.slice(2);
const say = (line: string) => {
  process.stdout.write(`${line}\n`);
};

function service(): VaultService {
  return new VaultService({
    paths: vaultPaths(vaultDir),
    backupsDir: join(vaultDir, '..', 'backups'),
    door: 'cli',
    log: silentLogger,
    events: new EventHub(),
    scrypt: CHEAP_SCRYPT,
  });
}

function codeOf(error: unknown): string {
  return error instanceof OperationError ? error.code : `unexpected:${String(error)}`;
}

async function main(): Promise<void> {
  const vault = service();

  switch (mode) {
    case 'hold': {
      await vault.unlock({ passphrase: rest[0] ?? '' });
      say('ready');
      // Keep the lock until killed.
      setInterval(() => undefined, 60_000);
      return;
    }

    case 'answers': {
      const [passphrase = '', firstRow = '0', marker = 'marker'] = rest;
      await vault.unlock({ passphrase });
      say('ready');
      const session = vault.session();
      for (let row = Number(firstRow); ; row += 1) {
        session.write('cli', (transaction) => {
          saveAnswer(
            transaction,
            {
              assessmentId: 'assessment-1',
              rowId: `r${row}`,
              response: row % 2 === 0 ? 'in-place' : 'not-applicable',
              payload: markerPayload(row, marker),
            },
            new Date(),
          );
        });
        say(`ack ${row}`);
      }
    }

    case 'rewrap': {
      // Alternates the passphrase between two values; `ack N` after change N.
      const [first = '', second = ''] = rest;
      await vault.unlock({ passphrase: first });
      say('ready');
      for (let change = 1; ; change += 1) {
        const [from, to] = change % 2 === 1 ? [first, second] : [second, first];
        await vault.changePassphrase(from, to);
        say(`ack ${change}`);
      }
    }

    case 'backup': {
      const [passphrase = '', destination = ''] = rest;
      await vault.unlock({ passphrase });
      say('ready');
      for (;;) {
        const backup = await vault.backup(destination);
        say(`ack ${backup.name}`);
      }
    }

    case 'probe-write': {
      // Unlock, then save one answer: reports where it stopped and why.
      const [passphrase = ''] = rest;
      try {
        await vault.unlock({ passphrase });
      } catch (error) {
        say(JSON.stringify({ step: 'unlock', code: codeOf(error) }));
        return;
      }
      try {
        vault.session().write('cli', (transaction) => {
          saveAnswer(
            transaction,
            { assessmentId: 'assessment-1', rowId: 'probe', response: 'in-place', payload: {} },
            new Date(),
          );
        });
        say(JSON.stringify({ step: 'write', code: 'OK' }));
      } catch (error) {
        say(JSON.stringify({ step: 'write', code: codeOf(error) }));
      } finally {
        await vault.close();
      }
      return;
    }

    case 'fill': {
      // Writes large answers until the disk (or the file size limit) is full.
      const [passphrase = '', marker = 'marker'] = rest;
      // With `ulimit -f`, a write past the limit raises SIGXFSZ; ignoring it
      // turns the signal into a failed write, as on a full disk.
      process.on('SIGXFSZ', () => undefined);
      await vault.unlock({ passphrase });
      const session = vault.session();
      let outcome = 'none';
      for (let row = 0; row < 100_000; row += 1) {
        try {
          session.write('cli', (transaction) => {
            saveAnswer(
              transaction,
              {
                assessmentId: 'assessment-1',
                rowId: `fill${row}`,
                response: 'in-place',
                payload: { ...markerPayload(row, marker), padding: 'x'.repeat(16_000) },
              },
              new Date(),
            );
          });
          say(`ack ${row}`);
        } catch (error) {
          outcome = codeOf(error);
          break;
        }
      }
      await vault.close();
      say(JSON.stringify({ step: 'fill', code: outcome }));
      return;
    }

    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

await main();
