import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// Built into the server's webapp/ folder, which ASP.NET Core serves (see src/Server/Hosting/WebApp.cs).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../src/Server/webapp',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:5080',
      '/hubs': { target: 'http://127.0.0.1:5080', ws: true },
    },
  },
  test: {
    environment: 'node',
  },
})
