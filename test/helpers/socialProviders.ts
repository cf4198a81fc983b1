import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { exportJWK, exportPKCS8, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK } from "jose";

/** The account a provider signs the next browser in as, in that provider's own claim names. */
export type Account = Record<string, string | boolean>;

/**
 * Facebook, Login with Amazon and Sign in with Apple as they answer Cognito, on loopback: each signs the
 * browser in at once as `next[provider]`, and checks what Cognito sends the way the real one would (the client
 * secret, Apple's signed client secret, the bearer token). Their addresses go into the providers'
 * ProviderDetails overrides.
 */
export interface SocialProviders {
  url: string;
  /** Who the next sign-in at each provider is. */
  next: { facebook: Account; amazon: Account; apple: Account };
  /** The `user` JSON Apple posts beside the code at a first sign-in, when set. */
  appleUser?: string;
  /** What Cognate asked: the token request's method per provider, and the fields it asked Facebook for. */
  seen: { facebookTokenMethod?: string; facebookFields?: string; appleNonce?: string };
  /** Sign in with Apple's key pair for the client secret: Cognate is given the private key. */
  applePrivateKey: string;
  close(): Promise<void>;
}

export const SOCIAL_CLIENT = { id: "cognate-app", secret: "social-secret" };
export const APPLE_APP = { clientId: "com.example.web", teamId: "TEAM123456", keyId: "KEY1234567" };

export async function startSocialProviders(): Promise<SocialProviders> {
  const appleSigner = await generateKeyPair("ES256", { extractable: true });
  const appleIdp = await generateKeyPair("RS256", { extractable: true });
  const idpJwk: JWK = { ...(await exportJWK(appleIdp.publicKey)), kid: "apple-idp", alg: "RS256", use: "sig" };
  const codes = new Map<string, { provider: string; account: Account; redirectUri: string; nonce?: string }>();
  const tokens = new Map<string, Account>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const state: SocialProviders = {
    url,
    next: { facebook: {}, amazon: {}, apple: {} },
    seen: {},
    applePrivateKey: await exportPKCS8(appleSigner.privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const issue = (provider: keyof SocialProviders["next"], query: URLSearchParams) => {
    const code = randomBytes(8).toString("hex");
    const nonce = query.get("nonce");
    codes.set(code, { provider, account: state.next[provider], redirectUri: query.get("redirect_uri")!, ...(nonce === null ? {} : { nonce }) });
    return code;
  };
  const takeCode = (provider: string, fields: URLSearchParams) => {
    const entry = codes.get(fields.get("code") ?? "");
    codes.delete(fields.get("code") ?? "");
    if (entry === undefined || entry.provider !== provider || entry.redirectUri !== fields.get("redirect_uri")) return undefined;
    return entry;
  };
  const bearer = (request: IncomingMessage) => tokens.get(/^Bearer (\S+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "");
  const newToken = (account: Account) => {
    const token = randomBytes(12).toString("hex");
    tokens.set(token, account);
    return token;
  };

  server.on("request", (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void (async () => {
        const address = new URL(request.url ?? "/", url);
        const query = address.searchParams;
        const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
        const json = (status: number, body: unknown) => {
          response.writeHead(status, { "content-type": "application/json" });
          response.end(JSON.stringify(body));
        };
        const redirect = (location: string) => {
          response.writeHead(302, { location });
          response.end();
        };
        const back = (provider: keyof SocialProviders["next"]) =>
          `${query.get("redirect_uri")}?${new URLSearchParams({ code: issue(provider, query), state: query.get("state") ?? "" })}`;
        switch (`${request.method} ${address.pathname}`) {
          case "GET /facebook/dialog/oauth":
            return redirect(back("facebook"));
          case "GET /facebook/oauth/access_token": {
            state.seen.facebookTokenMethod = "GET";
            const entry = takeCode("facebook", query);
            if (entry === undefined || query.get("client_secret") !== SOCIAL_CLIENT.secret) return json(400, { error: { message: "Invalid verification code format." } });
            return json(200, { access_token: newToken(entry.account), token_type: "bearer", expires_in: 5183944 });
          }
          case "GET /facebook/me": {
            const account = bearer(request);
            if (account === undefined) return json(401, { error: { message: "Invalid OAuth access token." } });
            state.seen.facebookFields = query.get("fields") ?? "";
            const fields = (query.get("fields") ?? "").split(",");
            return json(200, Object.fromEntries(Object.entries(account).filter(([name]) => fields.includes(name))));
          }
          case "GET /amazon/ap/oa":
            return redirect(back("amazon"));
          case "POST /amazon/auth/o2/token": {
            const entry = takeCode("amazon", form);
            if (entry === undefined || form.get("client_secret") !== SOCIAL_CLIENT.secret) return json(400, { error: "invalid_grant" });
            return json(200, { access_token: newToken(entry.account), token_type: "bearer", expires_in: 3600 });
          }
          case "GET /amazon/user/profile": {
            const account = bearer(request);
            return account === undefined ? json(401, { error: "invalid_token" }) : json(200, account);
          }
          case "GET /apple/auth/authorize": {
            // Asked for the name or email, Apple answers with a page that posts the code back.
            if (query.get("response_mode") !== "form_post") return json(400, { error: "invalid_request" });
            state.seen.appleNonce = query.get("nonce") ?? "";
            const code = issue("apple", query);
            response.writeHead(200, { "content-type": "text/html" });
            return response.end(
              `<form method="post" action="${query.get("redirect_uri")}"><input type="hidden" name="code" value="${code}"><input type="hidden" name="state" value="${query.get("state")}">${
                state.appleUser === undefined ? "" : `<input type="hidden" name="user" value="${state.appleUser.replaceAll('"', "&quot;")}">`
              }</form>`,
            );
          }
          case "POST /apple/auth/token": {
            const entry = takeCode("apple", form);
            try {
              await jwtVerify(form.get("client_secret") ?? "", appleSigner.publicKey, {
                issuer: APPLE_APP.teamId,
                subject: APPLE_APP.clientId,
                audience: "https://appleid.apple.com",
                algorithms: ["ES256"],
              });
            } catch {
              return json(400, { error: "invalid_client" });
            }
            if (entry === undefined) return json(400, { error: "invalid_grant" });
            const idToken = await new SignJWT({ ...entry.account, ...(entry.nonce === undefined ? {} : { nonce: entry.nonce }) })
              .setProtectedHeader({ alg: "RS256", kid: "apple-idp" })
              .setIssuer(`${url}/apple`)
              .setAudience(APPLE_APP.clientId)
              .setIssuedAt()
              .setExpirationTime("10m")
              .sign(await importJWK({ ...(await exportJWK(appleIdp.privateKey)), alg: "RS256" }, "RS256"));
            return json(200, { access_token: newToken(entry.account), id_token: idToken, token_type: "Bearer", expires_in: 3600 });
          }
          case "GET /apple/auth/keys":
            return json(200, { keys: [idpJwk] });
          default:
            return json(404, { error: "not found" });
        }
      })();
    });
  });
  return state;
}
