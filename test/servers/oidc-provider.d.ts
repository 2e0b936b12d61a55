/** oidc-provider ships no types; the tests describe the little they use in authorization-server.ts. */
declare module 'oidc-provider';
