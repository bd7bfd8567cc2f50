import { Alert, createTheme, Notification, type CSSVariablesResolver } from '@mantine/core';

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
  },
  dark: {},
});

/** The style nonce the server put into this page load (see shared/security/csp.ts). */
export function styleNonce(doc: Document = document): string {
  return doc.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? '';
}
