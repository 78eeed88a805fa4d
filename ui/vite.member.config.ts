// The member's page of the connected sitting (docs/room.md): a second entry, built into
// dist-member/ (index.html + assets/) and served by the hub over plain HTTP to the members'
// phones. It runs in a browser, not in Tauri: nothing of Tauri may reach it.
//
// Preview: `npx vite --config vite.member.config.ts` (port 5174); with
// CESP_ROOM=http://192.168.1.23:8765 it forwards /api to a running hub, as that hub expects
// (its own Host and Origin).
import { existsSync, readFileSync, renameSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig, type Plugin } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

const outDir = "dist-member";
const bindings = resolve(import.meta.dirname, "src/lib/bindings.ts");

/** The catalogue reads core's French rules (`CATALOGUE`) from the generated bindings, which
 * also import Tauri's API for the window's commands. Here the bindings are only that
 * constant: the types vanish at build, and no Tauri code can come along. */
function bindingsWithoutTauri(): Plugin {
  return {
    name: "cesp-member-bindings",
    enforce: "pre",
    load(id) {
      if (id.split("?")[0] !== bindings) return null;
      const line = readFileSync(bindings, "utf8")
        .split("\n")
        .find((l) => l.startsWith("export const CATALOGUE = "));
      if (!line) this.error("src/lib/bindings.ts has no `export const CATALOGUE`: regenerate the bindings.");
      return line;
    },
    generateBundle(_, bundle) {
      for (const file of Object.values(bundle)) {
        const code = file.type === "chunk" ? file.code : "";
        if (code.includes("__TAURI_INTERNALS__") || code.includes("@tauri-apps"))
          this.error(`${file.fileName} contains Tauri code: the member's page runs in a phone's browser.`);
      }
    },
  };
}

/** The page is the site's index: `member.html` is written as `index.html`, and the dev
 * server answers `/` with it. */
function memberIndex(): Plugin {
  return {
    name: "cesp-member-index",
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url === "/" || req.url?.startsWith("/?")) req.url = "/member.html";
        next();
      });
    },
    closeBundle() {
      const built = resolve(import.meta.dirname, outDir, "member.html");
      if (existsSync(built)) renameSync(built, resolve(import.meta.dirname, outDir, "index.html"));
    },
  };
}

const hub = process.env.CESP_ROOM;

export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  plugins: [bindingsWithoutTauri(), svelte(), memberIndex()],
  clearScreen: false,
  publicDir: false,
  server: {
    port: 5174,
    strictPort: true,
    host: "127.0.0.1",
    proxy: hub
      ? {
          "/api": {
            target: hub,
            changeOrigin: true,
            configure: (proxy) => proxy.on("proxyReq", (req) => req.getHeader("origin") && req.setHeader("origin", new URL(hub).origin)),
          },
        }
      : undefined,
  },
  build: {
    // Phones a few years old: Safari 15 (iOS 15), Chrome of the same age.
    target: "safari15",
    outDir,
    emptyOutDir: true,
    // The hub's CSP forbids inline scripts: no preload polyfill, nothing inlined.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rollupOptions: { input: resolve(import.meta.dirname, "member.html") },
  },
});
