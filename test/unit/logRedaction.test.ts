import * as assert from 'node:assert/strict';
import { armRequestIds, formatRequestIds, isTokenRejected } from '../../src/azure/errors';
import { azureLog, LogLevel, redact, rememberSecret, setLogSink, type LogSink } from '../../src/azure/logging';
import { compactSdkLine, loggableUrl } from '../../src/azure/requestLogging';
import { redactedLog } from '../../src/commands/redactedLog';

describe('log redaction', () => {
  it('removes bearer tokens, Authorization header values and OAuth secrets, and keeps the rest of the line', () => {
    assert.equal(redact('Authorization: Bearer rpat.fake-12345'), 'Authorization: REDACTED');
    // A JWT's shape, made here so that no token-like literal sits in the repository.
    const jwt = [{ typ: 'JWT', alg: 'none' }, { aud: 'test' }].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.sig';
    assert.equal(redact(`sent "Bearer ${jwt}" to ARM`), 'sent "Bearer REDACTED" to ARM');
    assert.equal(redact('{"authorization":"Bearer x","accept":"application/json"}'), '{"authorization":"REDACTED","accept":"application/json"}');
    assert.equal(redact('"authorization": "REDACTED"'), '"authorization": "REDACTED"', 'the SDK sanitizer\'s output stays as it is');
    assert.equal(redact('grant_type=client_credentials&client_secret=s3cr3t-value&scope=x'), 'grant_type=client_credentials&client_secret=REDACTED&scope=x');
    assert.equal(redact('{"access_token":"abc.def.ghi","expires_in":3599}'), '{"access_token":"REDACTED","expires_in":3599}');
    assert.equal(redact('{"clientSecret":"s3cr3t","refreshToken":"r.t","name":"x"}'), '{"clientSecret":"REDACTED","refreshToken":"REDACTED","name":"x"}');
    const challenge = 'www-authenticate: Bearer authorization_uri="https://login/", error="invalid_token"';
    assert.equal(redact(challenge), challenge, 'a bearer challenge carries no secret');
    assert.equal(redact('AuthorizationFailed: The client does not have authorization to perform action'), 'AuthorizationFailed: The client does not have authorization to perform action');
  });

  it('removes a token it was told about and the client secret of the environment wherever they appear', () => {
    const token = 'rpat.K3xq9Zt0bW1n2M4v6P8r0T2y4U6i8O0a';
    rememberSecret(token);
    const saved = process.env.AZURE_CLIENT_SECRET;
    process.env.AZURE_CLIENT_SECRET = 'env-secret-value-1234';
    try {
      assert.equal(redact(`odd place ${token}, and env-secret-value-1234.`), 'odd place REDACTED, and REDACTED.');
    } finally {
      if (saved === undefined) delete process.env.AZURE_CLIENT_SECRET;
      else process.env.AZURE_CLIENT_SECRET = saved;
    }
  });

  it('redacts every line on its way to the log, and writes nothing below the log level', () => {
    const lines: string[] = [];
    const sink: LogSink = { logLevel: LogLevel.Debug, trace: (m) => lines.push(`trace ${m}`), debug: (m) => lines.push(`debug ${m}`), info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
    setLogSink(sink);
    try {
      azureLog.debug('header Authorization: Bearer abcdefgh12345678');
      azureLog.error('failed');
    } finally {
      setLogSink(undefined);
    }
    azureLog.error('after the sink is gone');
    assert.deepEqual(lines, ['debug header Authorization: REDACTED', 'error failed']);
  });

  it('logs URLs with only harmless query values', () => {
    assert.equal(
      loggableUrl('https://user:pw@management.azure.com/subscriptions/1/providers/Microsoft.Compute/virtualMachines?api-version=2025-04-01&statusOnly=true&$skiptoken=abc123'),
      'https://management.azure.com/subscriptions/1/providers/Microsoft.Compute/virtualMachines?api-version=2025-04-01&statusOnly=true&$skiptoken=REDACTED',
    );
  });
});

describe('the SDK\'s request log, compacted', () => {
  it('keeps method, URL and the sanitized headers of a request on one line, and drops TLS settings', () => {
    const sdk = `Request: ${JSON.stringify({ url: 'https://arm/x?api-version=1', method: 'GET', headers: { authorization: 'REDACTED' }, tlsSettings: { ca: '-----BEGIN CERTIFICATE-----' } }, null, 2)}`;
    assert.equal(compactSdkLine(sdk), 'Request: {"method":"GET","url":"https://arm/x?api-version=1","headers":{"authorization":"REDACTED"}}');
    assert.equal(compactSdkLine('Headers: {\n  "x-ms-request-id": "r"\n}'), 'Response headers: {"x-ms-request-id":"r"}');
    assert.equal(compactSdkLine('Retry policy: attempt 2'), 'Retry policy: attempt 2');
  });
});

describe('ARM request ids and refused tokens', () => {
  const restError = (status: number, code: string, headers: Record<string, string>) => ({
    name: 'RestError',
    statusCode: status,
    response: { status, headers: { get: (n: string) => headers[n] }, bodyAsText: JSON.stringify({ error: { code, message: 'm' } }) },
  });

  it('reads x-ms-request-id and x-ms-correlation-request-id from a failed response', () => {
    const error = restError(409, 'OperationNotAllowed', { 'x-ms-request-id': 'r-1', 'x-ms-correlation-request-id': 'c-1' });
    assert.deepEqual(armRequestIds(error), { requestId: 'r-1', correlationId: 'c-1' });
    assert.equal(formatRequestIds(armRequestIds(error)), 'x-ms-request-id: r-1, x-ms-correlation-request-id: c-1');
    assert.deepEqual(armRequestIds(new Error('no response')), {});
  });

  it('tells a refused token (expired, revoked) from other 401s and other failures', () => {
    assert.ok(isTokenRejected(restError(401, 'ExpiredAuthenticationToken', {})));
    assert.ok(isTokenRejected(restError(401, 'InvalidAuthenticationToken', {})));
    assert.ok(!isTokenRejected(restError(401, 'InvalidAuthenticationTokenTenant', {})), 'a token of the wrong tenant is the extension\'s mistake');
    assert.ok(!isTokenRejected(restError(403, 'AuthorizationFailed', {})));
    assert.ok(!isTokenRejected(new Error('InvalidAuthenticationToken')));
  });

  it('takes secrets out of everything written to the output channel, errors and their stacks included', () => {
    const token = 'rpat.Zq8Lw2Xv4Nb6Mc8Vd0Fg2Hj4Kl6Pp8Qq';
    rememberSecret(token);
    const lines: unknown[] = [];
    const write = (message: unknown): void => void lines.push(message);
    const channel = { name: 'Restore Points', logLevel: LogLevel.Trace, trace: write, debug: write, info: write, warn: write, error: write, appendLine: write, show: () => lines.push('shown') };
    const log = redactedLog(channel as unknown as Parameters<typeof redactedLog>[0]);
    log.info(`GET with Bearer ${token}`);
    log.error(new Error(`refused ${token}`));
    log.appendLine(`token ${token}`);
    log.show(true);
    assert.equal(log.name, 'Restore Points');
    assert.equal(lines.length, 4);
    assert.ok(lines.every((l) => typeof l === 'string' && !l.includes(token)), JSON.stringify(lines));
    assert.match(String(lines[1]), /^Error: refused REDACTED/);
  });
});

