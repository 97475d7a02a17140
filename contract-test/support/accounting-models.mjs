// Strict shape checks against the models of Codat's accounting client (@codat/accounting 0.37.0).
//
// That client maps responses onto its model classes with class-transformer, which accepts anything, so a
// call that succeeds proves only the path and the status. This module reads the same models' declarations
// (dist/sdk/models/shared/*.d.ts: property names, optional or required, types, enums) and the JSON names
// their decorators expose (*.js), and checks a response against them: no unknown field, every required field,
// the right JSON type, enum values from the enum, recursively.

import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const SHARED = join(dirname(require.resolve("@codat/accounting")), "sdk", "models", "shared");

/** class name → { json name → { type, optional } } and enum name → allowed values. */
const classes = new Map();
const enums = new Map();

for (const file of readdirSync(SHARED).filter((f) => f.endsWith(".d.ts"))) {
  const text = readFileSync(join(SHARED, file), "utf8");
  for (const match of text.matchAll(/export declare enum (\w+) \{([^}]*)\}/g)) {
    enums.set(match[1], [...match[2].matchAll(/=\s*"([^"]*)"/g)].map((m) => m[1]));
  }
  for (const match of text.matchAll(/export declare class (\w+) extends SpeakeasyBase \{([\s\S]*?)\n\}/g)) {
    const properties = new Map();
    for (const prop of match[2].matchAll(/^\s+(\w+)(\?)?: ([^;]+);/gm)) {
      properties.set(prop[1], { type: prop[3].trim(), optional: prop[2] === "?" });
    }
    classes.set(match[1], properties);
  }
  const js = readFileSync(join(SHARED, file.replace(/\.d\.ts$/, ".js")), "utf8");
  // the decorators name the JSON field of each property: Expose({ name: "_links" }) … X.prototype, "links"
  for (const m of js.matchAll(/Expose\)\(\{ name: "([^"]+)" \}\)[\s\S]*?\], (\w+)\.prototype, "(\w+)"/g)) {
    const properties = classes.get(m[2]);
    if (properties?.has(m[3]) && m[1] !== m[3]) {
      properties.set(m[1], properties.get(m[3]));
      properties.delete(m[3]);
    }
  }
}

/**
 * Problems with `value` as an instance of model `model`, as "path: problem" lines (empty when it conforms).
 * `extras` lists top-level fields allowed beyond the model (Bridgekeeper keeps modifiedDate… everywhere).
 */
export function problems(value, model, { extras = [] } = {}) {
  const found = [];
  checkObject(value, model, "$", found, new Set(extras));
  return found;
}

export function knownModel(name) {
  return classes.has(name);
}

function checkObject(value, model, path, found, extras = new Set()) {
  const properties = classes.get(model);
  if (!properties) {
    found.push(`${path}: no model ${model} in @codat/accounting`);
    return;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    found.push(`${path}: expected a ${model} object, got ${JSON.stringify(value)}`);
    return;
  }
  for (const [name, field] of Object.entries(value)) {
    const property = properties.get(name);
    if (!property) {
      if (!extras.has(name)) {
        found.push(`${path}.${name}: not a field of ${model}`);
      }
      continue;
    }
    checkValue(field, property.type, `${path}.${name}`, found);
  }
  for (const [name, property] of properties) {
    if (!property.optional && !(name in value)) {
      found.push(`${path}: required field ${name} of ${model} is missing`);
    }
  }
}

function checkValue(value, type, path, found) {
  if (value === null || value === undefined) {
    found.push(`${path}: null where ${type} is expected`);
    return;
  }
  if (type.endsWith("[]")) {
    if (!Array.isArray(value)) {
      found.push(`${path}: expected an array of ${type.slice(0, -2)}`);
      return;
    }
    value.forEach((item, i) => checkValue(item, type.slice(0, -2), `${path}[${i}]`, found));
    return;
  }
  const record = type.match(/^Record<string, (.+)>$/);
  if (record) {
    if (typeof value !== "object" || Array.isArray(value)) {
      found.push(`${path}: expected an object`);
      return;
    }
    Object.entries(value).forEach(([k, v]) => checkValue(v, record[1], `${path}.${k}`, found));
    return;
  }
  switch (type) {
    case "any":
      return;
    case "string":
    case "number":
    case "boolean":
      if (typeof value !== type) {
        found.push(`${path}: expected a ${type}, got ${JSON.stringify(value)}`);
      }
      return;
    default:
      if (enums.has(type)) {
        if (!enums.get(type).includes(value)) {
          found.push(`${path}: ${JSON.stringify(value)} is not one of ${type} ${enums.get(type).join(", ")}`);
        }
        return;
      }
      if (classes.has(type)) {
        checkObject(value, type, path, found);
        return;
      }
      found.push(`${path}: cannot check type ${type}`);
  }
}
