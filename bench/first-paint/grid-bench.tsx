// The first-paint benchmark's page: a declaration of N generated rows (?rows=100000) in the
// in-memory backend, opened in the real DeclarationEditor. The timer starts after the data
// exists and stops when the grid has painted its first rows (mark 'ws-grid-first-paint').
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import '@mantine/core/styles.css';
import { theme } from '../../renderer/src/theme';
import { DeclarationEditor } from '../../renderer/src/workspace/DeclarationEditor';
import { memoryBackend } from './memory-backend';

const params = new URLSearchParams(location.search);
const rows = Number(params.get('rows') ?? '100000');
const { backend, firstId } = memoryBackend({ unitNo: 'BENCH', rows, month: '2025-03' });
const root = document.getElementById('root');
if (root) {
  root.style.height = '100vh';
  performance.mark('ws-open-start');
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <div style={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
          <DeclarationEditor
            backend={backend}
            declarationId={firstId}
            onBack={() => undefined}
            onChanged={() => undefined}
          />
        </div>
      </MantineProvider>
    </StrictMode>,
  );
}
