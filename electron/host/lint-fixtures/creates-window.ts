// expect: no-restricted-syntax
// expect: no-restricted-imports
import { BrowserWindow } from 'electron';
export const window = new BrowserWindow({});
