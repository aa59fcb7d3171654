import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// `npm run dev` serves the page with hot reload and sends /api, /ask and /health to a proxy started by scripts/proxy.sh.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/api": "http://127.0.0.1:8090",
      "/ask": "http://127.0.0.1:8090",
      "/health": "http://127.0.0.1:8090",
    },
  },
  build: { outDir: "dist", emptyOutDir: true },
});
