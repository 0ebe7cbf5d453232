// Every reference in a store, checked: a zone's `body_parts`, a step's `technique`, a routine's
// `contraindications`… each must name an item the store holds.
import type { Store } from "./store.js";
import { keyOf } from "./store.js";
import type { CollectionName } from "./types.js";

/**
 * Fields whose name is not the collection they refer to. Every other reference is named after
 * its collection (`body_parts`, `sources`) or its singular (`technique`, `area`), which is how
 * the service names them, so a collection it adds later is checked without a change here.
 */
export const REFERENCE_ALIASES: Readonly<Record<string, CollectionName>> = {
  overlaps: "zones",
  conditions: "contraindications",
};

/** A reference that names no item of the store. */
export interface DanglingReference {
  /** The collection and key of the item that holds the reference. */
  collection: string;
  key: string;
  /** Where in the item, e.g. `body_parts[2]` or `steps[4].technique`. */
  path: string;
  /** The collection it should name an item of, and the id it names. */
  target: string;
  id: string;
}

export interface ReferenceReport {
  /** Every reference that does not resolve; empty when the store is whole. */
  dangling: DanglingReference[];
  /** How many references were checked. */
  checked: number;
  /** The kinds of reference found, as `collection.field → target` (`routines.steps[].technique → techniques`). */
  relations: string[];
  /**
   * Fields holding UUIDs that are neither an item's own `id` nor a reference this check
   * recognises (`collection.field`): a new kind of reference it would not check.
   */
  unrecognised: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Check every reference in `store` (one language's copy) against the items it holds. */
export async function checkReferences(store: Store): Promise<ReferenceReport> {
  const names = await store.collections();
  const keys = new Map<string, Set<string>>();
  for (const name of names) keys.set(name, new Set((await store.all(name)).map(keyOf)));

  const target = (field: string): string | undefined => {
    const alias = REFERENCE_ALIASES[field];
    if (alias !== undefined) return alias;
    if (keys.has(field)) return field;
    if (keys.has(`${field}s`)) return `${field}s`;
    return undefined;
  };

  const report: ReferenceReport = { dangling: [], checked: 0, relations: [], unrecognised: [] };
  const relations = new Set<string>();
  const unrecognised = new Set<string>();

  for (const collection of names) {
    for (const item of await store.all(collection)) {
      const key = keyOf(item);
      // Walk the item: `path` is where a value is, `shape` the same without indexes.
      const walk = (value: unknown, field: string, path: string, shape: string): void => {
        if (Array.isArray(value)) {
          value.forEach((element, index) =>
            walk(element, field, `${path}[${index}]`, `${shape}[]`),
          );
          return;
        }
        if (value !== null && typeof value === "object") {
          for (const [name, inner] of Object.entries(value)) {
            const where = path === "" ? name : `${path}.${name}`;
            walk(inner, name, where, shape === "" ? name : `${shape}.${name}`);
          }
          return;
        }
        if (typeof value !== "string" || !UUID.test(value) || field === "id") return;
        const into = target(field);
        const relation = `${collection}.${shape.replace(/\[\]$/, "")}`;
        if (into === undefined) {
          unrecognised.add(relation);
          return;
        }
        relations.add(`${relation} → ${into}`);
        report.checked += 1;
        if (!keys.get(into)?.has(value)) {
          report.dangling.push({ collection, key, path, target: into, id: value });
        }
      };
      walk(item, "", "", "");
    }
  }
  report.relations = [...relations].sort();
  report.unrecognised = [...unrecognised].sort();
  return report;
}
