import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import selfsigned from 'selfsigned';

type SelfsignedOptions = NonNullable<Parameters<typeof selfsigned.generate>[1]>;

export interface Certificate {
  key: string;
  cert: string;
  /** Absolute path of the PEM clients trust (the certificate is its own CA). */
  pemPath: string;
  dispose(): void;
}

/**
 * One key and certificate per host and process: making them takes most of a second (the RSA key,
 * then selfsigned's signature in JavaScript), and a test run starts dozens of emulators in one
 * process. Each emulator still writes, and removes, its own copy of the PEM.
 */
const generated = new Map<string, Promise<{ key: string; cert: string }>>();

/**
 * A self-signed certificate for 127.0.0.1 and localhost (and `host`, and `alsoKnownAs`), written to
 * a file of its own. It acts as its own CA, so a client trusts the emulator by adding the PEM to its
 * CA list.
 */
export async function createCertificate(host: string, alsoKnownAs: readonly string[] = []): Promise<Certificate> {
  const names = [host, ...alsoKnownAs];
  const cacheKey = names.join(' ');
  let pending = generated.get(cacheKey);
  if (!pending) generated.set(cacheKey, (pending = generate(names)));
  // A failed generation is not kept: the next emulator tries again.
  const { key, cert } = await pending.catch((error: unknown) => {
    generated.delete(cacheKey);
    throw error;
  });
  const dir = mkdtempSync(join(tmpdir(), 'arm-emulator-'));
  const pemPath = join(dir, 'ca.pem');
  writeFileSync(pemPath, cert);
  return {
    key,
    cert,
    pemPath,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The key comes from Node's native generator (fast); selfsigned builds and signs the certificate. */
async function generate(names: readonly string[]): Promise<{ key: string; cert: string }> {
  // Native and off the main thread, so it overlaps with loading the data set.
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const altNames: Array<{ type: number; ip?: string; value?: string }> = [
    { type: 7, ip: '127.0.0.1' },
    { type: 2, value: 'localhost' },
  ];
  for (const name of names) {
    if (name !== '127.0.0.1' && name !== 'localhost') altNames.push(/^[\d.]+$/.test(name) ? { type: 7, ip: name } : { type: 2, value: name });
  }
  // `keyPair` is supported by selfsigned 2.x but missing from its type declarations.
  const options: SelfsignedOptions & { keyPair: { privateKey: string; publicKey: string } } = {
    keyPair: { privateKey, publicKey },
    days: 30,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  };
  const pems = selfsigned.generate([{ name: 'commonName', value: 'Restore Points ARM emulator' }], options);
  return { key: pems.private, cert: pems.cert };
}
