// expect: import-x/no-restricted-paths
// The page must never reach core directly.
import { createAppCore } from '../../electron/core/app-core';
export const leak = createAppCore;
