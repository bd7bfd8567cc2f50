import './zod-config';
import '@mantine/core/styles.css';
import './contrast.css';
import './scroll-lock.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/client';
import { App } from './App';
import { AppErrorBoundary } from './screens/AppErrorBoundary';
import { rememberPlace } from './state/place-memory';
import { cssVariablesResolver, styleNonce, theme } from './theme';

const nonce = styleNonce();
rememberPlace();
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      getStyleNonce={() => nonce}
    >
      <AppErrorBoundary>
        <App connection={connect()} />
      </AppErrorBoundary>
    </MantineProvider>
  </StrictMode>,
);
