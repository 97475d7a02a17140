// Vite leaves whitespace in library builds (format "es") so that downstream bundlers keep /*#__PURE__*/ marks.
// sdk.js and connections.js are served to browsers as they are, so their finished chunk is minified whole here.
import { transformWithEsbuild } from "vite";

export function minifyWhitespace() {
  return {
    name: "bridgekeeper-minify-whitespace",
    apply: "build",
    async generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === "chunk") {
          chunk.code = (await transformWithEsbuild(chunk.code, chunk.fileName,
            { minify: true, format: "esm", target: "es2021" })).code;
        }
      }
    },
  };
}
