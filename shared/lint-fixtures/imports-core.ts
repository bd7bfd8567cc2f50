// expect: import-x/no-restricted-paths
import { createAppCore } from '../../electron/core/app-core';
export const leak = createAppCore;
