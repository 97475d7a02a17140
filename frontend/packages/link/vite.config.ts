import { defineConfig } from "vitest/config";
import { minifyWhitespace } from "../../minify-plugin.mjs";

// Library mode: one ES module, dist/sdk.js, with Lit bundled in (a plain page loads it with <script type="module">).
export default defineConfig({
  plugins: [minifyWhitespace()],
  build: {
    lib: { entry: "src/index.ts", formats: ["es"], fileName: () => "sdk.js" },
    target: "es2021",
    sourcemap: false,
    emptyOutDir: true,
  },
  test: {
    environment: "jsdom",
    include: ["test/**/*.test.ts"],
  },
});
