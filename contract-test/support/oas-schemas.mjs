// Validates responses against the schemas of Codat's published OpenAPI documents (the copies under
// src/test/resources/codat-oas, OpenAPI 3.1, so JSON Schema 2020-12) with ajv. Those schemas leave
// additional properties open, so `unknownFields` also checks that a record uses only fields its schema names.

import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import Ajv2020 from "ajv/dist/2020.js";

const OAS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "test", "resources",
  "codat-oas");

export class OasSchemas {
  constructor(file) {
    this.id = file;
    this.document = withoutUntypedNullable(JSON.parse(readFileSync(join(OAS_DIR, file), "utf8")));
    this.ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    this.ajv.addSchema(this.document, this.id);
    this.validators = new Map();
  }

  /** ajv's errors for `value` against components/schemas/`name` (empty when valid). */
  errors(value, name) {
    if (!this.validators.has(name)) {
      this.validators.set(name, this.ajv.compile({ $ref: `${this.id}#/components/schemas/${name}` }));
    }
    const validate = this.validators.get(name);
    return validate(value) ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`);
  }

  /** Top-level fields of `record` that schema `name` does not define (through $ref and allOf/oneOf/anyOf). */
  unknownFields(record, name) {
    const known = new Set();
    this.#collect(this.document.components.schemas[name], known, new Set());
    return Object.keys(record).filter((field) => !known.has(field));
  }

  #collect(schema, known, seen) {
    if (!schema || seen.has(schema)) {
      return;
    }
    seen.add(schema);
    if (schema.$ref) {
      this.#collect(this.#resolve(schema.$ref), known, seen);
    }
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) {
      this.#collect(part, known, seen);
    }
    Object.keys(schema.properties ?? {}).forEach((p) => known.add(p));
  }

  #resolve(ref) {
    return ref.slice(2).split("/").map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((node, key) => node?.[key], this.document);
  }
}

/**
 * OpenAPI 3.0's `nullable` next to a `$ref` (no `type`) is ambiguous and ajv refuses to compile it; such
 * markers are dropped, so those fields are checked against the referenced schema alone.
 */
function withoutUntypedNullable(node) {
  if (Array.isArray(node)) {
    node.forEach(withoutUntypedNullable);
  } else if (node && typeof node === "object") {
    if ("nullable" in node && !("type" in node)) {
      delete node.nullable;
    }
    Object.values(node).forEach(withoutUntypedNullable);
  }
  return node;
}
