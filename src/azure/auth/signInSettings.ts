/**
 * The settings that decide where requests go, which credential signs them or which certificates
 * are trusted. A change to any of them rebuilds the sign-in; in Restricted Mode a workspace may
 * set none of them (package.json `restrictedConfigurations` for ours, cloudSettings.ts for
 * `microsoft-sovereign-cloud`, which another extension contributes).
 */
export const SIGN_IN_SETTINGS = ['restorePoints.authentication', 'restorePoints.azureIdentity', 'restorePoints.customCloud', 'microsoft-sovereign-cloud'];
