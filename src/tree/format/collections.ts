import type { RestorePointCollection } from '@azure/arm-compute';
import { idKey, parseResourceId } from '../../azure/ids';
import { activityText, activityToken, type ItemActivity } from './activity';
import { english, type Localize } from './localize';
import { AZURE_RESOURCE, contextValue, type IconSpecLike } from './contextValue';

export function isVmId(id: string | undefined): boolean {
  return parseResourceId(id ?? '')?.type.toLowerCase() === 'virtualmachines';
}

/** A cross-region copy's source is another collection, not a VM. */
export function isCopyCollection(collection: RestorePointCollection): boolean {
  return !!collection.source?.id && parseResourceId(collection.source.id)?.type.toLowerCase() === 'restorepointcollections';
}

/**
 * The VM a collection belongs to: its source, or for a cross-region copy the source of the
 * collection it copies (followed through copies of copies). Undefined when the chain leaves the list.
 */
export function owningVmKey(collection: RestorePointCollection, byId: ReadonlyMap<string, RestorePointCollection>): string | undefined {
  let current: RestorePointCollection | undefined = collection;
  for (let hops = 0; current && hops < 10; hops++) {
    const source = current.source?.id;
    if (!source) return undefined;
    if (isVmId(source)) return idKey(source);
    current = byId.get(idKey(source));
  }
  return undefined;
}

export interface CollectionIndex {
  /** By the owning VM's id key; each list has the VM's own-region collections first, then copies, by name. */
  byVm: Map<string, RestorePointCollection[]>;
  /** Collections whose chain leads to no VM in the list. */
  unresolved: RestorePointCollection[];
  /** Every collection by its id key, to follow a copy to its source. */
  byId: Map<string, RestorePointCollection>;
}

/**
 * Indexes one subscription-level `listAll` so every VM finds its collections without a request of
 * its own. `shareKey` gives the one copy of a VM's id key its caller keeps.
 */
export function indexCollections(collections: readonly RestorePointCollection[], shareKey: (vmKey: string) => string = (vmKey) => vmKey): CollectionIndex {
  const byId = new Map(collections.filter((c) => c.id).map((c) => [idKey(c.id!), c]));
  const byVm = new Map<string, RestorePointCollection[]>();
  const unresolved: RestorePointCollection[] = [];
  for (const collection of collections) {
    const owner = owningVmKey(collection, byId);
    if (!owner) {
      unresolved.push(collection);
      continue;
    }
    const vm = shareKey(owner);
    const list = byVm.get(vm) ?? [];
    list.push(collection);
    byVm.set(vm, list);
  }
  // Copied once sorted: a list grown by push keeps room for 16 more (20,000 VMs hold one each).
  for (const [vm, list] of byVm) byVm.set(vm, list.sort(compareCollections).slice());
  return { byVm, unresolved: unresolved.sort(compareCollections), byId };
}

/** A collection leaves the index (it was deleted): nothing else changes. */
export function removeFromIndex(index: CollectionIndex, key: string): void {
  const kept = (c: RestorePointCollection): boolean => idKey(c.id ?? '') !== key;
  index.unresolved = index.unresolved.filter(kept);
  for (const [vm, list] of index.byVm) index.byVm.set(vm, list.filter(kept));
  index.byId.delete(key);
}

/** A collection read after it was made goes to its VM's list (found from its source, else `vmKey`), in order. */
export function addToIndex(index: CollectionIndex, collection: RestorePointCollection, vmKey: string): void {
  const key = idKey(collection.id ?? '');
  removeFromIndex(index, key);
  index.byId.set(key, collection);
  const owner = owningVmKey(collection, index.byId) ?? vmKey;
  index.byVm.set(owner, [...(index.byVm.get(owner) ?? []), collection].sort(compareCollections));
}

export function compareCollections(a: RestorePointCollection, b: RestorePointCollection): number {
  const copy = Number(isCopyCollection(a)) - Number(isCopyCollection(b));
  return copy !== 0 ? copy : (a.name ?? '').localeCompare(b.name ?? '');
}

/**
 * Collections that point at a VM that no longer exists (it was deleted; its restore points stay
 * and keep costing). Only meaningful once every VM of the subscription is known.
 */
export function orphanCollections(index: CollectionIndex, vmIds: Iterable<string>): RestorePointCollection[] {
  const known = new Set([...vmIds].map(idKey));
  const orphans = [...index.unresolved];
  for (const [vm, list] of index.byVm) if (!known.has(vm)) orphans.push(...list);
  return orphans.sort(compareCollections);
}

export function collectionDescription(collection: RestorePointCollection, t: Localize = english, activity: ItemActivity = {}): string {
  const region = collection.location ?? '';
  const from = collection.source?.location;
  const where = !isCopyCollection(collection) ? region : from ? t('{0} · copy from {1}', region, from) : t('{0} · copy', region);
  const busy = activityText(activity, t);
  return busy ? `${where} · ${busy}` : where;
}

export function collectionIcon(collection: RestorePointCollection, activity: ItemActivity = {}): IconSpecLike {
  if (activityText(activity)) return { id: 'loading~spin' };
  return { id: isCopyCollection(collection) ? 'globe' : 'history' };
}

export function collectionContextValue(collection: RestorePointCollection, orphan = false, activity: ItemActivity = {}): string {
  return contextValue('restorePointCollection', AZURE_RESOURCE, isCopyCollection(collection) && 'copy', orphan && 'orphan', activityToken(activity));
}
