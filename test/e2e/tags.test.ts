import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolCommand,
  InvalidParameterException,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
  type UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";

function manyTags(count: number, prefix = "k"): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [`${prefix}${index}`, `v${index}`]));
}

for (const backend of backends) {
  describe(`tags through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    async function createPool(UserPoolTags?: Record<string, string>): Promise<UserPoolType> {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "tagged", UserPoolTags }));
      return UserPool!;
    }

    async function tagsOf(ResourceArn: string): Promise<Record<string, string> | undefined> {
      return (await cognito.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags;
    }

    test("TagResource adds and overwrites, UntagResource removes, and DescribeUserPool shows the same tags", async () => {
      const pool = await createPool({ team: "identity", stage: "dev" });
      assert.deepEqual(await tagsOf(pool.Arn!), { team: "identity", stage: "dev" });

      await cognito.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { stage: "prod", owner: "ops" } }));
      assert.deepEqual(await tagsOf(pool.Arn!), { team: "identity", stage: "prod", owner: "ops" });

      await cognito.send(new UntagResourceCommand({ ResourceArn: pool.Arn, TagKeys: ["team", "absent"] }));
      const expected = { stage: "prod", owner: "ops" };
      assert.deepEqual(await tagsOf(pool.Arn!), expected);
      const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }));
      assert.deepEqual(UserPool?.UserPoolTags, expected);
      assert.equal(UserPool?.LastModifiedDate?.getTime(), pool.LastModifiedDate?.getTime());
    });

    test("the audit trail files tagging requests under the pool their ARN names", async () => {
      const pool = await createPool();
      await cognito.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { stage: "dev" } }));
      await cognito.send(new UntagResourceCommand({ ResourceArn: pool.Arn, TagKeys: ["stage"] }));
      const { items } = await cognate.app.deps.store.audit.list({ limit: 100, poolId: pool.Id! });
      assert.deepEqual(
        items.map((event) => event.operation).filter((operation) => operation !== "CreateUserPool").sort(),
        ["TagResource", "UntagResource"],
      );
    });

    test("UpdateUserPool without tags keeps those TagResource set; with tags it replaces them", async () => {
      const pool = await createPool();
      assert.deepEqual(await tagsOf(pool.Arn!), {});
      await cognito.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { cost: "42" } }));
      await cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id }));
      assert.deepEqual(await tagsOf(pool.Arn!), { cost: "42" });
      await cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, UserPoolTags: { cost: "7" } }));
      assert.deepEqual(await tagsOf(pool.Arn!), { cost: "7" });
    });

    test("a pool carries at most 50 tags, however they are set, and a refused request changes nothing", async () => {
      const message = "A user pool can have as many as 50 tags.";
      const pool = await createPool(manyTags(50));
      await rejectsWith(
        cognito.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { one: "more" } })),
        InvalidParameterException,
        message,
      );
      await cognito.send(new TagResourceCommand({ ResourceArn: pool.Arn, Tags: { k0: "overwritten" } }));
      assert.equal((await tagsOf(pool.Arn!))?.k0, "overwritten");
      assert.equal(Object.keys((await tagsOf(pool.Arn!)) ?? {}).length, 50);
      await rejectsWith(
        cognito.send(new CreateUserPoolCommand({ PoolName: "over", UserPoolTags: manyTags(51) })),
        InvalidParameterException,
        message,
      );
      await rejectsWith(
        cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.Id, UserPoolTags: manyTags(51, "n") })),
        InvalidParameterException,
        message,
      );
      assert.equal((await tagsOf(pool.Arn!))?.k0, "overwritten");
    });

    test("an ARN that is no pool's is a bad parameter; a deleted pool's or another region's is not found", async () => {
      const pool = await createPool({ a: "b" });
      const notAPool = "arn:aws:s3:us-east-1:000000000000:bucket/x";
      await rejectsWith(
        cognito.send(new TagResourceCommand({ ResourceArn: notAPool, Tags: { a: "b" } })),
        InvalidParameterException,
        `Invalid ARN: ${notAPool} is not the ARN of a user pool.`,
      );
      const otherRegion = pool.Arn!.replace(":us-east-1:", ":eu-west-1:");
      await rejectsWith(
        cognito.send(new ListTagsForResourceCommand({ ResourceArn: otherRegion })),
        ResourceNotFoundException,
        `User pool ${pool.Id} does not exist.`,
      );
      await cognito.send(new DeleteUserPoolCommand({ UserPoolId: pool.Id }));
      await rejectsWith(
        cognito.send(new UntagResourceCommand({ ResourceArn: pool.Arn, TagKeys: ["a"] })),
        ResourceNotFoundException,
        `User pool ${pool.Id} does not exist.`,
      );
    });
  });
}
