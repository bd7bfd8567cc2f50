// expect: import-x/no-restricted-paths
import { createAppCore } from '../../core/app-core';
export const leak = createAppCore;
