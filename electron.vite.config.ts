// electron-vite builds the three parts of the app into out/: main (ESM, with the PKCS#11 token
// worker beside it), preload (CommonJS, because a sandboxed preload cannot load ES modules) and
// the renderer (React + Mantine, served to the window from app://).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const here = (path: string): string => resolve(import.meta.dirname, path);

export default defineConfig({
  main: {
    build: {
      outDir: here('out/main'),
      // Runtime dependencies (better-sqlite3 and pkcs11js above all: native addons rebuilt for
      // Electron by electron-builder) stay in node_modules and are required at run time.
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: here('electron/main/index.ts'),
          // Found at run time as `new URL('token-worker.js', import.meta.url)`.
          'token-worker': here('native/pkcs11/token-worker.ts'),
          'skf-worker': here('native/skf/skf-worker.ts'),
          'import-worker': here('electron/services/workspace/import-guard/read-worker.ts'),
        },
        output: {
          entryFileNames: '[name].js',
          // Shared chunks sit beside the entries, so import.meta.url-relative paths hold in both.
          chunkFileNames: '[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: here('out/preload'),
      // A sandboxed preload can require only `electron` and a few built-ins: bundle everything.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: here('renderer'),
    plugins: [react()],
    build: {
      outDir: here('out/renderer'),
      rolldownOptions: { input: { index: here('renderer/index.html') } },
    },
  },
});
