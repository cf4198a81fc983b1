import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AddCustomAttributesCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  InvalidParameterException,
  ListUserPoolsCommand,
  ResourceNotFoundException,
  type CognitoIdentityProviderClient,
  type SchemaAttributeType,
  type UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";
import type { Clock } from "../../src/domain/clock.js";


function attribute(pool: UserPoolType | undefined, name: string): SchemaAttributeType | undefined {
  return pool?.SchemaAttributes?.find((candidate) => candidate.Name === name);
}

function customNames(pool: UserPoolType | undefined): string[] {
  return (pool?.SchemaAttributes ?? []).map((candidate) => candidate.Name!).filter((name) => name.includes("custom:"));
}

for (const backend of backends) {
  describe(`user pool schema and AddCustomAttributes through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let now = new Date("2030-01-01T00:00:00Z");
    const clock: Clock = { now: async () => now };
    before(async () => {
      cognate = await startCognate({ backend, overrides: { clock } });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    async function createPool(Schema?: SchemaAttributeType[]): Promise<UserPoolType> {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "schema", Schema }));
      return UserPool!;
    }

    async function describePool(UserPoolId: string): Promise<UserPoolType> {
      const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId }));
      return UserPool!;
    }

    test("custom attributes in the schema get the custom: prefix, developer-only ones dev:custom:, after the standard ones", async () => {
      const pool = await createPool([
        { Name: "team", AttributeDataType: "String", StringAttributeConstraints: { MinLength: "1", MaxLength: "64" } },
        { Name: "level", AttributeDataType: "Number", Mutable: false, NumberAttributeConstraints: { MinValue: "-5", MaxValue: "10" } },
        { Name: "beta", AttributeDataType: "Boolean" },
        { Name: "joined", AttributeDataType: "DateTime" },
        { Name: "secret", AttributeDataType: "String", DeveloperOnlyAttribute: true, StringAttributeConstraints: { MaxLength: "16" } },
      ]);
      assert.deepEqual(pool.SchemaAttributes!.slice(-5), [
        {
          Name: "custom:team",
          AttributeDataType: "String",
          DeveloperOnlyAttribute: false,
          Mutable: true,
          Required: false,
          StringAttributeConstraints: { MinLength: "1", MaxLength: "64" },
        },
        {
          Name: "custom:level",
          AttributeDataType: "Number",
          DeveloperOnlyAttribute: false,
          Mutable: false,
          Required: false,
          NumberAttributeConstraints: { MinValue: "-5", MaxValue: "10" },
        },
        { Name: "custom:beta", AttributeDataType: "Boolean", DeveloperOnlyAttribute: false, Mutable: true, Required: false },
        { Name: "custom:joined", AttributeDataType: "DateTime", DeveloperOnlyAttribute: false, Mutable: true, Required: false },
        {
          Name: "dev:custom:secret",
          AttributeDataType: "String",
          DeveloperOnlyAttribute: true,
          Mutable: true,
          Required: false,
          StringAttributeConstraints: { MaxLength: "16" },
        },
      ]);
      assert.equal(pool.SchemaAttributes![0]!.Name, "sub");
      assert.deepEqual((await describePool(pool.Id!)).SchemaAttributes, pool.SchemaAttributes);
    });

    test("an unconstrained custom string is bounded at 2048 characters; constraints of another type are dropped", async () => {
      const pool = await createPool([
        { Name: "note", AttributeDataType: "String" },
        { Name: "count", AttributeDataType: "Number", StringAttributeConstraints: { MaxLength: "5" } },
        { Name: "flag", AttributeDataType: "Boolean", NumberAttributeConstraints: { MinValue: "1" } },
      ]);
      assert.deepEqual(attribute(pool, "custom:note")?.StringAttributeConstraints, { MaxLength: "2048" });
      assert.deepEqual(attribute(pool, "custom:count"), {
        Name: "custom:count",
        AttributeDataType: "Number",
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
      });
      assert.deepEqual(attribute(pool, "custom:flag"), {
        Name: "custom:flag",
        AttributeDataType: "Boolean",
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: false,
      });
    });

    test("a standard attribute named in the schema keeps its place and type and takes the given properties", async () => {
      const pool = await createPool([
        { Name: "email", AttributeDataType: "String", Required: true, Mutable: false, StringAttributeConstraints: { MinLength: "5", MaxLength: "320" } },
        { Name: "given_name", Required: true },
      ]);
      const names = pool.SchemaAttributes!.map((candidate) => candidate.Name);
      assert.equal(names.indexOf("email"), 10);
      assert.equal(names.length, 20, "no custom attribute was made");
      assert.deepEqual(attribute(pool, "email"), {
        Name: "email",
        AttributeDataType: "String",
        DeveloperOnlyAttribute: false,
        Mutable: false,
        Required: true,
        StringAttributeConstraints: { MinLength: "5", MaxLength: "320" },
      });
      assert.deepEqual(attribute(pool, "given_name"), {
        Name: "given_name",
        AttributeDataType: "String",
        DeveloperOnlyAttribute: false,
        Mutable: true,
        Required: true,
        StringAttributeConstraints: { MinLength: "0", MaxLength: "2048" },
      });
    });

    test("schema mistakes are refused with Cognito's messages and no pool is created", async () => {
      const refusals: [SchemaAttributeType, string][] = [
        [{ Name: "plan", AttributeDataType: "String", Required: true }, "Required custom attributes are not supported currently."],
        [{ Name: "plan" }, "Invalid AttributeDataType input, consider using the provided AttributeDataType enum."],
        [
          { Name: "email", AttributeDataType: "Number" },
          "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email",
        ],
        [
          { Name: "email", DeveloperOnlyAttribute: true },
          "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email",
        ],
        [
          { Name: "email", AttributeDataType: "String", StringAttributeConstraints: { MinLength: "few" } },
          "Invalid StringAttributeConstraints for schema attribute email",
        ],
        [
          { Name: "plan", AttributeDataType: "String", StringAttributeConstraints: { MaxLength: "-1" } },
          "Invalid StringAttributeConstraints for schema attribute custom:plan",
        ],
        [
          { Name: "updated_at", AttributeDataType: "Number", NumberAttributeConstraints: { MaxValue: "1.5" } },
          "Invalid NumberAttributeConstraints for schema attribute updated_at",
        ],
        [
          { Name: "email", AttributeDataType: "String", StringAttributeConstraints: { MaxLength: "2049" } },
          "user.email: String attributes cannot have a length of more than 2048",
        ],
        [
          { Name: "plan", AttributeDataType: "String", StringAttributeConstraints: { MinLength: "3", MaxLength: "2" } },
          "user.custom:plan: Max length cannot be less than min length.",
        ],
        [
          { Name: "age", AttributeDataType: "Number", NumberAttributeConstraints: { MinValue: "10", MaxValue: "1" } },
          "user.custom:age: Max value cannot be less than min value.",
        ],
      ];
      const regional = cognate.client({ region: "sa-east-1" });
      for (const [schemaAttribute, message] of refusals) {
        await rejectsWith(
          regional.send(new CreateUserPoolCommand({ PoolName: "refused", Schema: [schemaAttribute] })),
          InvalidParameterException,
          message,
        );
      }
      await rejectsWith(
        regional.send(
          new CreateUserPoolCommand({
            PoolName: "refused",
            Schema: [
              { Name: "plan", AttributeDataType: "String" },
              { Name: "plan", AttributeDataType: "String", DeveloperOnlyAttribute: true },
            ],
          }),
        ),
        InvalidParameterException,
        "custom:plan: Existing attribute already has name custom:plan.",
      );
      const { UserPools } = await regional.send(new ListUserPoolsCommand({ MaxResults: 60 }));
      assert.deepEqual(UserPools, []);
    });

    test("AddCustomAttributes appends attributes after the existing ones and moves the pool's modification date", async () => {
      const pool = await createPool([{ Name: "team", AttributeDataType: "String" }]);
      now = new Date(now.getTime() + 60_000);
      const response = await cognito.send(
        new AddCustomAttributesCommand({
          UserPoolId: pool.Id,
          CustomAttributes: [
            { Name: "level", AttributeDataType: "Number", NumberAttributeConstraints: { MinValue: "1" } },
            { Name: "audit", AttributeDataType: "String", DeveloperOnlyAttribute: true, Mutable: false },
          ],
        }),
      );
      assert.equal(response.$metadata.httpStatusCode, 200);
      const described = await describePool(pool.Id!);
      assert.deepEqual(customNames(described), ["custom:team", "custom:level", "dev:custom:audit"]);
      assert.deepEqual(attribute(described, "dev:custom:audit"), {
        Name: "dev:custom:audit",
        AttributeDataType: "String",
        DeveloperOnlyAttribute: true,
        Mutable: false,
        Required: false,
        StringAttributeConstraints: { MaxLength: "2048" },
      });
      assert.equal(described.LastModifiedDate?.getTime(), now.getTime());
      assert.equal(described.CreationDate?.getTime(), now.getTime() - 60_000);
    });

    test("AddCustomAttributes refuses a name the pool already has, custom or developer-only, and adds nothing", async () => {
      const pool = await createPool([
        { Name: "team", AttributeDataType: "String" },
        { Name: "vault", AttributeDataType: "String", DeveloperOnlyAttribute: true },
      ]);
      const add = (CustomAttributes: SchemaAttributeType[]) =>
        cognito.send(new AddCustomAttributesCommand({ UserPoolId: pool.Id, CustomAttributes }));
      await rejectsWith(
        add([{ Name: "team", AttributeDataType: "String" }]),
        InvalidParameterException,
        "custom:team: Existing attribute already has name custom:team.",
      );
      await rejectsWith(
        add([
          { Name: "fresh", AttributeDataType: "String" },
          { Name: "vault", AttributeDataType: "Number" },
        ]),
        InvalidParameterException,
        "custom:vault: Existing attribute already has name dev:custom:vault.",
      );
      await rejectsWith(
        add([
          { Name: "twice", AttributeDataType: "String" },
          { Name: "twice", AttributeDataType: "String" },
        ]),
        InvalidParameterException,
        "custom:twice: Existing attribute already has name custom:twice.",
      );
      await rejectsWith(
        add([{ Name: "plan", AttributeDataType: "String", Required: true }]),
        InvalidParameterException,
        "Required custom attributes are not supported currently.",
      );
      await rejectsWith(
        add([{ Name: "plan" }]),
        InvalidParameterException,
        "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.",
      );
      assert.deepEqual(customNames(await describePool(pool.Id!)), ["custom:team", "dev:custom:vault"]);
    });

    test("a pool holds at most 50 custom attributes", async () => {
      const numbered = (from: number, count: number): SchemaAttributeType[] =>
        Array.from({ length: count }, (_, i) => ({ Name: `attribute${from + i}`, AttributeDataType: "String" as const }));
      const pool = await createPool(numbered(0, 40));
      await rejectsWith(
        cognito.send(new AddCustomAttributesCommand({ UserPoolId: pool.Id, CustomAttributes: numbered(40, 11) })),
        InvalidParameterException,
        "A user pool can have at most 50 custom attributes.",
      );
      assert.equal(customNames(await describePool(pool.Id!)).length, 40);
      await cognito.send(new AddCustomAttributesCommand({ UserPoolId: pool.Id, CustomAttributes: numbered(40, 10) }));
      assert.equal(customNames(await describePool(pool.Id!)).length, 50);
    });

    test("AddCustomAttributes on a pool that does not exist, or of another region, fails ResourceNotFoundException", async () => {
      const pool = await createPool();
      const CustomAttributes: SchemaAttributeType[] = [{ Name: "team", AttributeDataType: "String" }];
      await rejectsWith(
        cognito.send(new AddCustomAttributesCommand({ UserPoolId: "us-east-1_NoSuchPool", CustomAttributes })),
        ResourceNotFoundException,
        "User pool us-east-1_NoSuchPool does not exist.",
      );
      await rejectsWith(
        cognate.client({ region: "eu-west-3" }).send(new AddCustomAttributesCommand({ UserPoolId: pool.Id, CustomAttributes })),
        ResourceNotFoundException,
        `User pool ${pool.Id} does not exist.`,
      );
      assert.deepEqual(customNames(await describePool(pool.Id!)), []);
    });

    test("AddCustomAttributes names are checked by the model, in AWS's wording", async () => {
      const pool = await createPool();
      await rejectsWith(
        cognito.send(
          new AddCustomAttributesCommand({
            UserPoolId: pool.Id,
            CustomAttributes: [{ Name: "a".repeat(21), AttributeDataType: "String" }],
          }),
        ),
        InvalidParameterException,
        `1 validation error detected: Value '${"a".repeat(21)}' at 'customAttributes.1.member.name' failed to satisfy constraint: Member must have length less than or equal to 20`,
      );
    });
  });
}
