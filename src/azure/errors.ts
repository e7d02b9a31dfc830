interface ArmErrorBody {
  error?: { code?: string; message?: string };
}

/** ARM's `{ error: { code, message } }` from a RestError's response, when it has one. */
export function armError(error: unknown): ArmErrorBody['error'] | undefined {
  const response = (error as { response?: { parsedBody?: unknown; bodyAsText?: string } } | undefined)?.response;
  let body = response?.parsedBody as ArmErrorBody | undefined;
  if (!body && response?.bodyAsText) {
    try {
      body = JSON.parse(response.bodyAsText) as ArmErrorBody;
    } catch {
      body = undefined;
    }
  }
  return body?.error?.message ? body.error : undefined;
}

/**
 * ARM's own message when there is one. The SDK's pager replaces it with "Pagination failed with
 * unexpected statusCode …", so the response body is read first.
 */
export function errorMessage(error: unknown): string {
  const arm = armError(error);
  if (arm?.message) return arm.message;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

export function errorCode(error: unknown): string | undefined {
  const code = armError(error)?.code ?? (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function statusCode(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}
