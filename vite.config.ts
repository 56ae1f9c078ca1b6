import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// This file replaces the old remix.config.js: Remix runs as a Vite plugin.
export default defineConfig({
  server: { port: 3000 },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
  ],
  build: {
    target: "es2022",
    rollupOptions: {
      // Resource routes (feeds, files, images, API) have no browser code, so their client
      // chunks are empty by design: Rollup's "Generated an empty chunk" says nothing here.
      onwarn(warning, warn) {
        if (warning.code === "EMPTY_BUNDLE") return;
        warn(warning);
      },
    },
  },
  // Pre-bundle client dependencies up front: discovering them on first page load makes Vite
  // re-optimize mid-hydration, and the page then runs two copies of React in development.
  optimizeDeps: {
    include: [
      "react",
      "react-dom",
      "react-dom/client",
      "react/jsx-runtime",
      "react/jsx-dev-runtime",
      "@remix-run/react",
      "i18next",
      "react-i18next",
    ],
  },
  ssr: {
    // PGlite ships its WASM next to its JS; keep it external so it finds its files.
    external: ["@electric-sql/pglite"],
  },
});
