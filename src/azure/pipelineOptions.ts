import type { AdditionalPolicyConfig } from '@azure/core-client';
import type { LogPolicyOptions } from '@azure/core-rest-pipeline';
import { tokenRejectionPolicy } from './auth/tokenRejection';
import { keepAlivePolicy } from './keepAlive';
import { requestLoggingOptions } from './requestLogging';
import { requestProtocolEntry } from './requestProtocol';

/**
 * What every ARM client adds to the SDK's pipeline: request logging (requestLogging.ts), the
 * detection of a token ARM no longer accepts (auth/tokenRejection.ts), connections kept open
 * between requests (keepAlive.ts) and the request's protocol named for proxy agents (requestProtocol.ts).
 */
export function armPipelineOptions(): { additionalPolicies: AdditionalPolicyConfig[]; loggingOptions: LogPolicyOptions } {
  const logging = requestLoggingOptions();
  return { ...logging, additionalPolicies: [...logging.additionalPolicies, tokenRejectionPolicy, { policy: keepAlivePolicy, position: 'perCall' }, requestProtocolEntry] };
}
