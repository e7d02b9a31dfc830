import { idKey, parseResourceId } from '../ids';

/** Where a restore point collection lives; the subscription is the client's. */
export interface CollectionRef {
  resourceGroup: string;
  name: string;
}

export interface RestorePointRef {
  resourceGroup: string;
  collection: string;
  name: string;
}

function parseCollectionId(id: string): { resourceGroup: string; name: string; children: string[] } {
  const parsed = parseResourceId(id);
  if (!parsed || parsed.type.toLowerCase() !== 'restorepointcollections') throw new Error(`'${id}' is not the id of a restore point collection or of something in one.`);
  return parsed;
}

export function collectionRefFromId(id: string): CollectionRef {
  const { resourceGroup, name } = parseCollectionId(id);
  return { resourceGroup, name };
}

export function restorePointRefFromId(id: string): RestorePointRef {
  const { resourceGroup, name, children } = parseCollectionId(id);
  if (children[0]?.toLowerCase() !== 'restorepoints' || !children[1]) throw new Error(`'${id}' is not the id of a restore point.`);
  return { resourceGroup, collection: name, name: children[1] };
}

/** ARM compares ids without regard to case. */
export const sameId = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && idKey(a) === idKey(b);
