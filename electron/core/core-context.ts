import type { Door } from '../../shared/api/ops/app';
import type { EventHub } from './events';
import type { Logger } from './log/logger';
import type { VaultPaths } from './paths';

/**
 * What every domain's handlers share: who is calling (the door), where the
 * data lives, the logger and the event hub. Domains add their own services
 * (the unlocked vault, the questionnaire catalogue) next to this.
 */
export interface CoreContext {
  readonly door: Door;
  readonly dataDir: string;
  readonly vaultPaths: VaultPaths;
  readonly log: Logger;
  readonly events: EventHub;
}
