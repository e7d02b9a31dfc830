import { IDENTITY_MODES, type IdentityMode } from '../auth/tokens';
import { DATA_SETS, type DataSetName } from '../data';
import { demoCatalog } from '../data/demoCatalog';
import type { FailureKind } from '../engine/state';
import type { HandlerResult } from '../http/context';
import { ArmError } from '../http/errors';
import { Body } from '../http/validation';
import type { EmulatorControls } from './controls';
import type { ThrottleLimits } from './throttling';

const FAILURE_KINDS: FailureKind[] = ['restorePointCreation', 'replication', 'diskRestore', 'vmCreation'];

/** `limits.reads|writes|deletes.{size,refillPerSecond}`, each positive. */
function throttleLimits(body: Body): Partial<ThrottleLimits> {
  const limits = body.value.limits;
  if (limits === undefined) return {};
  const given = Body.of(limits, 'limits');
  const result: Partial<ThrottleLimits> = {};
  for (const kind of ['reads', 'writes', 'deletes'] as const) {
    if (given.value[kind] === undefined) continue;
    const bucket = Body.of(given.value[kind], `limits.${kind}`);
    const size = bucket.value.size;
    const refillPerSecond = bucket.value.refillPerSecond;
    if (typeof size !== 'number' || !(size >= 1) || typeof refillPerSecond !== 'number' || !(refillPerSecond > 0)) {
      throw new ArmError(400, 'InvalidControlRequest', `limits.${kind} needs a size of at least 1 and a positive refillPerSecond.`);
    }
    result[kind] = { size, refillPerSecond };
  }
  return result;
}

const ok = (body: unknown = { ok: true }): HandlerResult => ({ status: 200, body });

/**
 * The test controls over HTTPS, for tests in other processes (the VS Code extension host).
 * They live under `/_emulator/`, which is not an ARM path, and need no bearer token.
 */
export function handleControlRequest(controls: EmulatorControls, method: string, path: string, raw: unknown, query: URLSearchParams): HandlerResult {
  const body = raw === undefined ? Body.of({}) : Body.of(raw);
  const route = `${method} ${path.replace(/\/$/, '')}`;
  switch (route) {
    case 'POST /reset': {
      const data = (body.string('data') ?? 'demo') as DataSetName;
      if (!DATA_SETS.includes(data)) throw new ArmError(400, 'InvalidDataSet', `Unknown data set '${data}'; use one of ${DATA_SETS.join(', ')}.`);
      controls.reset(data);
      return ok({ data, counts: controls.counts() });
    }
    case 'GET /clock':
      return ok({ now: new Date(controls.clock.now()).toISOString(), manual: controls.clock.manual() });
    case 'POST /clock/advance': {
      const ms = body.integer('ms');
      if (ms === undefined || ms < 0) throw new ArmError(400, 'InvalidControlRequest', "Body must be {\"ms\": <non-negative integer>}.");
      controls.clock.advance(ms);
      return ok({ now: new Date(controls.clock.now()).toISOString() });
    }
    case 'POST /latency': {
      const ms = body.integer('ms');
      if (ms === undefined || ms < 0) throw new ArmError(400, 'InvalidControlRequest', "Body must be {\"ms\": <non-negative integer>}.");
      controls.setLatency(ms);
      return ok();
    }
    case 'POST /faults': {
      const pathPattern = body.string('pathPattern');
      if (!pathPattern) throw new ArmError(400, 'InvalidControlRequest', 'A fault needs a pathPattern (a regular expression).');
      const id = controls.injectFault({
        pathPattern,
        method: body.string('method'),
        status: body.integer('status'),
        retryAfterSeconds: body.integer('retryAfterSeconds'),
        drop: body.boolean('drop'),
        dropResponse: body.boolean('dropResponse'),
        delayMs: body.integer('delayMs'),
        count: body.integer('count'),
      });
      return ok({ id });
    }
    case 'GET /faults':
      return ok(controls.faultReport());
    case 'DELETE /faults':
      controls.clearFaults();
      return ok();
    case 'POST /failures': {
      const kind = body.string('kind') as FailureKind;
      if (!FAILURE_KINDS.includes(kind)) throw new ArmError(400, 'InvalidControlRequest', `kind must be one of ${FAILURE_KINDS.join(', ')}.`);
      controls.failNext(kind, body.integer('count') ?? 1);
      return ok();
    }
    case 'GET /requests': {
      const since = Number(query.get('since') ?? 0);
      return ok({ value: controls.requestLog.filter((entry) => entry.time >= since) });
    }
    case 'DELETE /requests':
      controls.clearRequestLog();
      return ok();
    case 'GET /connections':
      return ok({ tlsConnections: controls.tlsConnections });
    case 'GET /throttling':
      return ok(controls.throttling());
    case 'POST /throttling': {
      const enabled = body.boolean('enabled');
      if (enabled === undefined) throw new ArmError(400, 'InvalidControlRequest', 'Body must be {"enabled": true|false, "limits"?: {"reads"?: {"size", "refillPerSecond"}, ...}}.');
      controls.setThrottling(enabled, throttleLimits(body));
      return ok(controls.throttling());
    }
    case 'POST /blobs/data': {
      const resourceId = body.string('resourceId');
      const dataBytes = body.integer('dataBytes');
      if (!resourceId || dataBytes === undefined) throw new ArmError(400, 'InvalidControlRequest', 'Body must be {"resourceId": <id>, "dataBytes": <integer>}.');
      controls.setDiskData(resourceId, dataBytes);
      return ok();
    }
    case 'POST /blobs/tamper': {
      const resourceId = body.string('resourceId');
      if (!resourceId) throw new ArmError(400, 'InvalidControlRequest', 'Body must be {"resourceId": <id>}.');
      controls.tamperNextAccessUrl(resourceId);
      return ok();
    }
    case 'GET /blobs/signatures':
      return ok({ value: controls.sasSignatures() });
    case 'GET /blobs/digest': {
      const start = Number(query.get('start'));
      const end = Number(query.get('end'));
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) throw new ArmError(400, 'InvalidControlRequest', 'start and end must be integers with 0 <= start <= end.');
      const sha256 = controls.blobDigest(query.get('resourceId') ?? '', start, end);
      if (!sha256) throw new ArmError(404, 'NotFound', 'No access was ever granted to that resource.');
      return ok({ sha256 });
    }
    case 'GET /blobs': {
      const blob = controls.blobOf(query.get('resourceId') ?? '');
      if (!blob) throw new ArmError(404, 'NotFound', 'No access was ever granted to that resource.');
      return ok(blob);
    }
    case 'GET /store':
      return ok({ counts: controls.counts() });
    case 'POST /store/generate':
      // A large data set generates on first touch; this makes all of it now (the benchmark, before timing a read of the whole fleet).
      controls.store.generateAll();
      return ok({ counts: controls.counts() });
    case 'GET /identity':
      return ok({ mode: controls.identity });
    case 'POST /identity': {
      const mode = body.string('mode') as IdentityMode;
      if (!IDENTITY_MODES.includes(mode)) throw new ArmError(400, 'InvalidControlRequest', `mode must be one of ${IDENTITY_MODES.join(', ')}.`);
      controls.identity = mode;
      return ok({ mode });
    }
    case 'GET /catalog':
      return ok(demoCatalog);
    default:
      throw new ArmError(404, 'UnknownControl', `No test control at ${method} /_emulator${path}.`);
  }
}
