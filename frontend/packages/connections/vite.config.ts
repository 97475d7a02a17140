import { defineConfig } from "vitest/config";
import { minifyWhitespace } from "../../minify-plugin.mjs";

// Library mode: one ES module, dist/connections.js, with Lit bundled in (the server serves it as /link/connections.js).
export default defineConfig({
  plugins: [minifyWhitespace()],
  build: {
    lib: { entry: "src/index.ts", formats: ["es"], fileName: () => "connections.js" },
    target: "es2021",
    sourcemap: false,
    emptyOutDir: true,
  },
  test: {
    environment: "jsdom",
    include: ["test/**/*.test.ts"],
  },
});
