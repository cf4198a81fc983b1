import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  InvalidParameterException,
  ListUserPoolsCommand,
  ResourceNotFoundException,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";

for (const backend of backends) {
  describe(`user pools through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    test("CreateUserPool returns a region-prefixed id, the account's ARN and Cognito's default password policy", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "first" }));
      assert.match(UserPool!.Id!, /^us-east-1_[A-Za-z0-9]{9}$/);
      assert.equal(UserPool!.Name, "first");
      assert.equal(UserPool!.Arn, `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${UserPool!.Id}`);
      assert.deepEqual(UserPool!.Policies?.PasswordPolicy, {
        MinimumLength: 8,
        RequireUppercase: true,
        RequireLowercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
        TemporaryPasswordValidityDays: 7,
      });
      assert.ok(UserPool!.CreationDate instanceof Date);
      assert.ok(Math.abs(UserPool!.CreationDate.getTime() - Date.now()) < 60_000, "dates are epoch seconds on the wire");
    });

    test("DescribeUserPool returns what CreateUserPool stored", async () => {
      const { UserPool: created } = await cognito.send(
        new CreateUserPoolCommand({
          PoolName: "described",
          Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: false } },
          DeletionProtection: "INACTIVE",
        }),
      );
      const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: created!.Id }));
      assert.equal(UserPool!.Id, created!.Id);
      assert.equal(UserPool!.Name, "described");
      assert.equal(UserPool!.Policies?.PasswordPolicy?.MinimumLength, 12);
      assert.equal(UserPool!.Policies?.PasswordPolicy?.RequireSymbols, false);
      assert.equal(UserPool!.Policies?.PasswordPolicy?.RequireUppercase, true);
      assert.equal(UserPool!.CreationDate?.getTime(), created!.CreationDate?.getTime());
    });

    test("ListUserPools pages through every pool once with MaxResults and NextToken", async () => {
      const region = "ap-southeast-2";
      const regional = cognate.client({ region });
      const created = new Set<string>();
      for (let i = 0; i < 5; i++) {
        const { UserPool } = await regional.send(new CreateUserPoolCommand({ PoolName: `paged-${i}` }));
        created.add(UserPool!.Id!);
      }
      const seen: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await regional.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken }));
        assert.ok(page.UserPools!.length <= 2);
        seen.push(...page.UserPools!.map((pool) => pool.Id!));
        NextToken = page.NextToken;
      } while (NextToken !== undefined);
      assert.deepEqual(new Set(seen), created);
      assert.equal(seen.length, 5);
    });

    test("a pool is invisible to requests signed for another region", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "us-only" }));
      const europe = cognate.client({ region: "eu-west-1" });
      await assert.rejects(
        europe.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id })),
        (error: Error) =>
          error instanceof ResourceNotFoundException && error.message === `User pool ${UserPool!.Id} does not exist.`,
      );
      const { UserPools } = await europe.send(new ListUserPoolsCommand({ MaxResults: 60 }));
      assert.ok(!UserPools!.some((pool) => pool.Id === UserPool!.Id));
      const { UserPool: european } = await europe.send(new CreateUserPoolCommand({ PoolName: "eu" }));
      assert.match(european!.Id!, /^eu-west-1_/);
    });

    test("DeleteUserPool removes the pool; describing it then fails ResourceNotFoundException", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "doomed" }));
      await cognito.send(new DeleteUserPoolCommand({ UserPoolId: UserPool!.Id }));
      await assert.rejects(cognito.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id })), ResourceNotFoundException);
      await assert.rejects(cognito.send(new DeleteUserPoolCommand({ UserPoolId: UserPool!.Id })), ResourceNotFoundException);
    });

    test("a pool with deletion protection active cannot be deleted", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "kept", DeletionProtection: "ACTIVE" }));
      await assert.rejects(
        cognito.send(new DeleteUserPoolCommand({ UserPoolId: UserPool!.Id })),
        (error: Error) =>
          error instanceof InvalidParameterException &&
          error.message ===
            "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
      );
      const { UserPool: still } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }));
      assert.equal(still!.Id, UserPool!.Id);
    });

    test("model validation rejects bad input before any handler runs, in AWS's wording", async () => {
      await assert.rejects(
        cognito.send(new DescribeUserPoolCommand({ UserPoolId: "not a pool id" })),
        (error: Error) =>
          error instanceof InvalidParameterException &&
          error.message ===
            "1 validation error detected: Value 'not a pool id' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+",
      );
      await assert.rejects(
        cognito.send(new ListUserPoolsCommand({ MaxResults: 61 })),
        (error: Error) =>
          error instanceof InvalidParameterException &&
          error.message ===
            "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
      );
    });
  });
}
