import type { AdditionalPolicyConfig } from '@azure/core-client';
import type { LogPolicyOptions } from '@azure/core-rest-pipeline';
import { tokenRejectionPolicy } from './auth/tokenRejection';
import { requestLoggingOptions } from './requestLogging';

/**
 * What every ARM client adds to the SDK's pipeline: request logging (requestLogging.ts) and the
 * detection of a token ARM no longer accepts (auth/tokenRejection.ts).
 */
export function armPipelineOptions(): { additionalPolicies: AdditionalPolicyConfig[]; loggingOptions: LogPolicyOptions } {
  const logging = requestLoggingOptions();
  return { ...logging, additionalPolicies: [...logging.additionalPolicies, tokenRejectionPolicy] };
}
