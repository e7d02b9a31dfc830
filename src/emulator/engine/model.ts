/** The emulator's own records. Responses are rendered from these at read time, so state that
 * depends on the clock (provisioning, replication progress) is always current. */

export interface Tenant {
  tenantId: string;
  displayName: string;
  defaultDomain: string;
  countryCode: string;
}

export interface Subscription {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
  state: 'Enabled' | 'Disabled' | 'Warned';
  /** False models a subscription the principal can see but not read resources in (403). */
  accessible: boolean;
}

export interface ResourceGroup {
  subscriptionId: string;
  name: string;
  location: string;
  tags: Record<string, string>;
}

/** A VM's `securityProfile.securityType`; a Trusted Launch OS disk boots only in a Trusted Launch VM. */
export type SecurityType = 'TrustedLaunch' | 'ConfidentialVM';

/**
 * A disk's `securityProfile.securityType` (DiskRP's DiskSecurityTypes): the ConfidentialVM_* ones say
 * how the OS disk of a Confidential VM is encrypted, and only such a disk boots a Confidential VM.
 */
export const DISK_SECURITY_TYPES = [
  'TrustedLaunch',
  'ConfidentialVM_VMGuestStateOnlyEncryptedWithPlatformKey',
  'ConfidentialVM_DiskEncryptedWithPlatformKey',
  'ConfidentialVM_DiskEncryptedWithCustomerKey',
  'ConfidentialVM_NonPersistedTPM',
] as const;
export type DiskSecurityType = (typeof DISK_SECURITY_TYPES)[number];

export const isConfidentialDisk = (type: DiskSecurityType | undefined): boolean => type?.startsWith('ConfidentialVM_') ?? false;

export type DiskSku = 'Standard_LRS' | 'Premium_LRS' | 'StandardSSD_LRS' | 'UltraSSD_LRS' | 'Premium_ZRS' | 'StandardSSD_ZRS' | 'PremiumV2_LRS';

export interface Disk {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  sku: DiskSku;
  sizeGB: number;
  osType?: 'Windows' | 'Linux';
  hyperVGeneration?: 'V1' | 'V2';
  /** A shared disk (maxShares > 1) cannot be in a restore point. */
  maxShares?: number;
  managedBy?: string;
  uniqueId: string;
  timeCreated: number;
  createOption: string;
  sourceResourceId?: string;
  /** `securityProfile.securityType` of an OS disk of (or restored for) a Trusted Launch or Confidential VM. */
  securityType?: DiskSecurityType;
  /** Until this time the disk is being created by a long-running operation. */
  creatingUntil?: number;
  /** The creation ends in failure (a test asked for it). */
  failed?: boolean;
  /** Until this time the disk is being deleted; then `Store.settle` removes it. */
  deletingUntil?: number;
  tags: Record<string, string>;
}

export type DiskDeleteOption = 'Delete' | 'Detach';

export interface VmDataDisk {
  lun: number;
  diskId: string;
  caching: 'None' | 'ReadOnly' | 'ReadWrite';
  writeAcceleratorEnabled?: boolean;
  /** What deleting the VM does to the disk; Detach (keep it) unless the VM was created otherwise. */
  deleteOption?: DiskDeleteOption;
}

export interface VmSecurityProfile {
  securityType: SecurityType;
  uefiSettings?: { secureBootEnabled: boolean; vTpmEnabled: boolean };
}

export interface VmNetworkInterface {
  id: string;
  primary: boolean;
}

export type PowerState = 'running' | 'stopped' | 'deallocated';

export type VmOperationKind = 'create' | 'update' | 'start' | 'powerOff' | 'deallocate' | 'restart' | 'delete';

/** A long-running operation on a VM: until `until` the VM shows it in progress, then `powerTo` applies. */
export interface VmOperation {
  kind: VmOperationKind;
  until: number;
  powerTo: PowerState;
  /** The operation ends in this error (a test asked for it). */
  failure?: { code: string; message: string };
}

export interface VirtualMachine {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  vmId: string;
  vmSize: string;
  osType: 'Windows' | 'Linux';
  computerName: string;
  adminUsername: string;
  /** Absent for a VM created by attaching an existing OS disk (it has no osProfile either). */
  imageReference?: { publisher: string; offer: string; sku: string; version: string };
  osDisk: { diskId: string; caching: 'None' | 'ReadOnly' | 'ReadWrite'; ephemeral: boolean; sizeGB: number; createOption?: 'FromImage' | 'Attach'; deleteOption?: DiskDeleteOption };
  dataDisks: VmDataDisk[];
  networkInterfaces: VmNetworkInterface[];
  securityProfile?: VmSecurityProfile;
  powerState: PowerState;
  /** The operation under way, if any; the store settles it once its time has come. */
  operation?: VmOperation;
  /** The last create or update failed: provisioningState 'Failed' until an operation succeeds. */
  failed?: { code: string; message: string };
  hyperVGeneration: 'V1' | 'V2';
  timeCreated: number;
  zones?: string[];
  tags: Record<string, string>;
}

export interface RestorePointCollection {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  /** The VM (or, for a cross-region copy target, the source collection) this collection is for. */
  sourceId: string;
  sourceLocation: string;
  collectionId: string;
  tags: Record<string, string>;
  deletingUntil?: number;
}

export type ConsistencyMode = 'CrashConsistent' | 'FileSystemConsistent' | 'ApplicationConsistent';

export interface DiskRestorePoint {
  id: string;
  name: string;
  /** The VM's disk, or for a copy the source disk restore point. */
  sourceResourceId: string;
  sourceDiskId: string;
  sourceResourceLocation: string;
  sku: DiskSku;
  sizeGB: number;
  osType?: 'Windows' | 'Linux';
  hyperVGeneration?: 'V1' | 'V2';
  securityType?: DiskSecurityType;
  familyId: string;
  sourceUniqueId: string;
  /** Set for cross-region copies. */
  replication?: { startedAt: number; durationMs: number; failAtPercent?: number };
}

/** A frozen copy of the VM's shape when the restore point was taken. */
export interface VmSnapshot {
  vmId: string;
  vmSize: string;
  osType: 'Windows' | 'Linux';
  location: string;
  computerName: string;
  adminUsername: string;
  hyperVGeneration: 'V1' | 'V2';
  securityProfile?: VmSecurityProfile;
  /** Whether the VM was created from an image (and so has an osProfile to record). */
  fromImage: boolean;
  osDisk: { name: string; diskId: string; caching: string; sizeGB: number; sku: DiskSku; diskRestorePointId?: string };
  dataDisks: Array<{ lun: number; name: string; diskId: string; caching: string; sizeGB: number; sku: DiskSku; writeAcceleratorEnabled: boolean; diskRestorePointId?: string }>;
}

export interface RestorePoint {
  id: string;
  collectionId: string;
  name: string;
  /** The VM the restore point belongs to (for a copy, the source VM). */
  vmArmId: string;
  timeCreated: number;
  readyAt: number;
  outcome: 'Succeeded' | 'Failed';
  consistencyMode: ConsistencyMode;
  excludeDiskIds: string[];
  snapshot: VmSnapshot;
  sourceRestorePointId?: string;
  instantAccessDurationMinutes?: number;
  diskRestorePoints: DiskRestorePoint[];
  deletingUntil?: number;
}
