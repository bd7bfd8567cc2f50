import type { BrowserWindow, Dialog } from 'electron';
import { describe, expect, it } from 'vitest';
import { electronFileDialogs } from './dialogs';

type Options = Record<string, unknown>;

/** A dialog module that records what it was asked and answers as told. */
function fakeDialog(answer: { canceled: boolean; path: string }) {
  const asked: { parent: unknown; options: Options }[] = [];
  const record = (args: unknown[]) => {
    const [first, second] = args;
    asked.push(
      second === undefined
        ? { parent: undefined, options: first as Options }
        : { parent: first, options: second as Options },
    );
  };
  const dialog = {
    showOpenDialog: (...args: unknown[]) => {
      record(args);
      return Promise.resolve({
        canceled: answer.canceled,
        filePaths: answer.canceled ? [] : [answer.path],
      });
    },
    showSaveDialog: (...args: unknown[]) => {
      record(args);
      return Promise.resolve({
        canceled: answer.canceled,
        filePath: answer.canceled ? '' : answer.path,
      });
    },
  } as unknown as Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  return { dialog, asked };
}

describe('electronFileDialogs', () => {
  it('lists the given kinds of file first and still offers all files', async () => {
    const fake = fakeDialog({ canceled: false, path: '/home/person/report.pdf' });
    const window = Object.freeze({ id: 1 }) as unknown as BrowserWindow;
    const dialogs = electronFileDialogs(fake.dialog, () => window);

    expect(
      await dialogs.chooseFileToOpen('Choose a signed report to verify', [
        { name: 'PDF reports', extensions: ['pdf'] },
      ]),
    ).toBe('/home/person/report.pdf');
    expect(fake.asked[0]).toEqual({
      parent: window,
      options: {
        title: 'Choose a signed report to verify',
        properties: ['openFile'],
        filters: [
          { name: 'PDF reports', extensions: ['pdf'] },
          { name: 'All files', extensions: ['*'] },
        ],
      },
    });
  });

  it('answers undefined when the person cancels, for opening and for saving', async () => {
    const fake = fakeDialog({ canceled: true, path: '' });
    const dialogs = electronFileDialogs(fake.dialog, () => undefined);

    expect(await dialogs.chooseFileToOpen('Add evidence')).toBeUndefined();
    expect(
      await dialogs.chooseSaveLocation('Save the signed report', 'report.pdf'),
    ).toBeUndefined();
    expect(fake.asked[0]?.options).not.toHaveProperty('filters');
    expect(fake.asked[1]).toEqual({
      parent: undefined,
      options: { title: 'Save the signed report', defaultPath: 'report.pdf' },
    });
  });
});
