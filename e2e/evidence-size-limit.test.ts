import { describe, expect, it } from 'vitest';
import { browserSession } from './session';
import { checkScreen, choose, createVault, field, goToStep, heading } from './wizard-support';

/**
 * The evidence size limit in browser mode: the person lowers it in the
 * library, the vault keeps it, and a larger file is refused with the reason.
 */

const app = browserSession('evidence-size-limit');

describe('evidence size limit', () => {
  it('is changed in the library and refuses a larger file', async () => {
    const { page, mode } = app;
    await createVault(page, mode.host.url);
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Merchant profile');
    await goToStep(page, 'Evidence', 'Evidence');

    await page.getByText('Size limit', { exact: true }).click();
    const limit = field(page, 'Largest file accepted, in MiB');
    await expect.poll(() => limit.inputValue()).toBe('1024');
    await limit.fill('1');
    await page.getByRole('button', { name: 'Save limit' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    expect(await app.call('getEvidenceSizeLimit', {})).toEqual({
      maxMebibytes: 1,
      defaultMebibytes: 1024,
    });
    await checkScreen(page, 'evidence-size-limit');

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a file…' }).first().click();
    await (
      await chooser
    ).setFiles({
      name: 'big-export.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(1024 * 1024 + 1, 7),
    });
    await field(page, 'Title').fill('Large export');
    await choose(page, 'Kind', 'Configuration');
    await page.getByRole('button', { name: 'Add to the vault' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('larger than the 1 MiB the vault accepts per file');
    expect(await app.call('listEvidence', {})).toEqual([]);
    await checkScreen(page, 'evidence-size-limit-refused');
  });
});
