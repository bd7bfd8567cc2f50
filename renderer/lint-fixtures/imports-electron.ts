// expect: no-restricted-imports
import { ipcRenderer } from 'electron';
export const leak = ipcRenderer;
