import { loadConfig } from '../config';

/** An identity provider the gateway verifies, as WEB_OIDC_ISSUER needs. */
const IDP = {
  AUTH_JWKS_URL: 'https://login.example.nl/jwks',
  AUTH_ISSUER: 'https://login.example.nl',
};

describe("Config: the web client's OIDC sign-in (WEB_OIDC_*)", () => {
  it('is off without WEB_OIDC_ISSUER and WEB_OIDC_CLIENT_ID', () => {
    expect(loadConfig({}).auth.webOidc).toBeNull();
    expect(loadConfig(IDP).auth.webOidc).toBeNull();
  });

  it('reads issuer, client id and scope, with scope openid profile by default', () => {
    expect(
      loadConfig({ ...IDP, WEB_OIDC_ISSUER: 'https://login.example.nl', WEB_OIDC_CLIENT_ID: 'ketenhub-web' })
        .auth.webOidc,
    ).toEqual({ issuer: 'https://login.example.nl', clientId: 'ketenhub-web', scope: 'openid profile' });
    expect(
      loadConfig({
        ...IDP,
        WEB_OIDC_ISSUER: 'https://login.example.nl/realms/twente',
        WEB_OIDC_CLIENT_ID: 'ketenhub-web',
        WEB_OIDC_SCOPE: '  openid   profile ketenhub ',
      }).auth.webOidc,
    ).toEqual({
      issuer: 'https://login.example.nl/realms/twente',
      clientId: 'ketenhub-web',
      scope: 'openid profile ketenhub',
    });
  });

  it('takes plain HTTP only on this machine', () => {
    for (const issuer of ['http://localhost:8080', 'http://127.0.0.1:9000/oidc', 'http://[::1]:9000']) {
      expect(
        loadConfig({ ...IDP, WEB_OIDC_ISSUER: issuer, WEB_OIDC_CLIENT_ID: 'web' }).auth.webOidc?.issuer,
      ).toBe(issuer);
    }
    expect(() =>
      loadConfig({ ...IDP, WEB_OIDC_ISSUER: 'http://login.example.nl', WEB_OIDC_CLIENT_ID: 'web' }),
    ).toThrow('WEB_OIDC_ISSUER must be an https URL (http only on localhost), got "http://login.example.nl"');
  });

  it('refuses half a configuration, a malformed issuer, or one the gateway would not verify', () => {
    expect(() => loadConfig({ ...IDP, WEB_OIDC_ISSUER: 'https://login.example.nl' })).toThrow(
      'WEB_OIDC_ISSUER and WEB_OIDC_CLIENT_ID go together',
    );
    expect(() => loadConfig({ ...IDP, WEB_OIDC_CLIENT_ID: 'web' })).toThrow(
      'WEB_OIDC_ISSUER and WEB_OIDC_CLIENT_ID go together',
    );
    expect(() =>
      loadConfig({ ...IDP, WEB_OIDC_ISSUER: 'login.example.nl', WEB_OIDC_CLIENT_ID: 'web' }),
    ).toThrow('WEB_OIDC_ISSUER must be a URL, got "login.example.nl"');
    expect(() =>
      loadConfig({
        ...IDP,
        WEB_OIDC_ISSUER: 'https://login.example.nl/?tenant=x',
        WEB_OIDC_CLIENT_ID: 'web',
      }),
    ).toThrow('WEB_OIDC_ISSUER is an issuer identifier, without query or fragment');
    // With the local development issuer the gateway would refuse every token of the provider.
    expect(() =>
      loadConfig({ WEB_OIDC_ISSUER: 'https://login.example.nl', WEB_OIDC_CLIENT_ID: 'web' }),
    ).toThrow('WEB_OIDC_ISSUER needs AUTH_JWKS_URL (or AUTH_JWKS_FILE) and AUTH_ISSUER');
    expect(
      loadConfig({
        AUTH_JWKS_FILE: '/etc/ketenhub/jwks.json',
        AUTH_ISSUER: 'https://login.example.nl',
        WEB_OIDC_ISSUER: 'https://login.example.nl',
        WEB_OIDC_CLIENT_ID: 'web',
      }).auth.webOidc?.clientId,
    ).toBe('web');
  });
});
