import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support';
import { browserSession } from './session';
import {
  activeRow,
  checkScreen,
  choose,
  createVault,
  field,
  goToStep,
  heading,
} from './wizard-support';

/**
 * The evidence library in browser mode: files go in through the real upload
 * route from the file input, are listed, previewed inside the page, linked to
 * a questionnaire row, saved as a copy through a download, and deleted; a
 * file with a test card number is refused with the reason.
 */

const app = browserSession('evidence');

/** Text with markup in it: the preview must show the angle brackets, not bold text. */
const FIREWALL_TEXT = `Firewall rule review, Q3\n${'permit tcp any host 10.0.0.5 eq 443\n'.repeat(60)}<b>not bold</b>\n`;
const FIREWALL = Buffer.from(FIREWALL_TEXT);

/** A small valid PNG (an 8 by 8 blue square), built here so the test needs no fixture file. */
function pngSquare(): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(8, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const scanline = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array(8).fill([30, 60, 200]).flat()),
  ]);
  const pixels = Buffer.concat(Array.from({ length: 8 }, () => scanline));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function policyPdf(): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (const line of ['Information security policy', 'Page two']) {
    document.addPage([400, 300]).drawText(line, { x: 40, y: 200, size: 18, font });
  }
  return Buffer.from(await document.save());
}

/** The evidence list as core has it, read over the API from the test process. */
const evidenceInVault = () => app.call('listEvidence', {});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const evidenceRow = (title: string) =>
  app.page.getByTestId('evidence-row').filter({ hasText: title });

async function addFile(
  file: { name: string; mimeType: string; buffer: Buffer },
  title: string,
  kind: string,
  expiresOn?: string,
): Promise<void> {
  // A mouse click on the button opens the file chooser (the drop zone must not swallow it).
  const chooser = app.page.waitForEvent('filechooser');
  await app.page.getByRole('button', { name: 'Choose a file…' }).first().click();
  await (await chooser).setFiles(file);
  await expect.poll(() => app.page.getByTestId('chosen-file').textContent()).toContain(file.name);
  await field(app.page, 'Title').fill(title);
  await choose(app.page, 'Kind', kind);
  if (expiresOn !== undefined) await field(app.page, 'Expires on').fill(expiresOn);
  await app.page.getByRole('button', { name: 'Add to the vault' }).click();
}

async function select(title: string): Promise<void> {
  const button = evidenceRow(title).getByRole('button', { name: title });
  // A newly added item opens by itself; a second click would close it.
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await expect
    .poll(() => app.page.getByTestId('evidence-detail').getByRole('heading').textContent())
    .toBe(title);
}

describe('evidence in browser mode', () => {
  it('opens the library from the navigation', async () => {
    const { page, mode } = app;
    await createVault(page, mode.host.url);
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Merchant profile');
    await goToStep(page, 'Evidence', 'Evidence');
    await expect.poll(() => page.getByText('No evidence yet.').isVisible()).toBe(true);
    await checkScreen(page, 'evidence-empty');
  });

  it('adds a text file through the upload route and lists it with its size', async () => {
    const { page } = app;
    await addFile(
      { name: 'firewall-rules.txt', mimeType: 'text/plain', buffer: FIREWALL },
      'Firewall review',
      'Configuration',
      '2020-01-31',
    );
    await expect
      .poll(() => page.getByTestId('evidence-added').textContent())
      .toContain('Firewall review');
    await expect.poll(() => page.getByTestId('text-check-note').count()).toBe(0);

    const [stored] = await evidenceInVault();
    expect(stored).toMatchObject({
      title: 'Firewall review',
      fileName: 'firewall-rules.txt',
      kind: 'configuration',
      sizeBytes: FIREWALL.length,
      sha256: sha256(FIREWALL),
      textCheck: 'checked',
      expiresOn: '2020-01-31',
      expired: true,
    });
    await expect.poll(() => evidenceRow('Firewall review').textContent()).toContain('Expired');
    const kib = (FIREWALL.length / 1024).toFixed(1);
    await expect
      .poll(() => evidenceRow('Firewall review').getByTestId('evidence-size').textContent())
      .toBe(`${kib} KiB`);
    await checkScreen(page, 'evidence-added-text');
  });

  it('previews the text as text, never as markup', async () => {
    const { page } = app;
    await select('Firewall review');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByTestId('evidence-text-preview');
    await expect.poll(() => preview.textContent()).toBe(FIREWALL_TEXT);
    expect(await preview.locator('b').count()).toBe(0);
    await checkScreen(page, 'evidence-preview-text');
  });

  it('adds and previews an image, saying it could not be checked for card numbers', async () => {
    const { page } = app;
    await addFile(
      { name: 'checkout-page.png', mimeType: 'image/png', buffer: pngSquare() },
      'Checkout page',
      'Screenshot',
    );
    await expect
      .poll(() => page.getByTestId('text-check-note').textContent())
      .toContain('could not check this image');
    await select('Checkout page');
    await page.getByRole('button', { name: 'Preview' }).click();
    const image = page.getByRole('img', { name: 'Checkout page' });
    await expect
      .poll(() => image.evaluate((element) => (element as { naturalWidth: number }).naturalWidth))
      .toBe(8);
    expect(await image.getAttribute('src')).toMatch(/^blob:/);
    // Shown at its own size, not stretched across the panel.
    expect((await image.boundingBox())?.width).toBeLessThan(20);
    await checkScreen(page, 'evidence-preview-image');
  });

  it('previews a PDF with pdf.js inside the page', async () => {
    const { page } = app;
    await addFile(
      { name: 'policy.pdf', mimeType: 'application/pdf', buffer: await policyPdf() },
      'Security policy',
      'Policy',
    );
    await expect
      .poll(() => page.getByTestId('evidence-added').textContent())
      .toContain('Security policy');
    await select('Security policy');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect
      .poll(() => page.getByTestId('pdf-page').textContent(), { timeout: 15_000 })
      .toBe('Page 1 of 2');
    // pdf.js parses in its own worker, loaded from the app's origin (not the main-thread fallback).
    expect(page.workers().map((worker) => new URL(worker.url()).pathname)).toContainEqual(
      expect.stringMatching(/^\/assets\/pdf\.worker/),
    );
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => page.getByTestId('pdf-page').textContent()).toBe('Page 2 of 2');
    // Something was drawn: the canvas is not blank.
    const inked = () =>
      page.getByRole('img', { name: 'Security policy, page 2' }).evaluate((element) => {
        // This file is compiled without DOM types: the canvas is described by hand.
        const canvas = element as unknown as {
          width: number;
          height: number;
          getContext(kind: '2d'): {
            getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
          };
        };
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let dark = 0;
        for (let index = 0; index < pixels.length; index += 4) {
          if ((pixels[index] ?? 255) < 128) dark += 1;
        }
        return dark;
      });
    // pdf.js draws after the page number changes: wait until something is drawn.
    await expect.poll(inked).toBeGreaterThan(0);
    await checkScreen(page, 'evidence-preview-pdf');
  });

  it('edits the details of an item', async () => {
    const { page } = app;
    await select('Security policy');
    await page.getByRole('button', { name: 'Edit details' }).click();
    const form = page.getByRole('form', { name: 'Edit the evidence details' });
    await form.getByLabel(/^Title/).fill('Information security policy');
    await form.getByLabel('Expires on').fill('2099-06-30');
    // The kind's option list, open, passes axe too.
    await form.locator('input').and(form.getByLabel('Kind')).click();
    await expect.poll(() => page.getByRole('option', { name: 'ASV scan report' }).count()).toBe(1);
    await checkScreen(page, 'evidence-kind-options');
    await page.keyboard.press('Escape');
    await checkScreen(page, 'evidence-edit');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => evidenceRow('Information security policy').count()).toBe(1);
    const policy = (await evidenceInVault()).find((item) => item.fileName === 'policy.pdf');
    expect(policy).toMatchObject({
      title: 'Information security policy',
      expiresOn: '2099-06-30',
      expired: false,
    });
  });

  it('links evidence to a questionnaire row from the row view', async () => {
    const { page } = app;
    await goToStep(page, '5. Questionnaire', 'Questionnaire');
    const row = await activeRow(page);
    expect(row).not.toBeNull();
    const panel = page.getByTestId('row-evidence');
    await field(page, 'Attach evidence already in the vault').click();
    const option = page.getByRole('option', { name: 'Firewall review (firewall-rules.txt)' });
    await expect.poll(() => option.count()).toBe(1);
    await checkScreen(page, 'evidence-attach-options');
    await option.click();
    await panel.getByRole('button', { name: 'Attach' }).click();
    await expect
      .poll(() => panel.getByRole('listitem').first().textContent())
      .toContain('Firewall review');
    await expect.poll(() => panel.textContent()).toContain('Expired');
    expect(await panel.locator('time[datetime="2020-01-31"]').count()).toBe(1);
    await checkScreen(page, 'evidence-row-panel');

    const firewall = (await evidenceInVault()).find((item) => item.title === 'Firewall review');
    expect(firewall?.links.map((link) => link.rowId)).toEqual([row]);

    await goToStep(page, 'Evidence', 'Evidence');
    await expect
      .poll(() => evidenceRow('Firewall review').locator('td').last().textContent())
      .toBe(row);
  });

  it('saves a copy through a download, with the same bytes', async () => {
    const { page } = app;
    await select('Firewall review');
    await page.getByRole('button', { name: 'Save an unencrypted copy…' }).click();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('without encryption');
    await checkScreen(page, 'evidence-save-copy');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save the copy' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('firewall-rules.txt');
    const path = await download.path();
    expect(sha256(readFileSync(path))).toBe(sha256(FIREWALL));
  });

  it('refuses a file with a card number and explains why', async () => {
    const { page } = app;
    const before = (await evidenceInVault()).length;
    const orders = Buffer.from('Refund log\norder 1182 card 4111 1111 1111 1111 amount 12.00\n');
    await addFile(
      { name: 'refunds.txt', mimeType: 'text/plain', buffer: orders },
      'Refund log',
      'Other',
    );
    const refusal = page.getByTestId('card-data-refusal');
    await expect.poll(() => refusal.textContent()).toContain('electronic storage of account data');
    expect(await refusal.textContent()).toContain('any SAQ except SAQ D');
    expect((await evidenceInVault()).length).toBe(before);
    await checkScreen(page, 'evidence-card-refused');
    await page.getByRole('button', { name: 'Discard' }).click();
  });

  it('offers to mask a card number typed into the title', async () => {
    const { page } = app;
    await addFile(
      {
        name: 'refund-procedure.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Refunds go back to the original card.\n'),
      },
      'Refund procedure, example 4111 1111 1111 1111',
      'Policy',
    );
    const refusal = page.getByTestId('card-data-refusal');
    await expect.poll(() => refusal.textContent()).toContain('in the title');
    await refusal.getByRole('button', { name: 'Mask the title' }).click();
    await expect
      .poll(() => field(page, 'Title').inputValue())
      .toBe('Refund procedure, example 4111 11** **** 1111');
    await page.getByRole('button', { name: 'Add to the vault' }).click();
    await expect.poll(() => page.getByTestId('evidence-added').count()).toBe(1);
    const titles = (await evidenceInVault()).map((item) => item.title);
    expect(titles).toContain('Refund procedure, example 4111 11** **** 1111');
  });

  it('shows progress while a large file streams in, and cancels it leaving nothing', async () => {
    const { page } = app;
    const before = (await evidenceInVault()).length;
    // Written a mebibyte at a time: the test process never holds the whole file.
    const folder = mkdtempSync(join(tmpdir(), 'pci-saq-e2e-evidence-big-'));
    const path = join(folder, 'packet-capture.bin');
    const descriptor = openSync(path, 'w');
    const block = Buffer.alloc(1024 * 1024, 0x5a);
    // Large enough that the import is still running when Cancel is pressed, even on a fast, idle machine.
    for (let written = 0; written < 384; written += 1) writeSync(descriptor, block);
    closeSync(descriptor);
    try {
      await page.getByLabel('Evidence file', { exact: true }).setInputFiles(path);
      await field(page, 'Title').fill('Packet capture');
      await page.getByRole('button', { name: 'Add to the vault' }).click();
      const progress = page.getByRole('progressbar', { name: 'Adding packet-capture.bin' });
      await expect.poll(() => progress.count()).toBe(1);
      await screenshot(page, 'evidence-importing');
      await page.getByRole('button', { name: 'Cancel', exact: true }).click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Nothing was added' }).count())
        .toBe(1);
      expect((await evidenceInVault()).length).toBe(before);
      await page.getByRole('button', { name: 'Discard' }).click();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('deletes an item after saying what happens', async () => {
    const { page } = app;
    await select('Checkout page');
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog');
    await expect
      .poll(() => dialog.textContent())
      .toContain('only if no other evidence item uses the same file');
    await checkScreen(page, 'evidence-delete');
    await dialog.getByRole('button', { name: 'Delete evidence' }).click();
    await expect.poll(() => evidenceRow('Checkout page').count()).toBe(0);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Deleted' }).first().textContent())
      .toContain('and its file');
    expect((await evidenceInVault()).map((item) => item.title).sort()).toEqual([
      'Firewall review',
      'Information security policy',
      'Refund procedure, example 4111 11** **** 1111',
    ]);
  });

  it('broke no content security rule and logged no error', () => {
    const { watch } = app;
    expect(watch.violations).toEqual([]);
    // The refused upload answers 422, which Chromium reports on the console by itself.
    const refusal =
      'Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)';
    expect(watch.errors.filter((error) => error !== refusal)).toEqual([]);
  });
});
