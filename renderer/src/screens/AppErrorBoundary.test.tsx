import { MantineProvider } from '@mantine/core';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppErrorBoundary } from './AppErrorBoundary';

function Broken(): never {
  throw new Error('Failed to fetch dynamically imported module');
}

afterEach(cleanup);

describe('AppErrorBoundary', () => {
  it('replaces a page that failed to render with a way to reload it', () => {
    const reload = vi.fn();
    // React reports the caught error on the console; the test keeps that quiet.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <MantineProvider>
        <AppErrorBoundary onReload={reload}>
          <Broken />
        </AppErrorBoundary>
      </MantineProvider>,
    );
    quiet.mockRestore();

    expect(screen.getByRole('alert').textContent).toMatch(/Everything you saved is safe/);
    expect(screen.getByRole('alert').textContent).not.toMatch(/dynamically imported/);
    fireEvent.click(screen.getByRole('button', { name: 'Reload the app' }));
    expect(reload).toHaveBeenCalledOnce();
  });

  it('shows the same when a part of the page fails to load', () => {
    render(
      <MantineProvider>
        <AppErrorBoundary>
          <p>Home</p>
        </AppErrorBoundary>
      </MantineProvider>,
    );
    expect(screen.getByText('Home')).toBeTruthy();

    act(() => {
      window.dispatchEvent(new Event('vite:preloadError', { cancelable: true }));
    });

    expect(screen.queryByText('Home')).toBeNull();
    expect(screen.getByRole('button', { name: 'Reload the app' })).toBeTruthy();
  });
});
