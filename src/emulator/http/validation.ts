import { invalidContent, invalidParameter } from './errors';

/**
 * Compute's name rule for restore point collections and restore points, as CRP reports it:
 * 1-80 characters, letters, digits, '_', '-', '.', starting with a letter or digit and not
 * ending with '-' or '.' (Azure "Naming rules and restrictions for Azure resources", Microsoft.Compute).
 */
const COMPUTE_NAME_RULE = /^[^_\W][\w\-._]{0,79}(?<![-.])$/;

export function checkComputeName(name: string, parameter: string): void {
  if (!COMPUTE_NAME_RULE.test(name)) {
    throw invalidParameter(`The entity name '${parameter}' is invalid according to its validation rule: ${COMPUTE_NAME_RULE.source}.`, parameter);
  }
}

/** Disk names: 1-80 characters, letters, digits, '_', '-', '.', ending with a letter, digit or '_'. */
const DISK_NAME_RULE = /^[A-Za-z0-9_][\w\-.]{0,78}[\w]$|^[A-Za-z0-9_]$/;

export function checkDiskName(name: string): void {
  if (!DISK_NAME_RULE.test(name)) {
    throw invalidParameter(`The entity name 'diskName' is invalid according to its validation rule: ${DISK_NAME_RULE.source}.`, 'diskName');
  }
}

/** An enum value, matched case-insensitively as ARM does, given back in the spec's spelling. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], target: string): T | undefined {
  if (value === undefined) return undefined;
  const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!match) throw invalidParameter(`The value '${value}' of '${target}' is not valid. Allowed values are: ${allowed.join(', ')}.`, target);
  return match;
}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

/** Field access that reports a wrong type the way ARM's deserializer does: 400, with the JSON path. */
export class Body {
  constructor(readonly value: JsonObject, private readonly path = '') {}

  static of(raw: unknown, path = ''): Body {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalidContent(`expected a JSON object at '${path || '$'}'.`);
    return new Body(raw as JsonObject, path);
  }

  private at(name: string): string {
    return this.path ? `${this.path}.${name}` : name;
  }

  has(name: string): boolean {
    return this.value[name] !== undefined && this.value[name] !== null;
  }

  object(name: string): Body | undefined {
    if (!this.has(name)) return undefined;
    return Body.of(this.value[name], this.at(name));
  }

  string(name: string): string | undefined {
    if (!this.has(name)) return undefined;
    const v = this.value[name];
    if (typeof v !== 'string') throw invalidContent(`'${this.at(name)}' must be a string.`);
    return v;
  }

  integer(name: string): number | undefined {
    if (!this.has(name)) return undefined;
    const v = this.value[name];
    if (typeof v !== 'number' || !Number.isInteger(v)) throw invalidContent(`'${this.at(name)}' must be an integer.`);
    return v;
  }

  boolean(name: string): boolean | undefined {
    if (!this.has(name)) return undefined;
    const v = this.value[name];
    if (typeof v !== 'boolean') throw invalidContent(`'${this.at(name)}' must be a boolean.`);
    return v;
  }

  array(name: string): Body[] | undefined {
    if (!this.has(name)) return undefined;
    const v = this.value[name];
    if (!Array.isArray(v)) throw invalidContent(`'${this.at(name)}' must be an array.`);
    return v.map((item, i) => Body.of(item, `${this.at(name)}[${i}]`));
  }

  stringArray(name: string): string[] | undefined {
    if (!this.has(name)) return undefined;
    const v = this.value[name];
    if (!Array.isArray(v) || v.some((item) => typeof item !== 'string')) throw invalidContent(`'${this.at(name)}' must be an array of strings.`);
    return v as string[];
  }

  tags(name = 'tags'): Record<string, string> | undefined {
    const tags = this.object(name);
    if (!tags) return undefined;
    const result: Record<string, string> = {};
    for (const k of Object.keys(tags.value)) {
      const v = tags.string(k);
      if (v !== undefined) result[k] = v;
    }
    return result;
  }
}
