/**
 * Where src/azure writes its diagnostics: the extension's "Restore Points" log output channel, set
 * by activate(). This folder does not import `vscode`, so the channel is seen through the part of
 * vscode.LogOutputChannel it needs. Every line passes through redact() on its way in.
 */
export interface LogSink {
  /** vscode.LogLevel: Off 0, Trace 1, Debug 2, Info 3, Warning 4, Error 5. */
  readonly logLevel: number;
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** vscode.LogLevel's values (checked against vscode's enum by the integration tests). */
export const LogLevel = { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 } as const;

let sink: LogSink | undefined;

/** undefined stops logging (deactivation, unit tests). */
export function setLogSink(value: LogSink | undefined): void {
  sink = value;
}

/** Whether a line at this level would be kept: callers skip formatting costly lines otherwise. */
export function isLogging(level: number): boolean {
  return sink !== undefined && sink.logLevel !== LogLevel.Off && sink.logLevel <= level;
}

export const azureLog = {
  trace: (message: string): void => sink?.trace(redact(message)),
  debug: (message: string): void => sink?.debug(redact(message)),
  info: (message: string): void => sink?.info(redact(message)),
  warn: (message: string): void => sink?.warn(redact(message)),
  error: (message: string): void => sink?.error(redact(message)),
};

/**
 * Secret values seen at run time (access tokens the credentials handed out, the client secret
 * from the environment): redact() removes them wherever they appear, whatever wrote the line.
 * Bounded, since a window left open for days gets a new token every hour or so.
 */
const knownSecrets: string[] = [];
const MAX_KNOWN_SECRETS = 64;

export function rememberSecret(value: string | undefined): void {
  // Short strings would redact ordinary words; real secrets are long.
  if (!value || value.length < 8 || knownSecrets.includes(value)) return;
  knownSecrets.push(value);
  if (knownSecrets.length > MAX_KNOWN_SECRETS) knownSecrets.shift();
}

const REDACTED = 'REDACTED';

/**
 * The shapes a credential takes in text: an Authorization header or a Bearer value, OAuth form and
 * JSON fields. The SDK's own log policy already replaces header values outside its allow-list;
 * this is the second line of defence for anything else that reaches the log (an error message, a
 * future log call).
 */
const SECRET_PATTERNS: [RegExp, string][] = [
  // Not a challenge's parameters (`Bearer authorization_uri="…"`), which are no secret.
  [/\b(Bearer|Basic|PoP)\s+(?![a-z_]+=")[A-Za-z0-9\-._~+/=]{8,}/gi, `$1 ${REDACTED}`],
  [/("?authorization"?\s*[:=])(?!\s*"?REDACTED)(\s*"?)[^",\r\n}]+/gi, `$1$2${REDACTED}`],
  [/\b(client_secret|client_assertion|access_token|refresh_token|id_token)=[^&\s"]+/gi, `$1=${REDACTED}`],
  [/("(?:client_?secret|client_?assertion|access_?token|refresh_?token|id_?token|token|password)"\s*:\s*")[^"]+/gi, `$1${REDACTED}`],
  // A SAS URL's signature, plain or percent-encoded inside another URL: whoever holds it reads the disk.
  [/\b(sig=|sig%3D)(?!REDACTED)[^&\s"'<>]+/gi, `$1${REDACTED}`],
];

const SECRET_VARIABLES = ['AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PASSWORD', 'AZURE_PASSWORD'];

export function redact(text: string): string {
  let result = text;
  // What @azure/identity's environment credential reads as secrets.
  const fromEnvironment = SECRET_VARIABLES.map((name) => process.env[name]).filter((v): v is string => !!v && v.length >= 8);
  for (const secret of [...fromEnvironment, ...knownSecrets]) {
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}
