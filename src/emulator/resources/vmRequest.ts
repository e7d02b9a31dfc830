import { invalidParameter } from '../http/errors';
import { Body, oneOf } from '../http/validation';
import type { DiskDeleteOption, VmSecurityProfile } from '../engine/model';

type Caching = 'None' | 'ReadOnly' | 'ReadWrite';

export interface RequestedOsDisk {
  createOption: string;
  osType?: 'Windows' | 'Linux';
  diskId?: string;
  caching?: Caching;
  deleteOption?: DiskDeleteOption;
}

export interface RequestedDataDisk {
  lun: number;
  createOption: string;
  diskId?: string;
  caching?: Caching;
  deleteOption?: DiskDeleteOption;
  writeAcceleratorEnabled?: boolean;
  toBeDetached: boolean;
}

/** The parts of a VM PUT body the emulator acts on; absent parts keep what the VM has (update). */
export interface VmRequest {
  location?: string;
  tags?: Record<string, string>;
  vmSize?: string;
  osDisk?: RequestedOsDisk;
  dataDisks?: RequestedDataDisk[];
  networkInterfaces?: Array<{ id: string; primary?: boolean }>;
  securityProfile?: VmSecurityProfile;
}

const CACHING = ['None', 'ReadOnly', 'ReadWrite'] as const;
const DELETE_OPTIONS = ['Delete', 'Detach'] as const;

function osDiskOf(body: Body): RequestedOsDisk {
  const createOption = body.string('createOption');
  if (!createOption) throw invalidParameter("Required parameter 'osDisk.createOption' is missing (null).", 'storageProfile.osDisk.createOption');
  return {
    createOption,
    osType: oneOf(body.string('osType'), ['Windows', 'Linux'] as const, 'storageProfile.osDisk.osType'),
    diskId: body.object('managedDisk')?.string('id'),
    caching: oneOf(body.string('caching'), CACHING, 'storageProfile.osDisk.caching'),
    deleteOption: oneOf(body.string('deleteOption'), DELETE_OPTIONS, 'storageProfile.osDisk.deleteOption'),
  };
}

function dataDiskOf(body: Body, i: number): RequestedDataDisk {
  const lun = body.integer('lun');
  if (lun === undefined) throw invalidParameter(`Required parameter 'dataDisk.lun' is missing (null).`, `storageProfile.dataDisks[${i}].lun`);
  const createOption = body.string('createOption');
  if (!createOption) throw invalidParameter(`Required parameter 'dataDisk.createOption' is missing (null).`, `storageProfile.dataDisks[${i}].createOption`);
  return {
    lun,
    createOption,
    diskId: body.object('managedDisk')?.string('id'),
    caching: oneOf(body.string('caching'), CACHING, `storageProfile.dataDisks[${i}].caching`),
    deleteOption: oneOf(body.string('deleteOption'), DELETE_OPTIONS, `storageProfile.dataDisks[${i}].deleteOption`),
    writeAcceleratorEnabled: body.boolean('writeAcceleratorEnabled'),
    toBeDetached: body.boolean('toBeDetached') ?? false,
  };
}

function securityProfileOf(body: Body): VmSecurityProfile | undefined {
  const securityType = oneOf(body.string('securityType'), ['TrustedLaunch', 'ConfidentialVM'] as const, 'securityProfile.securityType');
  const uefi = body.object('uefiSettings');
  if (!securityType) {
    if (uefi) throw invalidParameter("'uefiSettings' can only be set together with securityProfile.securityType.", 'securityProfile.uefiSettings');
    return undefined;
  }
  return { securityType, uefiSettings: { secureBootEnabled: uefi?.boolean('secureBootEnabled') ?? false, vTpmEnabled: uefi?.boolean('vTpmEnabled') ?? false } };
}

/** Reads a VirtualMachine (PUT) body; wrong types are 400 as ARM's deserializer reports them. */
export function parseVmRequest(raw: unknown): VmRequest {
  const body = Body.of(raw);
  const properties = body.object('properties');
  const storage = properties?.object('storageProfile');
  const osDisk = storage?.object('osDisk');
  const security = properties?.object('securityProfile');
  const nics = properties?.object('networkProfile')?.array('networkInterfaces');
  return {
    location: body.string('location'),
    tags: body.tags(),
    vmSize: properties?.object('hardwareProfile')?.string('vmSize'),
    osDisk: osDisk ? osDiskOf(osDisk) : undefined,
    dataDisks: storage?.array('dataDisks')?.map(dataDiskOf),
    networkInterfaces: nics?.map((n, i) => {
      const id = n.string('id');
      if (!id) throw invalidParameter(`Required parameter 'networkInterfaces[${i}].id' is missing (null).`, `networkProfile.networkInterfaces[${i}].id`);
      return { id, primary: n.object('properties')?.boolean('primary') };
    }),
    securityProfile: security ? securityProfileOf(security) : undefined,
  };
}
