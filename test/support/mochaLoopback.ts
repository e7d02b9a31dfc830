import { loopbackDirect } from '../runner/loopbackDirect';

// Loaded by .mocharc.json before any test: the plain-Node tests reach the emulator on loopback, and
// the Azure SDK reads NO_PROXY once per process, at its first client.
Object.assign(process.env, loopbackDirect(process.env));
