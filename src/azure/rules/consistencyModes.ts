import * as l10n from '@vscode/l10n';
/*
 * "Overview of VM restore points": application consistency on Windows, file-system consistency
 * on Linux — the restore point is taken that way when consistencyMode is left out — and crash
 * consistency on request. The RestorePoint schema accepts only CrashConsistent as input.
 */
export type ConsistencyChoice = 'OsDefault' | 'CrashConsistent';

export interface ConsistencyModeOption {
  choice: ConsistencyChoice;
  /** What goes into the request: nothing for the OS default. */
  requestValue: 'CrashConsistent' | undefined;
  label: string;
  description: string;
  detail: string;
}

export const osDefaultConsistencyMode = (osType: string | undefined): 'ApplicationConsistent' | 'FileSystemConsistent' =>
  osType?.toLowerCase() === 'linux' ? 'FileSystemConsistent' : 'ApplicationConsistent';

/** The choices to offer for a VM, the OS default first. */
export function consistencyModeOptions(osType: string | undefined): ConsistencyModeOption[] {
  const linux = osDefaultConsistencyMode(osType) === 'FileSystemConsistent';
  return [
    {
      choice: 'OsDefault',
      requestValue: undefined,
      label: linux ? l10n.t('File-system consistent') : l10n.t('Application consistent'),
      description: linux ? l10n.t('default for Linux') : l10n.t('default for Windows'),
      detail: linux
        ? l10n.t('Runs pre- and post-scripts in the VM so that files are consistent on disk.')
        : l10n.t('Uses the VSS writers in the VM so that applications (databases too) are consistent on disk.'),
    },
    {
      choice: 'CrashConsistent',
      requestValue: 'CrashConsistent',
      label: l10n.t('Crash consistent'),
      description: l10n.t('nothing runs in the VM'),
      detail: l10n.t('Write-order-consistent snapshots of all disks, like the state after a power cut. Needs a VM size that supports Premium storage.'),
    },
  ];
}
