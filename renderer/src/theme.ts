import {
  Alert,
  Badge,
  createTheme,
  Modal,
  NavLink,
  Notification,
  type CSSVariablesResolver,
} from '@mantine/core';

/**
 * Mantine's defaults fail WCAG AA contrast in a few places (the primary
 * button, placeholders, dimmed text); these overrides bring them to 4.5:1.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 8 },
  components: {
    // Mantine colours alert titles with the alert's colour, which on its own
    // tinted background falls below 4.5:1 for orange and yellow.
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
    // Light and outline badges print coloured text on a tint of the same colour, which
    // falls below 4.5:1 for green, yellow and orange: the text takes the body colour.
    Badge: Badge.extend({
      styles: (_theme, props) =>
        props.variant === 'light' || props.variant === 'outline'
          ? { root: { flexShrink: 0 }, label: { color: 'var(--mantine-color-text)' } }
          : { root: { flexShrink: 0 } },
    }),
    // Dialogs lock the page's scrolling. react-remove-scroll would do it with a
    // <style> tag of its own, which carries no CSP nonce and is blocked; it
    // keeps blocking wheel and touch scrolling outside the dialog without that
    // tag, and scroll-lock.css hides the page's overflow while a dialog is open.
    Modal: Modal.extend({ defaultProps: { removeScrollProps: { removeScrollBar: false } } }),
    // The active navigation link is tinted; its label and description keep the body colour.
    NavLink: NavLink.extend({
      styles: (_theme, props) =>
        props.active === true
          ? {
              root: { color: 'var(--mantine-color-text)', fontWeight: 600 },
              description: { color: 'var(--mantine-color-text)' },
            }
          : {},
    }),
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } },
      styles: { description: { color: 'var(--mantine-color-gray-7)' } },
    }),
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Field errors: Mantine's red-6 on white is about 3.3:1.
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});

/** The style nonce the server put into this page load (see shared/security/csp.ts). */
export function styleNonce(doc: Document = document): string {
  return doc.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? '';
}
