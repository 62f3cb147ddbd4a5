// A small OpenID Connect provider for the tests, standing in for VK ID and the like: npm oidc-provider with one
// client, a plain login page of its own (no fonts, nothing fetched from outside) and consent given at once.
// Whatever login is typed becomes the account, and the login is its subject; the provider also holds an e-mail
// for it (<login>@id.example), which Sfera must never ask for nor show.
//
//   node oidc-provider.mjs --port 5100 --client-id sfera --client-secret s3cret
//
// The client is registered as a native application, so any loopback port is accepted in its redirect URIs
// (http://127.0.0.1/signin-oidc-* and http://localhost/...), as each test server listens on a port of its own.
import http from 'node:http';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    'client-id': { type: 'string', default: 'sfera' },
    'client-secret': { type: 'string', default: 'sfera-test-secret' },
    'redirect-path': { type: 'string', multiple: true, default: ['/signin-oidc-vk'] },
  },
});
const port = Number(args.port);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: args['client-id'],
      client_secret: args['client-secret'],
      application_type: 'native',
      redirect_uris: args['redirect-path'].flatMap((p) => [`http://127.0.0.1${p}`, `http://localhost${p}`]),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: `${id}@id.example`, email_verified: true, name: `Профиль ${id}` };
      },
    };
  },
  // No pushed authorization requests: like most providers people have (VK ID among them), the request travels in the
  // browser's query string, where the tests can look at it and tamper with it. (Sfera uses PAR where offered.)
  features: { devInteractions: { enabled: false }, pushedAuthorizationRequests: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  pkce: { required: () => true },
  cookies: { keys: ['sfera-test-oidc-provider'] },
  ttl: { AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600, IdToken: 600, AccessToken: 600 },
});
provider.on('server_error', (_ctx, error) => console.error(error));

const page = (uid) => `<!doctype html><html lang="ru"><meta charset="utf-8"><title>ID: вход</title>
<form method="post" action="/interaction/${uid}/login">
<label>Логин <input name="login" autocomplete="off" autofocus></label>
<button type="submit">Войти</button>
</form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Отмена</button></form></html>`;

async function body(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  const { prompt, params, session } = details;
  if (action === 'abort') {
    return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'cancelled' }, { mergeWithLastSubmission: false });
  }
  if (prompt.name === 'login') {
    if (action !== 'login') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page(uid));
    }
    const login = (await body(req)).get('login')?.trim();
    if (!login) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(page(uid));
    }
    return provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
  }
  // Consent: granted at once, for exactly the scopes asked.
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  const grantId = await grant.save();
  return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

const handler = provider.callback();
http
  .createServer(async (req, res) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(req.url.split('?')[0]);
    if (!match) return handler(req, res);
    try {
      await interaction(req, res, match[1], match[2]);
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(error?.message ?? error));
    }
  })
  .listen(port, '127.0.0.1', () => console.log(`oidc-provider on ${issuer}`));
