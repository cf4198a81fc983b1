import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  CreateUserPoolCommand,
  InvalidParameterException,
  ListUsersCommand,
  ResourceNotFoundException,
  type AttributeType,
  type CognitoIdentityProviderClient,
  type ListUsersCommandInput,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";


for (const backend of backends) {
  describe(`ListUsers through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let poolId: string;

    async function createUser(username: string, attributes: Record<string, string> = {}): Promise<void> {
      const UserAttributes: AttributeType[] = Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }));
      await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, UserAttributes, MessageAction: "SUPPRESS" }));
    }

    async function usernames(input: Omit<ListUsersCommandInput, "UserPoolId">): Promise<string[]> {
      const { Users } = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, ...input }));
      return Users!.map((user) => user.Username!);
    }

    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "listed" }));
      poolId = UserPool!.Id!;
      await createUser("anna", { email: "anna@example.com", given_name: "Anna", family_name: "Smith", phone_number: "+15555550101" });
      await createUser("andrew", { email: "andrew@example.org", given_name: "Andrew", family_name: "Smithers" });
      await createUser("bella", { email: "bella@example.com", given_name: "Bella", name: "Bella \"B\" Jones", preferred_username: "bee" });
      await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "andrew" }));
    });
    after(() => cognate.close());

    test("lists every user in creation order with all attributes", async () => {
      const { Users, PaginationToken } = await cognito.send(new ListUsersCommand({ UserPoolId: poolId }));
      assert.deepEqual(
        Users!.map((u) => u.Username),
        ["anna", "andrew", "bella"],
      );
      assert.equal(PaginationToken, undefined);
      const anna = Users![0]!;
      assert.equal(anna.UserStatus, "FORCE_CHANGE_PASSWORD");
      assert.equal(anna.Enabled, true);
      assert.ok(anna.UserCreateDate instanceof Date);
      assert.deepEqual(
        anna.Attributes!.map((a) => a.Name).sort(),
        ["email", "family_name", "given_name", "phone_number", "sub"],
      );
    });

    test("= matches a whole value and ^= a prefix, with or without spaces around the operator", async () => {
      assert.deepEqual(await usernames({ Filter: 'email = "anna@example.com"' }), ["anna"]);
      assert.deepEqual(await usernames({ Filter: 'email="anna@example.com"' }), ["anna"]);
      assert.deepEqual(await usernames({ Filter: 'email ^= "an"' }), ["anna", "andrew"]);
      assert.deepEqual(await usernames({ Filter: 'family_name^="Smith"' }), ["anna", "andrew"]);
      assert.deepEqual(await usernames({ Filter: 'family_name = "Smith"' }), ["anna"]);
      assert.deepEqual(await usernames({ Filter: 'username ^= "b"' }), ["bella"]);
      assert.deepEqual(await usernames({ Filter: 'given_name = "anna"' }), [], "values match case-sensitively");
      assert.deepEqual(await usernames({ Filter: 'phone_number ^= "+1555"' }), ["anna"]);
      assert.deepEqual(await usernames({ Filter: 'preferred_username = "bee"' }), ["bella"]);
      assert.deepEqual(await usernames({ Filter: 'name = "Bella \\"B\\" Jones"' }), ["bella"], "escaped quotes");
      assert.deepEqual(await usernames({ Filter: 'family_name = ""' }), []);
      assert.deepEqual(await usernames({ Filter: "" }), ["anna", "andrew", "bella"]);
    });

    test("status filters on Enabled/Disabled; cognito:user_status on the status, in any case", async () => {
      assert.deepEqual(await usernames({ Filter: 'status = "Disabled"' }), ["andrew"]);
      assert.deepEqual(await usernames({ Filter: 'status = "Enabled"' }), ["anna", "bella"]);
      assert.deepEqual(await usernames({ Filter: 'cognito:user_status = "force_change_password"' }), ["anna", "andrew", "bella"]);
      assert.deepEqual(await usernames({ Filter: 'cognito:user_status = "CONFIRMED"' }), []);
    });

    test("a sub filter finds the user it belongs to", async () => {
      const { Users } = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'username = "bella"' }));
      const sub = Users![0]!.Attributes!.find((a) => a.Name === "sub")!.Value!;
      assert.deepEqual(await usernames({ Filter: `sub = "${sub}"` }), ["bella"]);
    });

    test("a malformed filter or an attribute that cannot be searched is InvalidParameterException", async () => {
      for (const Filter of ["username = foo", "username=", 'email == "x"', 'email = "unterminated']) {
        await rejectsWith(usernames({ Filter }), InvalidParameterException, "Error while parsing filter");
      }
      await rejectsWith(usernames({ Filter: 'custom:team = "x"' }), InvalidParameterException, "Invalid search attribute: custom:team");
      await rejectsWith(usernames({ Filter: 'nickname ^= "x"' }), InvalidParameterException, "Invalid search attribute: nickname");
    });

    test("AttributesToGet returns only the attributes named; an empty list returns none", async () => {
      const { Users } = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, AttributesToGet: ["email", "sub"], Filter: 'username = "anna"' }));
      assert.deepEqual(Users![0]!.Attributes!.map((a) => a.Name).sort(), ["email", "sub"]);
      const bare = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, AttributesToGet: [] }));
      assert.deepEqual(
        bare.Users!.map((u) => u.Attributes),
        [[], [], []],
      );
      await rejectsWith(
        cognito.send(new ListUsersCommand({ UserPoolId: poolId, AttributesToGet: ["custom:nope"] })),
        InvalidParameterException,
        "One or more requested attributes do not exist.",
      );
    });

    test("pages with Limit and PaginationToken; users created between pages appear once, later", async () => {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "paged" }));
      const paged = UserPool!.Id!;
      const create = (Username: string) =>
        cognito.send(new AdminCreateUserCommand({ UserPoolId: paged, Username, MessageAction: "SUPPRESS" }));
      for (const name of ["u1", "u2", "u3"]) await create(name);
      const first = await cognito.send(new ListUsersCommand({ UserPoolId: paged, Limit: 2 }));
      assert.deepEqual(first.Users!.map((u) => u.Username), ["u1", "u2"]);
      assert.ok(first.PaginationToken !== undefined);
      await create("u4");
      await create("u5");
      const second = await cognito.send(new ListUsersCommand({ UserPoolId: paged, Limit: 2, PaginationToken: first.PaginationToken }));
      assert.deepEqual(second.Users!.map((u) => u.Username), ["u3", "u4"]);
      const third = await cognito.send(new ListUsersCommand({ UserPoolId: paged, Limit: 2, PaginationToken: second.PaginationToken }));
      assert.deepEqual(third.Users!.map((u) => u.Username), ["u5"]);
      assert.equal(third.PaginationToken, undefined);
    });

    test("filtered listings page too", async () => {
      const first = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email ^= "a"', Limit: 1 }));
      assert.deepEqual(first.Users!.map((u) => u.Username), ["anna"]);
      const second = await cognito.send(
        new ListUsersCommand({ UserPoolId: poolId, Filter: 'email ^= "a"', Limit: 1, PaginationToken: first.PaginationToken }),
      );
      assert.deepEqual(second.Users!.map((u) => u.Username), ["andrew"]);
    });

    test("a forged token, or one from another filter or pool, is InvalidParameterException", async () => {
      const { PaginationToken } = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 1 }));
      await rejectsWith(
        cognito.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 1, PaginationToken: "garbage" })),
        InvalidParameterException,
        "Invalid PaginationToken.",
      );
      await rejectsWith(
        cognito.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 1, Filter: 'email ^= "a"', PaginationToken })),
        InvalidParameterException,
        "Invalid PaginationToken.",
      );
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "other" }));
      await rejectsWith(
        cognito.send(new ListUsersCommand({ UserPoolId: UserPool!.Id, Limit: 1, PaginationToken })),
        InvalidParameterException,
        "Invalid PaginationToken.",
      );
    });

    test("an unknown pool is ResourceNotFoundException", async () => {
      await rejectsWith(
        cognito.send(new ListUsersCommand({ UserPoolId: "us-east-1_nothere00" })),
        ResourceNotFoundException,
        "User pool us-east-1_nothere00 does not exist.",
      );
    });
  });
}
