// The renderer's build, shared by electron.vite.config.ts and browser mode (out/renderer).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
export const rendererOutDir = fileURLToPath(new URL('../out/renderer', import.meta.url));

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: { outDir: rendererOutDir, emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
