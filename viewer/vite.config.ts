import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
/** `npm run dev:viewer` talks to a service started by `npm start` on this address. */
const service = process.env.TWIN_SERVICE_URL ?? 'http://127.0.0.1:8080';

// Built into dist/viewer, which the service serves on its own port (viewer.dir).
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/viewer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/api/stream': { target: service.replace(/^http/, 'ws'), ws: true },
      '/api': service,
    },
  },
});
