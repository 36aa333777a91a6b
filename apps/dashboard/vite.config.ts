import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Relative asset paths (`base: './'`) so the built dashboard works under any sub-path
// (`--api.basePath=/sub/`, or behind a StripPrefix); the API base comes from a meta tag.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
