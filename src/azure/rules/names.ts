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

interface NameRule {
  what: string;
  allowed: RegExp;
  allowedText: string;
  first: (c: string) => boolean;
  firstText: string;
  last: (c: string) => boolean;
  lastText: string;
}

function problem(rule: NameRule, name: string): string | undefined {
  if (name.length === 0) return `Enter a name for the ${rule.what}.`;
  if (name.length > MAX_NAME_LENGTH) return `A ${rule.what} name can have at most ${MAX_NAME_LENGTH} characters; this one has ${name.length}.`;
  const bad = [...name].find((c) => !rule.allowed.test(c));
  if (bad !== undefined) return `A ${rule.what} name can contain only ${rule.allowedText}; '${bad}' is not allowed.`;
  if (!rule.first(name[0])) return `A ${rule.what} name must start with ${rule.firstText}.`;
  if (!rule.last(name[name.length - 1])) return `A ${rule.what} name must end with ${rule.lastText}.`;
  return undefined;
}

const computeRule = (what: string): NameRule => ({
  what,
  allowed: /^[A-Za-z0-9_.-]$/,
  allowedText: "letters, digits, '_', '-' and '.'",
  first: (c) => LETTER_OR_DIGIT.test(c),
  firstText: 'a letter or a digit',
  last: (c) => c !== '-' && c !== '.',
  lastText: "a letter, a digit or '_'",
});

const diskRule: NameRule = {
  what: 'disk',
  allowed: /^[A-Za-z0-9_-]$/,
  allowedText: "letters, digits, '_' and '-'",
  first: (c) => c !== '-',
  firstText: "a letter, a digit or '_'",
  last: (c) => c !== '-',
  lastText: "a letter, a digit or '_'",
};

export const restorePointCollectionNameProblem = (name: string): string | undefined => problem(computeRule('restore point collection'), name);
export const restorePointNameProblem = (name: string): string | undefined => problem(computeRule('restore point'), name);
export const diskNameProblem = (name: string): string | undefined => problem(diskRule, name);

/**
 * ARM names are case-insensitive, so 'RP-1' is taken when 'rp-1' exists. Restore points cannot be
 * changed once created (a PUT on an existing one is refused); a collection PUT would update it.
 */
export function nameInUseProblem(name: string, existingNames: Iterable<string>, what: string): string | undefined {
  const lower = name.toLowerCase();
  for (const existing of existingNames) {
    if (existing.toLowerCase() === lower) return `A ${what} named '${existing}' already exists here; choose another name.`;
  }
  return undefined;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** rp-YYYYMMDD-HHMM in the user's local time: sorts by time and passes the rule above. */
export function defaultRestorePointName(at: Date): string {
  return `rp-${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}`;
}
