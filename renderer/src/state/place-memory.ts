import { useAssessmentStore } from './assessment-store';
import { PLACE_LABELS, useNavigationStore, type Place } from './navigation-store';
import { isClearingVaultContent } from './session-reset';
import { useVaultStore } from './vault-store';

/**
 * Where the person was (the screen and the open assessment), kept in this
 * tab's sessionStorage so that reloading the page comes back to it instead
 * of Home. It holds an assessment id and a screen name only: never the access
 * token, never anything typed. sessionStorage ends with the tab.
 */

const STORAGE_KEY = 'pci-saq.place';

export interface RememberedPlace {
  readonly place: Place;
  readonly assessmentId: string | null;
}

const isPlace = (value: unknown): value is Place =>
  typeof value === 'string' && Object.hasOwn(PLACE_LABELS, value);

/** The place saved in `storage`, or null when there is none or it is not one we know. */
export function readPlace(storage: Pick<Storage, 'getItem'>): RememberedPlace | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { place, assessmentId } = parsed as Record<string, unknown>;
  if (!isPlace(place)) return null;
  if (assessmentId !== null && typeof assessmentId !== 'string') return null;

  return { place, assessmentId };
}

export function writePlace(storage: Pick<Storage, 'setItem'>, remembered: RememberedPlace): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(remembered));
}

/** Opens the remembered assessment and goes to the remembered screen; Home if that fails. */
async function restore(remembered: RememberedPlace): Promise<void> {
  const { go } = useNavigationStore.getState();
  if (remembered.assessmentId !== null) {
    const opened = await useAssessmentStore.getState().open(remembered.assessmentId);
    if (!opened.ok) return;
  }
  // The person may have moved on while the assessment loaded: their choice wins.
  if (useNavigationStore.getState().place !== 'home') return;
  go(remembered.place);
}

/** Whether this page load is a reload of the page (F5, Ctrl+R), not a fresh visit. */
function isReload(): boolean {
  const [navigation] = performance.getEntriesByType('navigation');

  return navigation instanceof PerformanceNavigationTiming && navigation.type === 'reload';
}

/**
 * Starts remembering. The first time a reloaded page sees the vault
 * unlocked, it goes back to the remembered place; from then on every move is
 * recorded. A fresh visit (the address opened again) starts at Home as
 * always. Recording waits for that first restore, or the Home screen every
 * page starts on would overwrite the place to go back to. Locking the vault
 * keeps the place it was locked on (the stores emptied for the lock are not a
 * move), and unlocking again goes back there.
 */
export function rememberPlace(
  storage: Storage = window.sessionStorage,
  reloaded: boolean = isReload(),
): void {
  let remembered = reloaded ? readPlace(storage) : null;
  let restoring: Promise<void> | null = null;

  const record = () => {
    if (restoring === null || isClearingVaultContent()) return;
    writePlace(storage, {
      place: useNavigationStore.getState().place,
      assessmentId: useAssessmentStore.getState().detail?.summary.id ?? null,
    });
  };

  useVaultStore.subscribe((state) => {
    if (state.status?.state !== 'unlocked') {
      // Locked (by the person, by idle time or in another window): come back here after unlock.
      if (restoring !== null) remembered = readPlace(storage);
      restoring = null;
      return;
    }
    if (restoring !== null) return;
    restoring =
      remembered === null || remembered.place === 'home' ? Promise.resolve() : restore(remembered);
    void restoring.then(record);
  });
  useNavigationStore.subscribe((state, previous) => {
    if (state.place !== previous.place) record();
  });
  useAssessmentStore.subscribe((state, previous) => {
    if (state.detail?.summary.id !== previous.detail?.summary.id) record();
  });
}
