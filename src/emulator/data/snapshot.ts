import type { Store } from '../engine/store';

/**
 * The records' fields that hold a moment (epoch milliseconds). A data set is dated from the moment
 * it is loaded, so a copy restored at another moment moves these by the difference; every other
 * field is copied as it is. test/emulator/dataSnapshot.test.ts checks that a restored copy equals
 * the data set built at that moment, so a new time field the builder sets cannot be missed here.
 */
const TIME_FIELDS = new Set(['timeCreated', 'readyAt', 'startedAt', 'creatingUntil', 'deletingUntil', 'until']);

/** A deep copy of a freshly loaded store's records, and the moment they were loaded at. */
export interface StoreSnapshot {
  readonly at: number;
  readonly maps: readonly (readonly [string, unknown])[][];
}

export function takeSnapshot(store: Store, at: number): StoreSnapshot {
  const copies = new Map<object, unknown>();
  return { at, maps: store.recordMaps().map((map) => [...map].map(([id, record]) => [id, copyRecord(record, 0, copies)] as const)) };
}

/** Fills a cleared store with a fresh copy of the snapshot, dated from `at`, in the order it was loaded. */
export function restoreSnapshot(store: Store, snapshot: StoreSnapshot, at: number): void {
  const copies = new Map<object, unknown>();
  const shiftMs = at - snapshot.at;
  store.recordMaps().forEach((map, i) => {
    for (const [id, record] of snapshot.maps[i]) map.set(id, copyRecord(record, shiftMs, copies));
  });
}

/**
 * Records are plain objects, arrays and primitives. An object reached twice (a VM's security
 * profile is also its restore points') is copied once, so the copy shares what the original shared.
 */
function copyRecord(value: unknown, shiftMs: number, copies: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const done = copies.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const array: unknown[] = [];
    copies.set(value, array);
    for (const item of value) array.push(copyRecord(item, shiftMs, copies));
    return array;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) throw new TypeError(`A data set record holds a ${value.constructor.name}, which a snapshot does not copy.`);
  const object: Record<string, unknown> = {};
  copies.set(value, object);
  for (const [field, item] of Object.entries(value)) {
    object[field] = TIME_FIELDS.has(field) && typeof item === 'number' ? item + shiftMs : copyRecord(item, shiftMs, copies);
  }
  return object;
}
