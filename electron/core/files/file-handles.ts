import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import { OperationError } from '../../../shared/api/result';

/**
 * Files reach core as opaque handles, never as paths from the page. Only the
 * main side creates handles: from its own file dialog, or from a file dropped
 * on the window (which the preload resolves with webUtils). The page holds
 * the handle id and the file's name and size, nothing else.
 */
export interface FileHandle {
  readonly handle: string;
  /** The file's own name, for display; never its folder. */
  readonly fileName: string;
  readonly sizeBytes: number;
}

export class FileHandles {
  readonly #paths = new Map<string, string>();

  /** Registers a regular file chosen by the person; refuses anything else. */
  register(path: string): FileHandle {
    if (!isAbsolute(path))
      throw new OperationError('INVALID_INPUT', 'Not a file the app can open.');

    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats === undefined || !stats.isFile()) {
      throw new OperationError('NOT_FOUND', 'That file does not exist or is not a regular file.');
    }

    const handle = randomUUID();
    this.#paths.set(handle, path);

    return { handle, fileName: basename(path), sizeBytes: stats.size };
  }

  /** The path behind a handle; a handle is used once. */
  take(handle: string): string {
    const path = this.#paths.get(handle);
    if (path === undefined)
      throw new OperationError('NOT_FOUND', 'That file is no longer available; choose it again.');
    this.#paths.delete(handle);

    return path;
  }

  clear(): void {
    this.#paths.clear();
  }
}

/** A kind of file the open dialog lists, e.g. `{ name: 'PDF', extensions: ['pdf'] }`. */
export interface FileFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

/**
 * The platform's file dialogs, provided by the desktop app. Browser mode and
 * the CLI have none: the page uploads instead, and the CLI takes paths.
 */
export interface FileDialogs {
  /** `filters` narrows what the dialog lists first; "All files" stays offered. */
  chooseFileToOpen(title: string, filters?: readonly FileFilter[]): Promise<string | undefined>;
  chooseSaveLocation(title: string, suggestedName: string): Promise<string | undefined>;
}
