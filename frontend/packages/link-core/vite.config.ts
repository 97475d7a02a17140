import { defineConfig } from "vitest/config";

// Only tests here: the core ships as ES modules (tsc) that link's and connections' Vite builds bundle in.
export default defineConfig({
  test: {
    environment: "jsdom",
    include: ["test/**/*.test.ts"],
  },
});
