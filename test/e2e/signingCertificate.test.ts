import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import {
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  GetSigningCertificateCommand,
  ResourceNotFoundException,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";

const YEAR_MS = 365 * 24 * 3600 * 1000;

for (const backend of backends) {
  describe(`GetSigningCertificate: the pool's SAML signing certificate (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    async function newPool(): Promise<string> {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "saml" }));
      return UserPool!.Id!;
    }

    test("a base64 DER certificate naming the pool, valid ten years, the same on every call, and each pool its own", async () => {
      const poolId = await newPool();
      const { Certificate } = await cognito.send(new GetSigningCertificateCommand({ UserPoolId: poolId }));
      assert.match(Certificate!, /^[A-Za-z0-9+/]+=*$/, "no PEM armour");
      const certificate = new X509Certificate(Buffer.from(Certificate!, "base64"));
      assert.equal(certificate.subject, `CN=${poolId}`);
      assert.equal(certificate.publicKey.asymmetricKeyType, "rsa");
      assert.ok(certificate.verify(certificate.publicKey), "self-signed");
      const validFrom = new Date(certificate.validFrom).getTime();
      assert.ok(Math.abs(validFrom - Date.now()) < 60_000);
      assert.ok(Math.abs(new Date(certificate.validTo).getTime() - validFrom - 10 * YEAR_MS) < 4 * 24 * 3600 * 1000);

      const again = await cognito.send(new GetSigningCertificateCommand({ UserPoolId: poolId }));
      assert.equal(again.Certificate, Certificate);
      const other = await cognito.send(new GetSigningCertificateCommand({ UserPoolId: await newPool() }));
      assert.notEqual(other.Certificate, Certificate);
    });

    test("the SAML key is not among the token keys the JWKS publishes", async () => {
      const poolId = await newPool();
      const { Certificate } = await cognito.send(new GetSigningCertificateCommand({ UserPoolId: poolId }));
      const samlKey = new X509Certificate(Buffer.from(Certificate!, "base64")).publicKey.export({ format: "jwk" });
      const jwks = (await (await fetch(`${cognate.url}/${poolId}/.well-known/jwks.json`)).json()) as { keys: Array<{ n: string }> };
      assert.equal(jwks.keys.length, 2, "one key for ID tokens, one for access tokens");
      assert.ok(jwks.keys.every((key) => key.n !== samlKey.n));
    });

    test("an unknown or deleted pool is ResourceNotFoundException", async () => {
      const poolId = await newPool();
      await cognito.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
      await rejectsWith(cognito.send(new GetSigningCertificateCommand({ UserPoolId: poolId })), ResourceNotFoundException, `User pool ${poolId} does not exist.`);
      await rejectsWith(
        cognito.send(new GetSigningCertificateCommand({ UserPoolId: "us-east-1_nonexistent" })),
        ResourceNotFoundException,
        "User pool us-east-1_nonexistent does not exist.",
      );
    });
  });
}
