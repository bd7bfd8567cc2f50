import { z } from 'zod';
import { operation } from '../operation';

export type Door = 'desktop' | 'browser' | 'cli';

export interface AppInfo {
  readonly productName: string;
  readonly version: string;
  readonly door: Door;
  /** Whether a vault (database and key file) exists in this app's data folder. */
  readonly vaultExists: boolean;
}

export const appOperations = {
  getAppInfo: operation<AppInfo>()(z.object({}).strict()),
};
