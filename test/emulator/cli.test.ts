import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect as netConnect } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DEMO_TENANTS } from '../../src/emulator/demoIdentity';

const REPO = resolve(__dirname, '..', '..', '..');

interface Started {
  child: ChildProcess;
  ready: { endpoint: string; caCertificate: string };
  stdoutLines: string[];
  stderr: () => string;
}

function start(command: string, args: string[]): Promise<Started> {
  // Its own process group, so a signal reaches npm, the shell and node alike, as Ctrl+C would.
  const child = spawn(command, args, { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stdoutLines: string[] = [];
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      stdoutLines.push(line);
      if (line.startsWith('{')) resolvePromise({ child, ready: JSON.parse(line), stdoutLines, stderr: () => stderr });
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before the ready line: ${stderr}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolvePromise) => (child.exitCode !== null ? resolvePromise(child.exitCode) : child.on('exit', (code) => resolvePromise(code))));
}

function connectTcp(endpoint: string): Promise<void> {
  const url = new URL(endpoint);
  return new Promise((resolvePromise, reject) => {
    const socket = netConnect(Number(url.port), url.hostname, () => {
      socket.destroy();
      resolvePromise();
    });
    socket.on('error', reject);
  });
}

function get(ready: Started['ready'], path: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    request(`${ready.endpoint}${path}`, { ca: readFileSync(ready.caCertificate) }, (res) => {
      res.resume();
      resolvePromise(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe('emulator started from the command line', function () {
  // `npm run emulator` compiles the repository first.
  this.timeout(120_000);

  it('npm run emulator -- --port 0 prints the ready line, serves HTTPS and stops on SIGTERM', async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const started = await start(npm, ['run', '--silent', 'emulator', '--', '--port', '0']);
    try {
      const { endpoint, caCertificate } = started.ready;
      assert.match(endpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(caCertificate.startsWith('/') || /^[A-Z]:\\/.test(caCertificate), 'absolute path');
      assert.match(readFileSync(caCertificate, 'utf8'), /-----BEGIN CERTIFICATE-----/);
      assert.deepEqual(Object.keys(started.ready).sort(), ['caCertificate', 'endpoint']);
      assert.equal(await get(started.ready, '/subscriptions?api-version=2022-12-01'), 401);
    } finally {
      process.kill(-started.child.pid!, 'SIGTERM');
    }
    // npm may exit before the emulator has written its last line and removed its files: wait until
    // every process of the group has closed the output pipes, not just for npm.
    await new Promise((resolvePromise) => started.child.once('close', resolvePromise));
    assert.match(started.stderr(), /SIGTERM: stopping/);
    assert.equal(started.stdoutLines.filter((l) => l.trim() !== '').length, 1, 'exactly one line on stdout');
    await assert.rejects(connectTcp(started.ready.endpoint), /ECONNREFUSED/);
    assert.ok(!existsSync(started.ready.caCertificate), 'the certificate file is removed on exit');
  });

  it('the compiled CLI is trusted via NODE_EXTRA_CA_CERTS, exits with 0 on SIGINT and removes its certificate file', async () => {
    const started = await start(process.execPath, [resolve(REPO, 'out', 'src', 'emulator', 'cli.js'), '--port', '0', '--data', 'empty', '--pace', '10']);
    // A child process trusts the emulator through NODE_EXTRA_CA_CERTS, with verification left on.
    const probe = spawn(process.execPath, ['-e', `require('https').get(process.argv[1], (r) => { console.log(r.statusCode); r.resume(); }).on('error', (e) => { console.log(e.code); })`, `${started.ready.endpoint}/_emulator/clock`], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: started.ready.caCertificate, NODE_TLS_REJECT_UNAUTHORIZED: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let probeOut = '';
    probe.stdout!.on('data', (c: Buffer) => (probeOut += c.toString()));
    await exited(probe);
    assert.equal(probeOut.trim(), '200');

    started.child.kill('SIGINT');
    assert.equal(await exited(started.child), 0, `signal ${started.child.signalCode}; ${started.stderr()}`);
    assert.ok(!existsSync(started.ready.caCertificate));
  });

  it('--identity adfs serves the AD FS endpoints instead of the Microsoft Entra ones', async () => {
    const started = await start(process.execPath, [resolve(REPO, 'out', 'src', 'emulator', 'cli.js'), '--port', '0', '--data', 'empty', '--identity', 'adfs']);
    try {
      assert.equal(await get(started.ready, '/adfs/.well-known/openid-configuration'), 200);
      assert.equal(await get(started.ready, '/metadata/endpoints?api-version=2015-01-01'), 200);
      assert.notEqual(await get(started.ready, `/${DEMO_TENANTS.contoso.tenantId}/v2.0/.well-known/openid-configuration`), 200);
      assert.match(started.stderr(), /AD FS sign-in at https:\/\/127\.0\.0\.1:\d+\/adfs/);
    } finally {
      started.child.kill('SIGTERM');
      await exited(started.child);
    }
    const child = spawn(process.execPath, [resolve(REPO, 'out', 'src', 'emulator', 'cli.js'), '--identity', 'kerberos'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    assert.equal(await exited(child), 2);
    assert.match(stderr, /--identity must be one of entra, adfs/);
  });

  it('refuses bad arguments with a usage message', async () => {
    const child = spawn(process.execPath, [resolve(REPO, 'out', 'src', 'emulator', 'cli.js'), '--data', 'huge'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    assert.equal(await exited(child), 2);
    assert.match(stderr, /usage: npm run emulator/);
  });
});
