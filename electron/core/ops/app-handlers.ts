import { existsSync } from 'node:fs';
import type { CoreContext } from '../core-context';
import type { HandlersFor } from '../dispatch';
import { APP_VERSION, PRODUCT_NAME } from '../product';
import type { appOperations } from '../../../shared/api/ops/app';

export function appHandlers(context: CoreContext): HandlersFor<typeof appOperations> {
  return {
    getAppInfo: () => ({
      productName: PRODUCT_NAME,
      version: APP_VERSION,
      door: context.door,
      vaultExists:
        existsSync(context.vaultPaths.database) && existsSync(context.vaultPaths.keyFile),
    }),
  };
}
