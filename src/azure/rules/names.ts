import * as l10n from '@vscode/l10n';
/*
 * Name rules ARM applies before anything else, so the input box can say what is wrong first.
 *
 * Restore point collections and restore points: Compute (CRP) validates their names like other
 * Compute resources, with the rule its errors quote, ^[^_\W][\w-._]{0,79}(?<![-.])$ — 1-80
 * characters, letters, digits, '_', '-' and '.', starting with a letter or digit and ending with
 * a letter, digit or '_' (the rule "Naming rules and restrictions for Azure resources" lists for
 * Microsoft.Compute images, snapshots and availability sets).
 *
 * Managed disks: "Naming rules and restrictions for Azure resources" (Microsoft.Compute/disks)
 * and the Disks REST reference: 1-80 characters, letters, digits, '_' and '-'. Ending with '-'
 * is refused as well.
 */
export const MAX_NAME_LENGTH = 80;

const LETTER_OR_DIGIT = /^[A-Za-z0-9]$/;

/** The texts are functions: they are translated when a name is checked, after activation has loaded the bundle. */
interface NameRule {
  what: () => string;
  allowed: RegExp;
  allowedText: () => string;
  first: (c: string) => boolean;
  firstText: () => string;
  last: (c: string) => boolean;
  lastText: () => string;
}

function problem(rule: NameRule, name: string): string | undefined {
  if (name.length === 0) return l10n.t('Enter a name for the {0}.', rule.what());
  if (name.length > MAX_NAME_LENGTH) return l10n.t('A {0} name can have at most {1} characters; this one has {2}.', rule.what(), MAX_NAME_LENGTH, name.length);
  const bad = [...name].find((c) => !rule.allowed.test(c));
  if (bad !== undefined) return l10n.t("A {0} name can contain only {1}; '{2}' is not allowed.", rule.what(), rule.allowedText(), bad);
  if (!rule.first(name[0])) return l10n.t('A {0} name must start with {1}.', rule.what(), rule.firstText());
  if (!rule.last(name[name.length - 1])) return l10n.t('A {0} name must end with {1}.', rule.what(), rule.lastText());
  return undefined;
}

const computeRule = (what: () => string): NameRule => ({
  what,
  allowed: /^[A-Za-z0-9_.-]$/,
  allowedText: () => l10n.t("letters, digits, '_', '-' and '.'"),
  first: (c) => LETTER_OR_DIGIT.test(c),
  firstText: () => l10n.t('a letter or a digit'),
  last: (c) => c !== '-' && c !== '.',
  lastText: () => l10n.t("a letter, a digit or '_'"),
});

const collectionRule = computeRule(() => l10n.t('restore point collection'));
const restorePointRule = computeRule(() => l10n.t('restore point'));

const diskRule: NameRule = {
  what: () => l10n.t('disk'),
  allowed: /^[A-Za-z0-9_-]$/,
  allowedText: () => l10n.t("letters, digits, '_' and '-'"),
  first: (c) => c !== '-',
  firstText: () => l10n.t("a letter, a digit or '_'"),
  last: (c) => c !== '-',
  lastText: () => l10n.t("a letter, a digit or '_'"),
};

export const restorePointCollectionNameProblem = (name: string): string | undefined => problem(collectionRule, name);
export const restorePointNameProblem = (name: string): string | undefined => problem(restorePointRule, name);
export const diskNameProblem = (name: string): string | undefined => problem(diskRule, name);

/**
 * ARM names are case-insensitive, so 'RP-1' is taken when 'rp-1' exists. Restore points cannot be
 * changed once created (a PUT on an existing one is refused); a collection PUT would update it.
 */
export function nameInUseProblem(name: string, existingNames: Iterable<string>, what: string): string | undefined {
  const lower = name.toLowerCase();
  for (const existing of existingNames) {
    // `what` is one of the kinds named above ('restore point collection', 'restore point', 'disk'):
    // their bundle entries translate it here too.
    if (existing.toLowerCase() === lower) return l10n.t("A {0} named '{1}' already exists here; choose another name.", l10n.t(what), existing);
  }
  return undefined;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** rp-YYYYMMDD-HHMM in the user's local time: sorts by time and passes the rule above. */
export function defaultRestorePointName(at: Date): string {
  return `rp-${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}`;
}
