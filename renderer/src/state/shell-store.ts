import { create } from 'zustand';

interface ShellState {
  /** A screen with the main navigation is shown (after unlock); the shell then makes room for it. */
  readonly navPresent: boolean;
  /** On a narrow window the navigation is folded away until the menu button opens it. */
  readonly navOpened: boolean;
  readonly setNavPresent: (present: boolean) => void;
  readonly toggleNav: () => void;
  readonly closeNav: () => void;
}

/** The app frame's own state: whether the main navigation exists and is opened. */
export const useShellStore = create<ShellState>()((set) => ({
  navPresent: false,
  navOpened: false,
  setNavPresent: (present) => {
    set({ navPresent: present, navOpened: false });
  },
  toggleNav: () => {
    set((state) => ({ navOpened: !state.navOpened }));
  },
  closeNav: () => {
    set({ navOpened: false });
  },
}));

/** Below this width the navigation folds away behind the menu button in the header. */
export const NAV_BREAKPOINT = 'sm';
/** The same width as a media query (48em is Mantine's `sm`). */
export const NARROW_QUERY = '(max-width: 47.99em)';
export const MAIN_NAV_ID = 'main-navigation';
export const NAV_TOGGLE_ID = 'main-navigation-toggle';
