import { Alert, Button, Container, Stack, Text } from '@mantine/core';
import { Component, type ReactNode } from 'react';

/**
 * The last stop for anything that breaks the page, so that a person never
 * faces a blank window. The common cause is harmless: the app was rebuilt or
 * updated while this page stayed open, and a part of the page it loads later
 * (the PDF viewer, for one) no longer exists under its old name. Reloading
 * fixes that, and everything saved is in the vault, not in the page.
 *
 * Nothing about the error is shown or logged here: its message can hold
 * whatever the page was showing.
 */
export class AppErrorBoundary extends Component<
  { readonly children: ReactNode; readonly onReload?: () => void },
  { readonly broken: boolean }
> {
  override state = { broken: false };

  static getDerivedStateFromError(): { broken: boolean } {
    return { broken: true };
  }

  override componentDidMount(): void {
    // Vite reports a part of the page that failed to load with this event.
    window.addEventListener('vite:preloadError', this.onPreloadError);
  }

  override componentWillUnmount(): void {
    window.removeEventListener('vite:preloadError', this.onPreloadError);
  }

  private readonly onPreloadError = (event: Event): void => {
    event.preventDefault();
    this.setState({ broken: true });
  };

  private readonly reload = (): void => {
    if (this.props.onReload !== undefined) this.props.onReload();
    else window.location.reload();
  };

  override render(): ReactNode {
    if (!this.state.broken) return this.props.children;

    return (
      <Container size="sm" py="xl">
        <Alert color="orange" title="This page needs a reload" role="alert">
          <Stack gap="sm">
            <Text>
              Part of the page could not be shown. This happens when the app was updated or
              restarted while the page stayed open. Everything you saved is safe in the vault.
            </Text>
            <Button w="fit-content" onClick={this.reload}>
              Reload the app
            </Button>
          </Stack>
        </Alert>
      </Container>
    );
  }
}
