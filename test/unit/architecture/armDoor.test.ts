import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/*
 * src/azure is the one door to ARM: it holds the SDK clients and sends every request through the
 * shared limiter, the retry policy and the pager's error fix. The views and commands call its
 * functions and never hold a client; this test reads their sources and fails on anything that does.
 */
const root = path.join(__dirname, '..', '..', '..', '..');
const GUARDED = ['src/commands', 'src/tree'];

/** The SDK's operation groups and the methods that send a request (what `git grep` in the review checks, and a few more). */
const OPERATION_GROUPS = /^(restorePointCollections|restorePoints|virtualMachines|disks|diskRestorePoint|diskRestorePointOperations|resourceGroups|subscriptions|tenants|networkInterfaces|virtualNetworks|resources|snapshots)$/;
const REQUEST_METHODS = /^(get|list|listAll|listByResourceGroup|listByRestorePoint|listLocations|begin[A-Za-z]*|create[A-Za-z]*|delete|update|grantAccess|revokeAccess)$/;
const CLIENT_GETTERS = /^(computeClient|networkClient|subscriptionClient|resourceClient|resourceGraphClient|azureSdk|networkSdk|storageSdk)$/;
const CLIENT_CLASSES = /^(ComputeManagementClient|NetworkManagementClient|ResourceManagementClient|SubscriptionClient|ResourceGraphClient|PageBlobClient)$/;

/** What a source file does that only src/azure may do, one line each, `file:line: what`. */
export function armDoorViolations(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, what: string): void => {
    found.push(`${fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`);
  };
  const isSdkModule = (specifier: ts.Expression | undefined): boolean => !!specifier && ts.isStringLiteral(specifier) && /^@azure\/arm-/.test(specifier.text);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && isSdkModule(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.every((e) => e.isTypeOnly)));
      if (!typeOnly) report(node, `value import from ${node.moduleSpecifier.getText(source)} (only \`import type\` outside src/azure)`);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword && isSdkModule(node.arguments[0])) report(node, `dynamic import of ${node.arguments[0].getText(source)}`);
      if (ts.isIdentifier(callee) && callee.text === 'require' && isSdkModule(node.arguments[0])) report(node, `require of ${node.arguments[0].getText(source)}`);
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
      if (name && CLIENT_GETTERS.test(name)) report(node, `obtains an SDK client: ${callee.getText(source)}(…)`);
      if (ts.isPropertyAccessExpression(callee) && REQUEST_METHODS.test(callee.name.text) && ts.isPropertyAccessExpression(callee.expression) && OPERATION_GROUPS.test(callee.expression.name.text)) {
        report(node, `calls an SDK client method: ${callee.getText(source)}(…)`);
      }
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && CLIENT_CLASSES.test(node.expression.text)) report(node, `creates an SDK client: new ${node.expression.text}(…)`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

describe('src/azure is the one door to ARM', () => {
  it('nothing under src/commands or src/tree holds an SDK client or calls one', () => {
    const files = GUARDED.flatMap((dir) => sourceFiles(path.join(root, dir)));
    assert.ok(files.length > 40, `the sources were found (${files.length} files)`);
    const violations = files.flatMap((file) => armDoorViolations(path.relative(root, file), fs.readFileSync(file, 'utf8')));
    assert.deepEqual(violations, []);
  });

  it('catches each way a deliberately broken command could reach ARM around src/azure', () => {
    const broken = [
      "import { ComputeManagementClient } from '@azure/arm-compute';",
      "import { type RestorePoint, KnownDiskStorageAccountTypes } from '@azure/arm-compute';",
      'export async function rogue(ctx: any) {',
      '  const client = await ctx.command.tree.factory.computeClient(ctx.tenantId, ctx.subscriptionId);',
      "  await client.restorePointCollections.get('rg', 'rpc', { expand: 'restorePoints' });",
      '  for await (const vm of client.virtualMachines.listAll()) void vm;',
      "  await client.restorePoints.beginDeleteAndWait('rg', 'rpc', 'rp');",
      "  client.diskRestorePoint.listByRestorePoint('rg', 'rpc', 'rp');",
      '  const subs = await ctx.factory.subscriptionClient(undefined);',
      "  await subs.subscriptions.listLocations('id');",
      "  await (await ctx.factory.resourceClient('t', 's')).resourceGroups.list();",
      "  const sdk = await import('@azure/arm-resources');",
      '  return new ComputeManagementClient(ctx.credential, ctx.subscriptionId);',
      '}',
    ].join('\n');
    const found = armDoorViolations('src/commands/rogue.ts', broken);
    const lines = found.map((f) => Number(/:(\d+):/.exec(f)![1]));
    assert.deepEqual([...new Set(lines)], [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], found.join('\n'));
  });

  it('lets type-only imports of the SDK models through', () => {
    const clean = [
      "import type { RestorePoint } from '@azure/arm-compute';",
      "import { type RestorePointCollection, type VirtualMachine } from '@azure/arm-compute';",
      "import { readCollection } from '../../azure/restorePointCollections';",
      'export const label = (rp: RestorePoint, c: RestorePointCollection, vm: VirtualMachine) => readCollection;',
    ].join('\n');
    assert.deepEqual(armDoorViolations('src/tree/clean.ts', clean), []);
  });
});
