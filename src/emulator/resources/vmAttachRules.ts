import type { RequestContext } from '../http/context';
import { ArmError, conflict, invalidParameter } from '../http/errors';
import { key } from '../engine/ids';
import { isConfidentialDisk, type Disk, type VirtualMachine } from '../engine/model';
import type { NetworkInterface } from '../engine/networkModel';
import { findDisk } from './common';

const nameOf = (id: string): string => id.slice(id.lastIndexOf('/') + 1);

type VmIdentity = Pick<VirtualMachine, 'id' | 'name' | 'location'>;

/**
 * The checks CRP makes before it attaches a managed disk. A referenced resource that does not exist
 * is 404 NotFound, as CRP reports it.
 */
export function checkDiskAttachable(ctx: RequestContext, diskId: string, vm: VmIdentity, target: string): Disk {
  const disk = findDisk(ctx, diskId);
  if (!disk) throw new ArmError(404, 'NotFound', `The managed disk '${diskId}' was not found.`, target);
  if (disk.deletingUntil !== undefined) throw conflict('OperationNotAllowed', `Disk '${disk.name}' is being deleted.`);
  // A disk still being created (or whose creation failed) cannot be attached; the code is our choice.
  if ((disk.creatingUntil !== undefined && disk.creatingUntil > ctx.now) || disk.failed) {
    throw conflict('OperationNotAllowed', `Disk '${disk.name}' cannot be attached: its provisioning state is '${disk.failed ? 'Failed' : 'Creating'}'.`);
  }
  // The documentation says disks must be in the VM's region; the code (InvalidParameter) is our choice.
  if (disk.location !== vm.location) {
    throw invalidParameter(`Disk '${disk.name}' is in location '${disk.location}'; it cannot be attached to VM '${vm.name}' in location '${vm.location}'. Disks must be in the VM's region.`, target);
  }
  if (disk.managedBy !== undefined && key(disk.managedBy) !== key(vm.id)) {
    throw new ArmError(409, 'ConflictingUserInput',
      `Cannot attach the disk ${disk.name} to VM ${vm.id} because it is already attached to VM ${disk.managedBy}. A disk can be attached to only one VM at a time.`, disk.id);
  }
  return disk;
}

/**
 * A Trusted Launch OS disk holds a vTPM state only a Trusted Launch VM can use, and Trusted Launch
 * needs a generation 2 disk. CRP's codes for these are not documented; InvalidParameter is our choice.
 * A Confidential VM's OS disk must be a confidential one (checkConfidentialOsDisk).
 */
export function checkOsDiskSecurity(disk: Disk, securityType: string | undefined, target: string): void {
  if (disk.securityType === 'TrustedLaunch' && securityType !== 'TrustedLaunch') {
    throw invalidParameter(`The OS disk '${disk.name}' has security type 'TrustedLaunch'; it can only be attached to a VM with securityProfile.securityType 'TrustedLaunch'.`, target);
  }
  if (securityType === 'TrustedLaunch' && disk.hyperVGeneration !== 'V2') {
    throw invalidParameter(`Trusted Launch needs a generation 2 OS disk; disk '${disk.name}' is hyperVGeneration '${disk.hyperVGeneration ?? 'V1'}'.`, target);
  }
  checkConfidentialOsDisk(disk, securityType, target);
}

/**
 * A Confidential VM boots only from a disk made for one (its guest state, and with
 * ConfidentialVM_Disk* the disk too, encrypted with keys bound to the VM), and such a disk boots
 * nothing else. CRP's answer is not documented; 400 InvalidParameter naming the disk is our choice.
 */
function checkConfidentialOsDisk(disk: Disk, securityType: string | undefined, target: string): void {
  const confidentialDisk = isConfidentialDisk(disk.securityType);
  if (securityType === 'ConfidentialVM' && !confidentialDisk) {
    throw invalidParameter(
      `The OS disk '${disk.name}' has security type '${disk.securityType ?? 'Standard'}'; a VM with securityProfile.securityType 'ConfidentialVM' needs an OS disk whose securityProfile.securityType is one of the ConfidentialVM_* types.`,
      target,
    );
  }
  if (confidentialDisk && securityType !== 'ConfidentialVM') {
    throw invalidParameter(`The OS disk '${disk.name}' has security type '${disk.securityType}'; it can only be attached to a VM with securityProfile.securityType 'ConfidentialVM'.`, target);
  }
}

/**
 * NICs: must exist (404 NotFound), be in the VM's region and not be used by another VM. NRP calls a
 * NIC in use `NicInUse`; the region code (InvalidParameter) and the 400 status for both are our choice.
 */
export function checkNicAttachable(ctx: RequestContext, nicId: string, vm: VmIdentity, target: string): NetworkInterface {
  const nic = ctx.state.store.networkInterfaces.get(key(nicId));
  if (!nic) throw new ArmError(404, 'NotFound', `The network interface '${nicId}' was not found.`, target);
  if (nic.location !== vm.location) {
    throw invalidParameter(`Network interface '${nic.name}' is in location '${nic.location}'; VM '${vm.name}' is in '${vm.location}'. A VM's network interfaces must be in its region.`, target);
  }
  if (nic.virtualMachineId !== undefined && key(nic.virtualMachineId) !== key(vm.id)) {
    throw new ArmError(400, 'NicInUse', `Network interface ${nic.id} is used by existing VM ${nic.virtualMachineId}. A network interface can be used by only one VM.`, target);
  }
  return nic;
}

/** CRP: several NICs need exactly one primary. */
export function checkPrimaryNic(nics: Array<{ id: string; primary?: boolean }>): void {
  if (nics.length > 1 && nics.filter((n) => n.primary).length !== 1) {
    throw new ArmError(400, 'VirtualMachineMustHaveOneNetworkInterfaceAsPrimary', 'Virtual machine must have exactly one network interface set as the primary when it has more than one.', 'networkProfile.networkInterfaces');
  }
}

/** LUNs 0-63, each used once; the code (InvalidParameter) is our choice, as the documentation gives none. */
export function checkLuns(luns: number[]): void {
  const seen = new Set<number>();
  for (const lun of luns) {
    if (lun < 0 || lun > 63) throw invalidParameter(`The LUN ${lun} is out of range; data disk LUNs are 0 to 63.`, 'storageProfile.dataDisks.lun');
    if (seen.has(lun)) throw invalidParameter(`The LUN ${lun} is used by more than one data disk; each data disk needs its own LUN.`, 'storageProfile.dataDisks.lun');
    seen.add(lun);
  }
}

/** The same disk twice in one VM (as OS and data disk, or at two LUNs). */
export function checkDistinctDisks(ids: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(key(id))) throw invalidParameter(`Disk '${nameOf(id)}' is referenced more than once in the VM's storage profile.`, 'storageProfile');
    seen.add(key(id));
  }
}
