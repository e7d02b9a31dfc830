/**
 * The demo data's well-known sign-in: one application registered in both demo tenants. The
 * emulator's token endpoint accepts it for the client-credentials grant with the scope
 * `<endpoint>/.default`. These are not secrets: they only open this local emulator.
 */
export const DEMO_TENANTS = {
  contoso: { tenantId: '4f7a2c1e-8b3d-4e6f-9a1b-2c3d4e5f6a7b', displayName: 'Contoso', defaultDomain: 'contoso.onmicrosoft.com', countryCode: 'US' },
  fabrikam: { tenantId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', displayName: 'Fabrikam', defaultDomain: 'fabrikam.onmicrosoft.com', countryCode: 'GB' },
} as const;

export const DEMO_CLIENT_ID = '3b9e2d4f-6a1c-4e8b-9d7f-5a2c4e6b8d0f';
export const DEMO_CLIENT_SECRET = 'demo-restore-points-client-secret';
/** The service principal's object id, as ARM names it in 403 messages. */
export const DEMO_PRINCIPAL_OBJECT_ID = '7d1e3f5a-2b4c-4d6e-8f0a-1c3e5a7b9d2f';
