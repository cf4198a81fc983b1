import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import {
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  InvalidParameterException,
  ResourceNotFoundException,
  UpdateUserPoolDomainCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";

const CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100";
const TAKEN = "Domain already associated with another user pool.";
const ALREADY_HAS_ONE = "User pool already has a domain configured.";
const NO_SUCH_DOMAIN = "No such domain or user pool exists.";

for (const backend of backends) {
  describe(`user pool domains through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    async function newPool(): Promise<string> {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "domains" }));
      return UserPool!.Id!;
    }
    const prefix = () => `my-app-${randomBytes(4).toString("hex")}`;

    test("a prefix domain is created as the classic hosted UI, described, shown on the pool and deleted", async () => {
      const UserPoolId = await newPool();
      const Domain = prefix();
      const created = await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId, Domain }));
      assert.equal(created.ManagedLoginVersion, 1);
      assert.equal(created.CloudFrontDomain, undefined);

      const { DomainDescription } = await cognito.send(new DescribeUserPoolDomainCommand({ Domain }));
      assert.equal(DomainDescription?.UserPoolId, UserPoolId);
      assert.equal(DomainDescription?.Domain, Domain);
      assert.equal(DomainDescription?.AWSAccountId, "000000000000");
      assert.equal(DomainDescription?.Status, "ACTIVE");
      assert.equal(DomainDescription?.ManagedLoginVersion, 1);
      assert.equal(DomainDescription?.CustomDomainConfig, undefined);
      const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId }));
      assert.equal(UserPool?.Domain, Domain);
      assert.equal(UserPool?.CustomDomain, undefined);

      await cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId, Domain }));
      assert.deepEqual((await cognito.send(new DescribeUserPoolDomainCommand({ Domain }))).DomainDescription, {});
      assert.equal((await cognito.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool?.Domain, undefined);
    });

    test("a custom domain keeps its certificate, answers its CloudFront target and can move to managed login", async () => {
      const UserPoolId = await newPool();
      const Domain = `auth.${randomBytes(4).toString("hex")}.example.com`;
      const created = await cognito.send(
        new CreateUserPoolDomainCommand({ UserPoolId, Domain, CustomDomainConfig: { CertificateArn: CERTIFICATE }, ManagedLoginVersion: 2 }),
      );
      assert.equal(created.ManagedLoginVersion, 2);
      assert.match(created.CloudFrontDomain ?? "", /^d[0-9a-z]{13}\.cloudfront\.net$/);
      const { DomainDescription } = await cognito.send(new DescribeUserPoolDomainCommand({ Domain }));
      assert.deepEqual(DomainDescription?.CustomDomainConfig, { CertificateArn: CERTIFICATE });
      assert.equal(DomainDescription?.CloudFrontDistribution, created.CloudFrontDomain);
      assert.equal((await cognito.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool?.CustomDomain, Domain);

      const updated = await cognito.send(new UpdateUserPoolDomainCommand({ UserPoolId, Domain, ManagedLoginVersion: 1 }));
      assert.equal(updated.ManagedLoginVersion, 1);
      assert.equal(updated.CloudFrontDomain, created.CloudFrontDomain);
      const after = await cognito.send(new DescribeUserPoolDomainCommand({ Domain }));
      assert.equal(after.DomainDescription?.ManagedLoginVersion, 1);
      assert.deepEqual(after.DomainDescription?.CustomDomainConfig, { CertificateArn: CERTIFICATE });
    });

    test("one domain per pool, each prefix once, reserved words and bad names refused, and nothing changes", async () => {
      const UserPoolId = await newPool();
      const Domain = prefix();
      await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId, Domain }));
      await rejectsWith(cognito.send(new CreateUserPoolDomainCommand({ UserPoolId, Domain: prefix() })), InvalidParameterException, ALREADY_HAS_ONE);
      const other = await newPool();
      await rejectsWith(cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain })), InvalidParameterException, TAKEN);
      for (const word of ["aws", "amazon", "cognito"]) {
        await rejectsWith(
          cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain: `my-${word}-login` })),
          InvalidParameterException,
          `Domain cannot contain reserved word: ${word}`,
        );
      }
      await rejectsWith(
        cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain: "auth.example.com" })),
        InvalidParameterException,
        "The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens. " +
          "Please enter a different name that follows this format: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$",
      );
      await rejectsWith(
        cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain: "My_App" })),
        InvalidParameterException,
        "1 validation error detected: Value 'My_App' at 'domain' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$",
      );
      await rejectsWith(
        cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain: prefix(), ManagedLoginVersion: 3 })),
        InvalidParameterException,
        "Invalid ManagedLoginVersion 3: use 1 (hosted UI classic) or 2 (managed login).",
      );
      await rejectsWith(
        cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain: "example.com", CustomDomainConfig: { CertificateArn: CERTIFICATE } })),
        InvalidParameterException,
        "Custom domain is not a valid subdomain: example.com",
      );
      assert.equal((await cognito.send(new DescribeUserPoolCommand({ UserPoolId: other }))).UserPool?.Domain, undefined);
      await rejectsWith(
        cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: "us-east-1_missing", Domain: prefix() })),
        ResourceNotFoundException,
        "User pool us-east-1_missing does not exist.",
      );
    });

    test("another pool's domain can be neither updated nor deleted; deleting the pool frees the prefix", async () => {
      const UserPoolId = await newPool();
      const other = await newPool();
      const Domain = prefix();
      await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId, Domain }));
      await rejectsWith(cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId: other, Domain })), InvalidParameterException, NO_SUCH_DOMAIN);
      await rejectsWith(
        cognito.send(new UpdateUserPoolDomainCommand({ UserPoolId: other, Domain, ManagedLoginVersion: 2 })),
        InvalidParameterException,
        NO_SUCH_DOMAIN,
      );
      await rejectsWith(cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId, Domain: prefix() })), InvalidParameterException, NO_SUCH_DOMAIN);
      assert.equal((await cognito.send(new DescribeUserPoolDomainCommand({ Domain }))).DomainDescription?.ManagedLoginVersion, 1);

      await cognito.send(new DeleteUserPoolCommand({ UserPoolId }));
      await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: other, Domain }));
      assert.equal((await cognito.send(new DescribeUserPoolDomainCommand({ Domain }))).DomainDescription?.UserPoolId, other);
    });
  });
}
