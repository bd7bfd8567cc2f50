// expect: import-x/no-restricted-paths
import { registerApiHandlers } from '../../main/ipc';
export const leak = registerApiHandlers;
