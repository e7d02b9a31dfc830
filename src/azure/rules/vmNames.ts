import * as l10n from '@vscode/l10n';

/*
 * Virtual machine names ("Naming rules and restrictions for Azure resources", Microsoft.Compute/
 * virtualMachines): 1-64 characters for Linux, 1-15 for Windows (the computer name, which Azure
 * takes from the VM name); no spaces or any of ~ ! @ # $ % ^ & * ( ) = + _ [ ] { } \ | ; : . ' " , < > / ?;
 * not only digits for Windows; may not start with '_' or end with '.' or '-'. The portal applies
 * the same rules as you type.
 */
const FORBIDDEN = /[\s~!@#$%^&*()=+_[\]{}\\|;:.'",<>/?`]/;

export function vmNameProblem(name: string, osType: string | undefined): string | undefined {
  const max = osType === 'Windows' ? 15 : 64;
  if (!name) return l10n.t('Enter a name for the virtual machine.');
  if (name.length > max) return l10n.t('A {0} virtual machine name can have at most {1} characters; this one has {2}.', osType ?? 'Linux', max, name.length);
  const bad = FORBIDDEN.exec(name)?.[0];
  if (bad !== undefined) return l10n.t("A virtual machine name can contain only letters, digits and '-'; '{0}' is not allowed.", bad === ' ' ? l10n.t('a space') : bad);
  if (name.endsWith('-')) return l10n.t("A virtual machine name cannot end with '-'.");
  if (osType === 'Windows' && /^\d+$/.test(name)) return l10n.t('A Windows virtual machine name cannot be only digits.');
  return undefined;
}

/*
 * Resource groups ("Naming rules and restrictions for Azure resources", Microsoft.Resources/
 * resourcegroups): 1-90 characters, letters, digits, '_', '-', '.', '(' and ')' (Unicode letters
 * too), not ending with '.'.
 */
export function resourceGroupNameProblem(name: string): string | undefined {
  if (!name) return l10n.t('Enter a name for the resource group.');
  if (name.length > 90) return l10n.t('A resource group name can have at most 90 characters; this one has {0}.', name.length);
  const bad = [...name].find((c) => !/[\p{L}\p{N}_\-.()]/u.test(c));
  if (bad !== undefined) return l10n.t("A resource group name can contain only letters, digits, '_', '-', '.', '(' and ')'; '{0}' is not allowed.", bad);
  if (name.endsWith('.')) return l10n.t("A resource group name cannot end with '.'.");
  return undefined;
}
