import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';

/**
 * The Azure REST API spec files the contract tests use, copied unchanged into the repository (see
 * test/emulator/azure-spec/PROVENANCE.md). This file compiles to out/test/emulator, so the sources are
 * three folders up.
 */
export const SPEC_DIR = resolve(__dirname, '..', '..', '..', 'test', 'emulator', 'azure-spec');
export const SPEC_ROOT = join(SPEC_DIR, 'specification');

export const SPEC_FILES = {
  restorePoint: 'compute/resource-manager/Microsoft.Compute/ComputeRP/stable/2025-04-01/restorePoint.json',
  virtualMachine: 'compute/resource-manager/Microsoft.Compute/ComputeRP/stable/2025-04-01/virtualMachine.json',
  diskRP: 'compute/resource-manager/Microsoft.Compute/DiskRP/stable/2025-01-02/DiskRP.json',
  subscriptions: 'resources/resource-manager/Microsoft.Resources/subscriptions/stable/2022-12-01/subscriptions.json',
} as const;

interface Operation {
  operationId: string;
  responses: Record<string, { schema?: unknown }>;
}

export function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'examples' ? [] : jsonFiles(full);
    return name.endsWith('.json') ? [full] : [];
  });
}

/**
 * Validates bodies against the response schemas of the swagger operations. Every spec file is
 * registered with ajv under its file URL, so the specs' relative `$ref`s resolve as written.
 */
export class SpecContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly operations = new Map<string, { file: string; path: string; method: string; op: Operation }>();
  private readonly documents = new Map<string, unknown>();

  constructor() {
    if (!existsSync(SPEC_ROOT)) throw new Error(`The Azure specs are missing at ${SPEC_ROOT}; the contract tests need them.`);
    for (const file of jsonFiles(SPEC_ROOT)) {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as { paths?: Record<string, Record<string, Operation>> };
      const id = pathToFileURL(file).href;
      this.ajv.addSchema({ ...doc, $id: id }, id);
      this.documents.set(id, doc);
      for (const [path, methods] of Object.entries(doc.paths ?? {})) {
        for (const [method, op] of Object.entries(methods)) {
          if (op && typeof op === 'object' && 'operationId' in op) this.operations.set(op.operationId, { file: id, path, method, op });
        }
      }
    }
    this.stubMissingFiles();
  }

  /**
   * The Network specs refer to files that are not vendored (application gateways, load balancers,
   * route tables, ...), all for sub-objects the emulator never returns. Each such definition is
   * registered as `{}`, so it accepts what it is given, and the rest of the schema is checked as written.
   */
  private stubMissingFiles(): void {
    const missing = new Map<string, Set<string>>();
    const walk = (node: unknown, file: string): void => {
      if (Array.isArray(node)) return node.forEach((n) => walk(n, file));
      if (node === null || typeof node !== 'object') return;
      for (const [name, value] of Object.entries(node)) {
        if (name === 'x-ms-examples') continue;
        if (name === '$ref' && typeof value === 'string') {
          const [target, pointer = ''] = value.split('#');
          const url = target ? new URL(target, file).href : file;
          const definition = /^\/definitions\/([^/]+)$/.exec(pointer)?.[1];
          if (!this.documents.has(url) && definition) missing.set(url, (missing.get(url) ?? new Set()).add(definition));
        } else {
          walk(value, file);
        }
      }
    };
    for (const [file, doc] of this.documents) walk(doc, file);
    for (const [url, names] of missing) {
      const stub = { definitions: Object.fromEntries([...names].map((n) => [n, {}])) };
      this.ajv.addSchema({ ...stub, $id: url }, url);
      this.documents.set(url, stub);
    }
  }

  operation(operationId: string): Operation {
    const found = this.operations.get(operationId);
    if (!found) throw new Error(`operation ${operationId} is not in the vendored specs`);
    return found.op;
  }

  /** Returns ajv's errors (empty when the body matches the operation's response schema for `status`). */
  check(operationId: string, status: number, body: unknown): string[] {
    const found = this.operations.get(operationId);
    if (!found) throw new Error(`operation ${operationId} is not in the vendored specs`);
    const code = found.op.responses[String(status)] ? String(status) : 'default';
    if (!found.op.responses[code]?.schema) throw new Error(`${operationId} has no schema for ${status}`);
    const cacheKey = `${operationId} ${code}`;
    let validate = this.cache.get(cacheKey);
    if (!validate) {
      const pointer = ['paths', found.path, found.method, 'responses', code, 'schema'].map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
      validate = this.ajv.compile({ $ref: `${found.file}#/${pointer}` });
      this.cache.set(cacheKey, validate);
    }
    if (!validate(body)) return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword}: ${e.keyword === 'enum' ? 'not an allowed value' : (e.message ?? '')}`);
    const unknown: string[] = [];
    const schema = found.op.responses[code].schema as Schema;
    this.collectUnknown(schema, found.file, body, '', unknown);
    return unknown.map((path) => `${path} is not in the spec`);
  }

  /**
   * ajv accepts properties a schema does not mention (swagger rarely says additionalProperties:
   * false); this walk reports them, so the emulator cannot drift from the documented shapes.
   */
  private collectUnknown(schema: Schema, file: string, value: unknown, path: string, out: string[]): void {
    const [resolved, at] = this.resolve(schema, file);
    if (Array.isArray(value)) {
      if (resolved.items) value.forEach((item, i) => this.collectUnknown(resolved.items!, at, item, `${path}/${i}`, out));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const declared = this.declaredProperties(resolved, at);
    if (declared.size === 0 && !resolved.allOf && !resolved.properties) return;
    for (const [name, child] of Object.entries(value)) {
      const property = declared.get(name);
      if (property) this.collectUnknown(property.schema, property.file, child, `${path}/${name}`, out);
      else if (resolved.additionalProperties && typeof resolved.additionalProperties === 'object') this.collectUnknown(resolved.additionalProperties, at, child, `${path}/${name}`, out);
      else if (!resolved.additionalProperties) out.push(`${path}/${name}`);
    }
  }

  private declaredProperties(schema: Schema, file: string): Map<string, { schema: Schema; file: string }> {
    const result = new Map<string, { schema: Schema; file: string }>();
    for (const [name, property] of Object.entries(schema.properties ?? {})) result.set(name, { schema: property, file });
    for (const part of schema.allOf ?? []) {
      const [resolved, at] = this.resolve(part, file);
      for (const [name, property] of this.declaredProperties(resolved, at)) if (!result.has(name)) result.set(name, property);
    }
    return result;
  }

  private resolve(schema: Schema, file: string): [Schema, string] {
    let current = schema;
    let at = file;
    while (current.$ref) {
      const [target, pointer] = current.$ref.split('#');
      at = target ? new URL(target, at).href : at;
      const doc = this.documents.get(at);
      if (!doc) throw new Error(`unresolved $ref ${current.$ref} from ${file}`);
      current = pointer
        .split('/')
        .filter(Boolean)
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>((node, segment) => (node as Record<string, unknown>)[segment], doc) as Schema;
    }
    return [current, at];
  }
}

interface Schema {
  $ref?: string;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
}
