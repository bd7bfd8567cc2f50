import type { BrowserWindow, Dialog } from 'electron';
import type { FileDialogs } from '../core/files/file-handles';

/** The platform's open and save dialogs, attached to the app window. */
export function electronFileDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  window: () => BrowserWindow | undefined,
): FileDialogs {
  return {
    async chooseFileToOpen(title, filters) {
      const parent = window();
      const options = {
        title,
        properties: ['openFile' as const],
        ...(filters === undefined
          ? {}
          : {
              filters: [
                ...filters.map((filter) => ({
                  name: filter.name,
                  extensions: [...filter.extensions],
                })),
                { name: 'All files', extensions: ['*'] },
              ],
            }),
      };
      const result =
        parent === undefined
          ? await dialog.showOpenDialog(options)
          : await dialog.showOpenDialog(parent, options);

      return result.canceled ? undefined : result.filePaths[0];
    },

    async chooseSaveLocation(title, suggestedName) {
      const parent = window();
      const options = { title, defaultPath: suggestedName };
      const result =
        parent === undefined
          ? await dialog.showSaveDialog(options)
          : await dialog.showSaveDialog(parent, options);

      return result.canceled || result.filePath === '' ? undefined : result.filePath;
    },
  };
}
