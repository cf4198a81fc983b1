import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CreateGroupCommand,
  CreateUserPoolCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  GroupExistsException,
  InvalidParameterException,
  ListGroupsCommand,
  ListUsersInGroupCommand,
  ResourceNotFoundException,
  UpdateGroupCommand,
  UserNotFoundException,
  type CognitoIdentityProviderClient,
  type CreateGroupCommandInput,
  type CreateUserPoolCommandInput,
  type UserType,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";

const ADMIN_ROLE = "arn:aws:iam::123456789012:role/admins";
const READER_ROLE = "arn:aws:iam::123456789012:role/readers";
const GROUP_NOT_FOUND = "Group not found.";
const USER_NOT_FOUND = "User does not exist.";
const INVALID_TOKEN = "Invalid NextToken.";
const LIMIT_ZERO =
  "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1";


for (const backend of backends) {
  describe(`groups through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    async function newPool(settings: Partial<CreateUserPoolCommandInput> = {}): Promise<string> {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "groups", ...settings }));
      return UserPool!.Id!;
    }

    async function newUser(UserPoolId: string, Username: string): Promise<UserType> {
      const { User } = await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId,
          Username,
          TemporaryPassword: "Temp-Passw0rd!",
          MessageAction: "SUPPRESS",
        }),
      );
      return User!;
    }

    async function advanceClock(seconds: number): Promise<void> {
      const response = await fetch(`${cognate.url}/_cognate/clock`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ advanceSeconds: seconds }),
      });
      assert.equal(response.status, 200);
    }

    async function newGroup(UserPoolId: string, GroupName: string, settings: Partial<CreateGroupCommandInput> = {}) {
      const { Group } = await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName, ...settings }));
      return Group!;
    }

    async function addMember(UserPoolId: string, GroupName: string, Username: string): Promise<void> {
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, GroupName, Username }));
    }

    async function groupNamesOf(UserPoolId: string, Username: string): Promise<string[]> {
      const { Groups } = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username }));
      return Groups!.map((group) => group.GroupName!);
    }

    async function membersOf(UserPoolId: string, GroupName: string): Promise<string[]> {
      const { Users } = await cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName }));
      return Users!.map((user) => user.Username!);
    }

    describe("CreateGroup, GetGroup, UpdateGroup, DeleteGroup", () => {
      test("CreateGroup returns every member it was given, and GetGroup returns the same group", async () => {
        const UserPoolId = await newPool();
        const startedAt = Date.now();
        const group = await newGroup(UserPoolId, "admins", {
          Description: "Administrators",
          RoleArn: ADMIN_ROLE,
          Precedence: 1,
        });
        assert.equal(group.GroupName, "admins");
        assert.equal(group.UserPoolId, UserPoolId);
        assert.equal(group.Description, "Administrators");
        assert.equal(group.RoleArn, ADMIN_ROLE);
        assert.equal(group.Precedence, 1);
        assert.ok(group.CreationDate instanceof Date);
        assert.ok(Math.abs(group.CreationDate.getTime() - startedAt) < 60_000, "dates are epoch seconds on the wire");
        assert.equal(group.LastModifiedDate?.getTime(), group.CreationDate.getTime());

        const { Group: fetched } = await cognito.send(new GetGroupCommand({ UserPoolId, GroupName: "admins" }));
        assert.deepEqual(fetched, group);
      });

      test("a group created with only a name has no Description, RoleArn or Precedence", async () => {
        const UserPoolId = await newPool();
        await newGroup(UserPoolId, "bare");
        const { Group } = await cognito.send(new GetGroupCommand({ UserPoolId, GroupName: "bare" }));
        assert.deepEqual(Object.keys(Group!).sort(), ["CreationDate", "GroupName", "LastModifiedDate", "UserPoolId"]);
      });

      test("CreateGroup with a name the pool already uses fails GroupExistsException, keeping the first", async () => {
        const UserPoolId = await newPool();
        await newGroup(UserPoolId, "team", { Description: "first" });
        await rejectsWith(
          cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "team", Description: "second" })),
          GroupExistsException,
          "A group with the name already exists",
        );
        const { Group } = await cognito.send(new GetGroupCommand({ UserPoolId, GroupName: "team" }));
        assert.equal(Group!.Description, "first");
      });

      test("the same group name may exist in two pools, and names are case-sensitive", async () => {
        const first = await newPool();
        const second = await newPool();
        await newGroup(first, "shared", { Precedence: 1 });
        await newGroup(second, "shared", { Precedence: 2 });
        await newGroup(first, "Shared", { Precedence: 3 });
        const { Group } = await cognito.send(new GetGroupCommand({ UserPoolId: second, GroupName: "shared" }));
        assert.equal(Group!.Precedence, 2);
        await rejectsWith(
          cognito.send(new GetGroupCommand({ UserPoolId: first, GroupName: "SHARED" })),
          ResourceNotFoundException,
          GROUP_NOT_FOUND,
        );
      });

      test("every group operation on a missing pool fails ResourceNotFoundException naming the pool", async () => {
        const UserPoolId = "us-east-1_doesNotExist";
        const message = `User pool ${UserPoolId} does not exist.`;
        const GroupName = "any";
        const Username = "anyone";
        const requests = [
          () => cognito.send(new CreateGroupCommand({ UserPoolId, GroupName })),
          () => cognito.send(new GetGroupCommand({ UserPoolId, GroupName })),
          () => cognito.send(new UpdateGroupCommand({ UserPoolId, GroupName })),
          () => cognito.send(new DeleteGroupCommand({ UserPoolId, GroupName })),
          () => cognito.send(new ListGroupsCommand({ UserPoolId })),
          () => cognito.send(new AdminAddUserToGroupCommand({ UserPoolId, GroupName, Username })),
          () => cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId, GroupName, Username })),
          () => cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username })),
          () => cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName })),
        ];
        for (const request of requests) await rejectsWith(request(), ResourceNotFoundException, message);
      });

      test("GetGroup, UpdateGroup and DeleteGroup of a missing group fail ResourceNotFoundException", async () => {
        const UserPoolId = await newPool();
        const GroupName = "missing";
        await rejectsWith(
          cognito.send(new GetGroupCommand({ UserPoolId, GroupName })),
          ResourceNotFoundException,
          GROUP_NOT_FOUND,
        );
        await rejectsWith(
          cognito.send(new UpdateGroupCommand({ UserPoolId, GroupName, Description: "x" })),
          ResourceNotFoundException,
          GROUP_NOT_FOUND,
        );
        await rejectsWith(
          cognito.send(new DeleteGroupCommand({ UserPoolId, GroupName })),
          ResourceNotFoundException,
          GROUP_NOT_FOUND,
        );
      });

      test("UpdateGroup changes only the members it names and moves LastModifiedDate", async () => {
        const UserPoolId = await newPool();
        const created = await newGroup(UserPoolId, "editors", {
          Description: "Editors",
          RoleArn: ADMIN_ROLE,
          Precedence: 5,
        });
        await advanceClock(120);

        const { Group: updated } = await cognito.send(
          new UpdateGroupCommand({ UserPoolId, GroupName: "editors", Precedence: 2 }),
        );
        assert.equal(updated!.Precedence, 2);
        assert.equal(updated!.Description, "Editors");
        assert.equal(updated!.RoleArn, ADMIN_ROLE);
        assert.equal(updated!.CreationDate?.getTime(), created.CreationDate?.getTime());
        assert.ok(updated!.LastModifiedDate!.getTime() >= created.LastModifiedDate!.getTime() + 119_000);

        await cognito.send(
          new UpdateGroupCommand({ UserPoolId, GroupName: "editors", Description: "", RoleArn: READER_ROLE }),
        );
        const { Group } = await cognito.send(new GetGroupCommand({ UserPoolId, GroupName: "editors" }));
        assert.equal(Group!.Description, "");
        assert.equal(Group!.RoleArn, READER_ROLE);
        assert.equal(Group!.Precedence, 2);
      });

      test("DeleteGroup removes the group and its memberships", async () => {
        const UserPoolId = await newPool();
        await newUser(UserPoolId, "member");
        await newGroup(UserPoolId, "doomed");
        await newGroup(UserPoolId, "kept");
        await addMember(UserPoolId, "doomed", "member");
        await addMember(UserPoolId, "kept", "member");

        const reply = await cognito.send(new DeleteGroupCommand({ UserPoolId, GroupName: "doomed" }));
        assert.deepEqual(Object.keys(reply), ["$metadata"]);
        await rejectsWith(
          cognito.send(new GetGroupCommand({ UserPoolId, GroupName: "doomed" })),
          ResourceNotFoundException,
          GROUP_NOT_FOUND,
        );
        assert.deepEqual(await groupNamesOf(UserPoolId, "member"), ["kept"]);

        // A new group of the old name starts empty.
        await newGroup(UserPoolId, "doomed");
        assert.deepEqual(await membersOf(UserPoolId, "doomed"), []);
      });
    });

    describe("ListGroups", () => {
      test("pages through every group once, in creation order, with Limit and NextToken", async () => {
        const UserPoolId = await newPool();
        const names = ["g0", "g1", "g2", "g3", "g4"];
        for (const GroupName of names) await newGroup(UserPoolId, GroupName);
        const seen: string[] = [];
        let NextToken: string | undefined;
        do {
          const page = await cognito.send(new ListGroupsCommand({ UserPoolId, Limit: 2, NextToken }));
          assert.ok(page.Groups!.length <= 2);
          seen.push(...page.Groups!.map((group) => group.GroupName!));
          NextToken = page.NextToken;
        } while (NextToken !== undefined);
        assert.deepEqual(seen, names);
      });

      test("returns full GroupType objects, none for an empty pool, and 25 groups without Limit", async () => {
        const UserPoolId = await newPool();
        const empty = await cognito.send(new ListGroupsCommand({ UserPoolId }));
        assert.deepEqual(empty.Groups, []);
        assert.equal(empty.NextToken, undefined);

        await newGroup(UserPoolId, "g00", { Description: "first", RoleArn: ADMIN_ROLE, Precedence: 0 });
        for (let i = 1; i < 26; i++) await newGroup(UserPoolId, `g${String(i).padStart(2, "0")}`);
        const first = await cognito.send(new ListGroupsCommand({ UserPoolId }));
        assert.equal(first.Groups!.length, 25);
        const { Group } = await cognito.send(new GetGroupCommand({ UserPoolId, GroupName: "g00" }));
        assert.deepEqual(first.Groups![0], Group);
        assert.ok(first.NextToken !== undefined);
        const rest = await cognito.send(new ListGroupsCommand({ UserPoolId, NextToken: first.NextToken }));
        assert.deepEqual(rest.Groups!.map((group) => group.GroupName), ["g25"]);
        assert.equal(rest.NextToken, undefined);
      });

      test("a NextToken that Cognate did not issue for this listing fails InvalidParameterException", async () => {
        const UserPoolId = await newPool();
        const other = await newPool();
        for (const GroupName of ["a", "b"]) {
          await newGroup(UserPoolId, GroupName);
          await newGroup(other, GroupName);
        }
        const { NextToken } = await cognito.send(new ListGroupsCommand({ UserPoolId: other, Limit: 1 }));
        assert.ok(NextToken !== undefined);
        for (const token of ["not-a-token", NextToken, Buffer.from('["groups:x","1"]').toString("base64url")]) {
          await rejectsWith(
            cognito.send(new ListGroupsCommand({ UserPoolId, NextToken: token })),
            InvalidParameterException,
            INVALID_TOKEN,
          );
        }
      });

      test("Limit 0 is refused as Cognito's service refuses it", async () => {
        const UserPoolId = await newPool();
        await rejectsWith(
          cognito.send(new ListGroupsCommand({ UserPoolId, Limit: 0 })),
          InvalidParameterException,
          LIMIT_ZERO,
        );
      });
    });

    describe("membership", () => {
      test("AdminAddUserToGroup makes the user a member; adding again is no error and no duplicate", async () => {
        const UserPoolId = await newPool();
        await newUser(UserPoolId, "carol");
        await newGroup(UserPoolId, "staff");
        const reply = await cognito.send(
          new AdminAddUserToGroupCommand({ UserPoolId, GroupName: "staff", Username: "carol" }),
        );
        assert.deepEqual(Object.keys(reply), ["$metadata"]);
        await addMember(UserPoolId, "staff", "carol");
        assert.deepEqual(await groupNamesOf(UserPoolId, "carol"), ["staff"]);
        assert.deepEqual(await membersOf(UserPoolId, "staff"), ["carol"]);
      });

      test("ListUsersInGroup returns each member as the same UserType ListUsers would", async () => {
        const UserPoolId = await newPool();
        const created = await newUser(UserPoolId, "dave");
        await newGroup(UserPoolId, "staff");
        await addMember(UserPoolId, "staff", "dave");
        const { Users } = await cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: "staff" }));
        assert.equal(Users!.length, 1);
        const [member] = Users!;
        assert.equal(member!.Username, "dave");
        assert.equal(member!.Enabled, true);
        assert.equal(member!.UserStatus, "FORCE_CHANGE_PASSWORD");
        assert.equal(member!.UserCreateDate?.getTime(), created.UserCreateDate?.getTime());
        assert.equal(member!.UserLastModifiedDate?.getTime(), created.UserLastModifiedDate?.getTime());
        assert.deepEqual(member!.Attributes, created.Attributes);
        assert.ok(member!.Attributes!.some((attribute) => attribute.Name === "sub"));
      });

      test("users are found by alias, and responses name the internal username", async () => {
        const UserPoolId = await newPool({ UsernameAttributes: ["email"] });
        const created = await newUser(UserPoolId, "erin@example.com");
        const internal = created.Username!;
        assert.notEqual(internal, "erin@example.com");
        await newGroup(UserPoolId, "staff");

        await addMember(UserPoolId, "staff", "erin@example.com");
        assert.deepEqual(await membersOf(UserPoolId, "staff"), [internal]);
        assert.deepEqual(await groupNamesOf(UserPoolId, "erin@example.com"), ["staff"]);
        assert.deepEqual(await groupNamesOf(UserPoolId, internal), ["staff"]);

        await cognito.send(
          new AdminRemoveUserFromGroupCommand({ UserPoolId, GroupName: "staff", Username: "erin@example.com" }),
        );
        assert.deepEqual(await membersOf(UserPoolId, "staff"), []);
      });

      test("AdminRemoveUserFromGroup ends the membership; removing a non-member is no error", async () => {
        const UserPoolId = await newPool();
        await newUser(UserPoolId, "frank");
        await newGroup(UserPoolId, "a");
        await newGroup(UserPoolId, "b");
        await addMember(UserPoolId, "a", "frank");
        await addMember(UserPoolId, "b", "frank");

        const reply = await cognito.send(
          new AdminRemoveUserFromGroupCommand({ UserPoolId, GroupName: "a", Username: "frank" }),
        );
        assert.deepEqual(Object.keys(reply), ["$metadata"]);
        assert.deepEqual(await groupNamesOf(UserPoolId, "frank"), ["b"]);
        await cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId, GroupName: "a", Username: "frank" }));
        assert.deepEqual(await membersOf(UserPoolId, "a"), []);
        assert.deepEqual(await membersOf(UserPoolId, "b"), ["frank"]);
      });

      test("a missing group is ResourceNotFoundException and a missing user UserNotFoundException", async () => {
        const UserPoolId = await newPool();
        await newUser(UserPoolId, "gina");
        await newGroup(UserPoolId, "staff");
        for (const Command of [AdminAddUserToGroupCommand, AdminRemoveUserFromGroupCommand]) {
          await rejectsWith(
            cognito.send(new Command({ UserPoolId, GroupName: "nope", Username: "gina" })),
            ResourceNotFoundException,
            GROUP_NOT_FOUND,
          );
          await rejectsWith(
            cognito.send(new Command({ UserPoolId, GroupName: "staff", Username: "ghost" })),
            UserNotFoundException,
            USER_NOT_FOUND,
          );
        }
        await rejectsWith(
          cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: "ghost" })),
          UserNotFoundException,
          USER_NOT_FOUND,
        );
        await rejectsWith(
          cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: "nope" })),
          ResourceNotFoundException,
          GROUP_NOT_FOUND,
        );
        assert.deepEqual(await membersOf(UserPoolId, "staff"), []);
      });

      test("AdminListGroupsForUser and ListUsersInGroup page with Limit and NextToken, each item once", async () => {
        const UserPoolId = await newPool();
        const users = ["u0", "u1", "u2", "u3", "u4"];
        const groups = ["g0", "g1", "g2", "g3", "g4"];
        for (const Username of users) await newUser(UserPoolId, Username);
        for (const GroupName of groups) await newGroup(UserPoolId, GroupName);
        for (const GroupName of groups) await addMember(UserPoolId, GroupName, "u0");
        for (const Username of users) await addMember(UserPoolId, "g0", Username);

        const groupsSeen: string[] = [];
        let NextToken: string | undefined;
        do {
          const page = await cognito.send(
            new AdminListGroupsForUserCommand({ UserPoolId, Username: "u0", Limit: 2, NextToken }),
          );
          assert.ok(page.Groups!.length <= 2);
          groupsSeen.push(...page.Groups!.map((group) => group.GroupName!));
          NextToken = page.NextToken;
        } while (NextToken !== undefined);
        assert.deepEqual(groupsSeen, groups);

        const membersSeen: string[] = [];
        let membersToken: string | undefined;
        do {
          const page = await cognito.send(
            new ListUsersInGroupCommand({ UserPoolId, GroupName: "g0", Limit: 2, NextToken: membersToken }),
          );
          assert.ok(page.Users!.length <= 2);
          membersSeen.push(...page.Users!.map((user) => user.Username!));
          membersToken = page.NextToken;
        } while (membersToken !== undefined);
        assert.deepEqual(membersSeen, users);
      });

      test("a listing's NextToken is refused by another listing, and Limit 0 is refused", async () => {
        const UserPoolId = await newPool();
        for (const Username of ["h0", "h1"]) await newUser(UserPoolId, Username);
        for (const GroupName of ["x", "y"]) {
          await newGroup(UserPoolId, GroupName);
          for (const Username of ["h0", "h1"]) await addMember(UserPoolId, GroupName, Username);
        }
        const { NextToken: h0Token } = await cognito.send(
          new AdminListGroupsForUserCommand({ UserPoolId, Username: "h0", Limit: 1 }),
        );
        const { NextToken: xToken } = await cognito.send(
          new ListUsersInGroupCommand({ UserPoolId, GroupName: "x", Limit: 1 }),
        );
        assert.ok(h0Token !== undefined && xToken !== undefined);

        await rejectsWith(
          cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: "h1", NextToken: h0Token })),
          InvalidParameterException,
          INVALID_TOKEN,
        );
        await rejectsWith(
          cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: "y", NextToken: xToken })),
          InvalidParameterException,
          INVALID_TOKEN,
        );
        await rejectsWith(
          cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: "x", NextToken: h0Token })),
          InvalidParameterException,
          INVALID_TOKEN,
        );
        await rejectsWith(
          cognito.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: "h0", Limit: 0 })),
          InvalidParameterException,
          LIMIT_ZERO,
        );
        await rejectsWith(
          cognito.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: "x", Limit: 0 })),
          InvalidParameterException,
          LIMIT_ZERO,
        );
      });

      test("deleting a user ends their memberships", async () => {
        const UserPoolId = await newPool();
        await newUser(UserPoolId, "ivan");
        await newUser(UserPoolId, "judy");
        await newGroup(UserPoolId, "staff");
        for (const Username of ["ivan", "judy"]) await addMember(UserPoolId, "staff", Username);
        await cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username: "ivan" }));
        assert.deepEqual(await membersOf(UserPoolId, "staff"), ["judy"]);
        // A new user of the same name is not a member.
        await newUser(UserPoolId, "ivan");
        assert.deepEqual(await groupNamesOf(UserPoolId, "ivan"), []);
      });

      test("group claims for tokens follow the memberships made through the API", async () => {
        const { groupsForToken } = await import("../../src/domain/groups/tokenGroups.js");
        const UserPoolId = await newPool();
        await newUser(UserPoolId, "kim");
        await newGroup(UserPoolId, "readers", { RoleArn: READER_ROLE, Precedence: 10 });
        await newGroup(UserPoolId, "admins", { RoleArn: ADMIN_ROLE, Precedence: 1 });
        for (const GroupName of ["readers", "admins"]) {
          await addMember(UserPoolId, GroupName, "kim");
        }
        assert.deepEqual(await groupsForToken(cognate.app.deps.store, UserPoolId, "kim"), {
          groups: ["admins", "readers"],
          roles: [ADMIN_ROLE, READER_ROLE],
          preferredRole: ADMIN_ROLE,
        });
        await cognito.send(new UpdateGroupCommand({ UserPoolId, GroupName: "readers", Precedence: 0 }));
        assert.equal((await groupsForToken(cognate.app.deps.store, UserPoolId, "kim")).preferredRole, READER_ROLE);
      });
    });
  });
}
