/** An ARM error response: `{"error":{"code","message","details"}}` with its HTTP status. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly target?: string,
    readonly headers: Record<string, string> = {},
    readonly details: Array<{ code: string; message: string; target?: string }> = [],
  ) {
    super(message);
  }

  toBody(): { error: { code: string; message: string; target?: string; details: Array<{ code: string; message: string; target?: string }> } } {
    return { error: { code: this.code, message: this.message, ...(this.target ? { target: this.target } : {}), details: this.details } };
  }
}

export const badRequest = (code: string, message: string, target?: string): ArmError => new ArmError(400, code, message, target);

export const invalidParameter = (message: string, target?: string): ArmError => new ArmError(400, 'InvalidParameter', message, target);

export const invalidContent = (message: string): ArmError =>
  new ArmError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: ${message}`);

export const conflict = (code: string, message: string): ArmError => new ArmError(409, code, message);

/** ARM's message for a missing resource names the type and the resource group, not the full id. */
export const resourceNotFound = (type: string, name: string, resourceGroup: string): ArmError =>
  new ArmError(404, 'ResourceNotFound', `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);

export const parentNotFound = (parentName: string): ArmError =>
  new ArmError(404, 'ParentResourceNotFound', `Can not perform requested operation on nested resource. Parent resource '${parentName}' not found.`);

export const notFoundRoute = (path: string): ArmError =>
  new ArmError(404, 'InvalidResourceType', `The resource type could not be found for the request path '${path}'.`);

export const methodNotAllowed = (method: string, path: string): ArmError =>
  new ArmError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}' at '${path}'.`);
