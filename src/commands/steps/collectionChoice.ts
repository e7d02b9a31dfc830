import type { RestorePointCollection } from '@azure/arm-compute';

/** A collection the wizard creates; its steps fill in the parts one at a time. */
export interface NewCollection {
  resourceGroup?: string;
  name?: string;
}

/**
 * Where a restore point goes: an existing collection or a new one. One field, so that choosing one
 * after going Back cannot leave the other behind.
 */
export type CollectionChoice = { existing: RestorePointCollection } | { create: NewCollection };

export const existingCollection = (choice: CollectionChoice | undefined): RestorePointCollection | undefined => (choice && 'existing' in choice ? choice.existing : undefined);
export const newCollection = (choice: CollectionChoice | undefined): NewCollection | undefined => (choice && 'create' in choice ? choice.create : undefined);

/** Whether a picker item stands for the earlier choice, offered again as the default after Back. */
export const sameChoice = (a: CollectionChoice | undefined, b: CollectionChoice | undefined): boolean =>
  !!a && !!b && (existingCollection(a) ? existingCollection(a)!.id?.toLowerCase() === existingCollection(b)?.id?.toLowerCase() : !!newCollection(b));
