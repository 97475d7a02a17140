// Builds the React page (react/ → dist/, served at /react/). Run from frontend/ with its Vite
// (`npm run build:examples`); React and the Bridgekeeper packages come from frontend's workspace.
import { fileURLToPath } from "node:url";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const modules = here("../../frontend/node_modules/");

export default {
  root: here("react"),
  base: "/react/",
  publicDir: false,
  logLevel: "warn",
  esbuild: { jsx: "automatic" },
  resolve: {
    alias: {
      react: modules + "react",
      "react-dom": modules + "react-dom",
      "@bridgekeeper/link-react": modules + "@bridgekeeper/link-react",
    },
  },
  build: { outDir: here("dist"), emptyOutDir: true, target: "es2021" },
};
