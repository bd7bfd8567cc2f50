import { create } from 'zustand';
import { onVaultLocked } from './session-reset';

/** The places of the app after unlock, in the order the wizard walks them. */
export const WIZARD_STEPS = [
  'profile',
  'level',
  'saq',
  'summary',
  'questionnaire',
  'review',
  'attestation',
] as const;

export type WizardStep = (typeof WIZARD_STEPS)[number];
export type Place = 'home' | 'vault-settings' | 'evidence' | 'verify' | WizardStep;

export const PLACE_LABELS: Readonly<Record<Place, string>> = {
  home: 'Home',
  'vault-settings': 'Vault settings',
  evidence: 'Evidence',
  verify: 'Verify a report',
  profile: 'Merchant profile',
  level: 'Merchant level',
  saq: 'SAQ choice',
  summary: 'Executive summary',
  questionnaire: 'Questionnaire',
  review: 'Review',
  attestation: 'Attestation',
};

interface NavigationState {
  readonly place: Place;
  /** A field or row a link asked for; the screen scrolls to it and clears it. */
  readonly target: string | null;
  readonly go: (place: Place, target?: string) => void;
  readonly clearTarget: () => void;
}

/** Which screen is shown. Kept out of the URL: the page address carries the access key. */
export const useNavigationStore = create<NavigationState>()((set) => ({
  place: 'home',
  target: null,
  go(place, target) {
    set({ place, target: target ?? null });
  },
  clearTarget() {
    set({ target: null });
  },
}));

onVaultLocked(() => {
  useNavigationStore.setState({ place: 'home', target: null });
});
