import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import {
  CreateManagedLoginBrandingCommand,
  CreateUserPoolDomainCommand,
  DeleteManagedLoginBrandingCommand,
  DeleteUserPoolClientCommand,
  DescribeManagedLoginBrandingByClientCommand,
  DescribeManagedLoginBrandingCommand,
  GetUICustomizationCommand,
  SetUICustomizationCommand,
  UpdateManagedLoginBrandingCommand,
  UpdateUserPoolDomainCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { SignInFixture } from "../helpers/signIn.js";

const CALLBACK = "https://app.example.com/callback";
/** The smallest PNG: the 8-byte signature and an IHDR chunk are all a format check reads. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);
/** The call fails with this Cognito error type and, when given, a message matching. */
async function expectCognitoError(promise: Promise<unknown>, name: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, name, error.message);
    if (message !== undefined) assert.match(error.message, message);
    return true;
  });
}

const UNKNOWN_BRANDING = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

for (const backend of backends) {
  describe(`UI customization and managed login branding (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let poolId: string;
    let clientId: string;
    let otherClientId: string;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      const fixture = new SignInFixture(cognate, cognito);
      poolId = await fixture.pool();
      const oauth = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["code" as const], AllowedOAuthScopes: ["openid"], CallbackURLs: [CALLBACK] };
      ({ clientId } = await fixture.client(poolId, { ClientName: "web", ...oauth }));
      ({ clientId: otherClientId } = await fixture.client(poolId, { ClientName: "other", ...oauth }));
    });
    after(() => cognate.close());

    async function loginPage(client: string): Promise<string> {
      const query = new URLSearchParams({ response_type: "code", client_id: client, redirect_uri: CALLBACK });
      const response = await fetch(`${cognate.url}/login?${query}`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-security-policy") ?? "", /img-src 'self'/);
      return response.text();
    }

    test("SetUICustomization pool-wide (ALL) and per client; GetUICustomization gives the client's own, else the pool's", async () => {
      const none = await cognito.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }));
      assert.deepEqual(none.UICustomization, { UserPoolId: poolId, ClientId: clientId });

      const poolCss = ".submitButton-customizable { background-color: #ff9900; }";
      const set = await cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, CSS: poolCss, ImageFile: JPEG }));
      assert.equal(set.UICustomization!.ClientId, "ALL");
      assert.equal(set.UICustomization!.CSS, poolCss);
      assert.ok(set.UICustomization!.CreationDate instanceof Date);
      const imageUrl = set.UICustomization!.ImageUrl!;
      assert.ok(imageUrl.startsWith(`${cognate.url}/ui-assets/${poolId}/ALL/`), imageUrl);
      const logo = await fetch(imageUrl);
      assert.equal(logo.status, 200);
      assert.equal(logo.headers.get("content-type"), "image/jpeg");
      assert.deepEqual(Buffer.from(await logo.arrayBuffer()), JPEG);

      const clientCss = ".banner-customizable { background-color: #232f3e; }\n.label-customizable, .inputField-customizable:focus { color: #111; }";
      await cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId, CSS: clientCss, ImageFile: PNG }));
      const own = await cognito.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: clientId }));
      assert.equal(own.UICustomization!.ClientId, clientId);
      assert.equal(own.UICustomization!.CSS, clientCss);
      const fallback = await cognito.send(new GetUICustomizationCommand({ UserPoolId: poolId, ClientId: otherClientId }));
      assert.equal(fallback.UICustomization!.ClientId, "ALL");
      assert.equal(fallback.UICustomization!.CSS, poolCss);

      // The classic login page carries the client's CSS and logo; the other client gets the pool's.
      const page = await loginPage(clientId);
      assert.ok(page.includes(`<style>${clientCss}</style>`));
      const logoSrc = /<img class="logo-customizable" src="([^"]+)"/.exec(page)?.[1];
      assert.equal(`${cognate.url}${logoSrc}`, own.UICustomization!.ImageUrl);
      assert.equal((await fetch(`${cognate.url}${logoSrc}`)).headers.get("content-type"), "image/png");
      assert.match(page, /class="submitButton-customizable"/);
      assert.ok((await loginPage(otherClientId)).includes(`<style>${poolCss}</style>`));

      // The other managed login pages share the login page's layout, so they are branded alike.
      const forgot = await fetch(`${cognate.url}/forgotPassword?${new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: CALLBACK })}`);
      assert.equal(forgot.status, 200);
      assert.match(forgot.headers.get("content-security-policy") ?? "", /img-src 'self'/);
      const forgotPage = await forgot.text();
      assert.ok(forgotPage.includes(`<style>${clientCss}</style>`));
      assert.ok(forgotPage.includes(`<img class="logo-customizable" src="${logoSrc}"`));
      assert.match(forgotPage, /<h1 class="textDescription-customizable">Forgot your password\?<\/h1>/);
    });

    test("CSS outside the customizable classes, markup that would end the <style>, or a bad logo is refused and changes nothing", async () => {
      const before = await cognito.send(new GetUICustomizationCommand({ UserPoolId: poolId }));
      const refused: Array<[string | undefined, Uint8Array | undefined, RegExp]> = [
        [".submitButton-customizable { color: red; } </style><script>alert(1)</script>", undefined, /css is invalid: markup/],
        ["body { color: red; }", undefined, /css is invalid: body is not a customizable class/],
        ["@import 'https://evil.example/x.css';", undefined, /css is invalid: at-rules/],
        [".logo-customizable { background: url(https://evil.example/x.png); }", undefined, /css is invalid: url\(\)/],
        [".logo-customizable { color: red; ", undefined, /css is invalid: a rule is not closed/],
        [undefined, Buffer.from("GIF89a not a png"), /Image file must be a PNG or JPEG image of at most 100 KB\./],
        [undefined, Buffer.concat([PNG, Buffer.alloc(100 * 1024)]), /Image file must be a PNG or JPEG image of at most 100 KB\./],
      ];
      for (const [CSS, ImageFile, message] of refused) {
        await expectCognitoError(
          cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, ...(CSS === undefined ? {} : { CSS }), ...(ImageFile === undefined ? {} : { ImageFile }) })),
          "InvalidParameterException",
          message,
        );
      }
      await expectCognitoError(
        cognito.send(new SetUICustomizationCommand({ UserPoolId: poolId, ClientId: "nosuchclient1234567890", CSS: "" })),
        "ResourceNotFoundException",
      );
      assert.deepEqual(await cognito.send(new GetUICustomizationCommand({ UserPoolId: poolId })).then((r) => r.UICustomization), before.UICustomization);
    });

    test("managed login branding: create, describe by id and by client, update, delete; one per client; Cognito's values exclude settings", async () => {
      const Settings = { components: { primaryButton: { lightMode: { defaults: { backgroundColor: "0972d3ff" } } } } };
      const Assets = [{ Category: "PAGE_HEADER_LOGO" as const, ColorMode: "LIGHT" as const, Extension: "PNG" as const, Bytes: PNG }];
      const { ManagedLoginBranding: created } = await cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, Settings, Assets }));
      const id = created!.ManagedLoginBrandingId!;
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(created!.UseCognitoProvidedValues, false);
      assert.deepEqual(created!.Settings, Settings);
      assert.deepEqual(Buffer.from(created!.Assets![0]!.Bytes!), PNG);

      const byId = await cognito.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id, ReturnMergedResources: true }));
      const byClient = await cognito.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: clientId }));
      assert.deepEqual(byId.ManagedLoginBranding, created);
      assert.deepEqual(byClient.ManagedLoginBranding, created);

      await expectCognitoError(
        cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, UseCognitoProvidedValues: true })),
        "ManagedLoginBrandingExistsException",
      );
      await expectCognitoError(
        cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: otherClientId, UseCognitoProvidedValues: true, Settings })),
        "InvalidParameterException",
        /Settings and Assets must be empty when UseCognitoProvidedValues is true\./,
      );
      const repeated = [...Assets, ...Assets];
      await expectCognitoError(
        cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: otherClientId, Assets: repeated })),
        "InvalidParameterException",
        /Duplicate asset for category PAGE_HEADER_LOGO and color mode LIGHT\./,
      );

      const { ManagedLoginBranding: updated } = await cognito.send(
        new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id, UseCognitoProvidedValues: true }),
      );
      assert.equal(updated!.UseCognitoProvidedValues, true);
      assert.deepEqual(updated!.Settings, {});
      assert.deepEqual(updated!.Assets, []);
      await expectCognitoError(cognito.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId })), "InvalidParameterException", /UserPoolId and ManagedLoginBrandingId are required\./);

      await cognito.send(new DeleteManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id }));
      const gone = [
        () => cognito.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id })),
        () => cognito.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: clientId })),
        () => cognito.send(new DeleteManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: UNKNOWN_BRANDING })),
        () => cognito.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: UNKNOWN_BRANDING, Settings })),
      ];
      for (const attempt of gone) await expectCognitoError(attempt(), "ResourceNotFoundException", /Managed login branding does not exist\./);
    });

    test("a client's style goes with the client; a pool on managed login (version 2) shows no classic CSS", async () => {
      const fixture = new SignInFixture(cognate, cognito);
      const { clientId: doomed } = await fixture.client(poolId, { ClientName: "doomed" });
      await cognito.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: doomed, UseCognitoProvidedValues: true }));
      await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: doomed }));
      await expectCognitoError(cognito.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: doomed })), "ResourceNotFoundException");

      const Domain = `brand-${randomBytes(4).toString("hex")}`;
      await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain, ManagedLoginVersion: 1 }));
      assert.match(await loginPage(clientId), /<style>\.banner-customizable/);
      await cognito.send(new UpdateUserPoolDomainCommand({ UserPoolId: poolId, Domain, ManagedLoginVersion: 2 }));
      const page = await loginPage(clientId);
      assert.doesNotMatch(page, /banner-customizable \{/);
      assert.doesNotMatch(page, /logo-customizable" src=/);
    });

    test("managed login (version 2) renders the client's style: colours, radii, the form logo and page background images", async () => {
      const fixture = new SignInFixture(cognate, cognito);
      const oauth = { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ["code" as const], AllowedOAuthScopes: ["openid"], CallbackURLs: [CALLBACK] };
      const stylePool = await fixture.pool();
      const { clientId: styled } = await fixture.client(stylePool, oauth);
      await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: stylePool, Domain: `style-${randomBytes(4).toString("hex")}`, ManagedLoginVersion: 2 }));
      assert.doesNotMatch(await loginPage(styled), /<\/style>\n<style>/, "no style: Cognate's default look alone");

      const Settings = {
        categories: { global: { colorSchemeMode: "DYNAMIC" } },
        components: {
          pageBackground: { lightMode: { color: "F5E6CCFF" }, darkMode: { color: "101820ff" }, image: { enabled: true } },
          form: { borderRadius: 16, lightMode: { backgroundColor: "fffdf8ff", borderColor: "c0a060ff" }, logo: { enabled: true, location: "START" } },
          primaryButton: { lightMode: { defaults: { backgroundColor: "8a3b12ff", textColor: "ffffffff" }, hover: { backgroundColor: "5c2408ff" } } },
          pageText: { lightMode: { headingColor: "2b1a0cff" } },
          // Not a colour of Cognito's form: ignored, never written into the page.
          alert: { lightMode: { error: { backgroundColor: "red;}</style><script>" } } },
        },
        componentClasses: { input: { borderRadius: 4 }, link: { lightMode: { defaults: { textColor: "8a3b12ff" } } } },
      };
      await cognito.send(
        new CreateManagedLoginBrandingCommand({
          UserPoolId: stylePool,
          ClientId: styled,
          Settings,
          Assets: [
            { Category: "FORM_LOGO", ColorMode: "LIGHT", Extension: "PNG", Bytes: PNG },
            { Category: "PAGE_BACKGROUND", ColorMode: "DYNAMIC", Extension: "JPEG", Bytes: JPEG },
          ],
        }),
      );
      const page = await loginPage(styled);
      const style = /<\/style>\n<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? "";
      assert.match(style, /^body\{background-color:#f5e6ccff\}$/m);
      assert.match(style, /^main\{background:#fffdf8ff;border:1px solid #c0a060ff\}$/m);
      assert.match(style, /^main\{border-radius:16px\}$/m);
      assert.match(style, /^input\{border-radius:4px\}$/m);
      assert.match(style, /^button\{background:#8a3b12ff;color:#ffffffff\}$/m);
      assert.match(style, /^button:hover\{background:#5c2408ff\}$/m);
      assert.match(style, /^h1\{color:#2b1a0cff\}$/m);
      assert.match(style, /^a\{color:#8a3b12ff\}$/m);
      assert.match(style, /@media \(prefers-color-scheme: dark\)\{body\{background-color:#101820ff\}\}/);
      assert.doesNotMatch(page, /red;\}/);
      assert.doesNotMatch(page, /<script>/);

      const logo = /<img class="logo-customizable" src="([^"]+)"/.exec(page)?.[1];
      assert.match(logo ?? "", /^\/managed-login-assets\/[^/]+\/[0-9a-f-]{36}\/\d+\/FORM_LOGO\/LIGHT$/);
      const logoResponse = await fetch(`${cognate.url}${logo}`);
      assert.equal(logoResponse.status, 200);
      assert.equal(logoResponse.headers.get("content-type"), "image/png");
      assert.deepEqual(Buffer.from(await logoResponse.arrayBuffer()), PNG);
      const background = /body\{background-image:url\("([^"]+)"\)/.exec(style)?.[1];
      assert.match(background ?? "", /\/PAGE_BACKGROUND\/DYNAMIC$/);
      assert.equal((await fetch(`${cognate.url}${background}`)).headers.get("content-type"), "image/jpeg");

      // Back to Cognito's provided values: the default look, and the old images are gone with their version.
      const { ManagedLoginBranding } = await cognito.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: stylePool, ClientId: styled }));
      await cognito.send(
        new UpdateManagedLoginBrandingCommand({ UserPoolId: stylePool, ManagedLoginBrandingId: ManagedLoginBranding!.ManagedLoginBrandingId, UseCognitoProvidedValues: true }),
      );
      assert.doesNotMatch(await loginPage(styled), /<\/style>\n<style>/);
      assert.equal((await fetch(`${cognate.url}${logo}`)).status, 404);
    });
  });
}
