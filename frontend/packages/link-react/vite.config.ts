import { defineConfig } from "vitest/config";

// React and the Link element stay external: the app brings React, and @bridgekeeper/link is one copy.
export default defineConfig({
  build: {
    lib: { entry: "src/index.ts", formats: ["es"], fileName: () => "index.js" },
    target: "es2021",
    emptyOutDir: true,
    rollupOptions: { external: ["react", "react/jsx-runtime", "@bridgekeeper/link", "@bridgekeeper/connections"] },
  },
  test: {
    environment: "jsdom",
    include: ["test/**/*.test.ts"],
  },
});
