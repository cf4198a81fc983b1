import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateUserPoolCommand,
  CreateUserPoolReplicaCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolReplicaCommand,
  DescribeUserPoolCommand,
  InvalidParameterException,
  ListUserPoolReplicasCommand,
  ResourceNotFoundException,
  UpdateUserPoolReplicaCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";

for (const backend of backends) {
  describe(`user pool replicas through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    async function pool(): Promise<{ UserPoolId: string; Arn: string }> {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "replicated" }));
      return { UserPoolId: UserPool!.Id!, Arn: UserPool!.Arn! };
    }

    test("replicas are listed after the pool itself, set inactive, deleted only when inactive, and go with the pool", async () => {
      const { UserPoolId, Arn } = await pool();
      const region = Arn.split(":")[3]!;
      const replicaArn = (name: string) => Arn.replace(`:${region}:`, `:${name}:`);
      const { UserPoolReplica } = await cognito.send(
        new CreateUserPoolReplicaCommand({ UserPoolId, RegionName: "eu-west-1", UserPoolTags: { team: "identity" } }),
      );
      assert.deepEqual(UserPoolReplica, { RegionName: "eu-west-1", Status: "ACTIVE", Role: "SECONDARY", UserPoolArn: replicaArn("eu-west-1") });
      await cognito.send(new CreateUserPoolReplicaCommand({ UserPoolId, RegionName: "ap-southeast-2" }));
      const { UserPoolReplicas, NextToken } = await cognito.send(new ListUserPoolReplicasCommand({ UserPoolId }));
      assert.equal(NextToken, undefined);
      assert.deepEqual(UserPoolReplicas, [
        { RegionName: region, Status: "ACTIVE", Role: "PRIMARY", UserPoolArn: Arn },
        UserPoolReplica,
        { RegionName: "ap-southeast-2", Status: "ACTIVE", Role: "SECONDARY", UserPoolArn: replicaArn("ap-southeast-2") },
      ]);
      const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId }));
      assert.deepEqual(UserPool!.UserPoolTags ?? {}, {}, "a replica's tags are its own");

      await rejectsWith(
        cognito.send(new DeleteUserPoolReplicaCommand({ UserPoolId, RegionName: "eu-west-1" })),
        InvalidParameterException,
        "The replica in region eu-west-1 must be INACTIVE to be deleted.",
      );
      const { UserPoolReplica: updated } = await cognito.send(new UpdateUserPoolReplicaCommand({ UserPoolId, RegionName: "eu-west-1", Status: "INACTIVE" }));
      assert.equal(updated!.Status, "INACTIVE");
      const { UserPoolReplica: deleted } = await cognito.send(new DeleteUserPoolReplicaCommand({ UserPoolId, RegionName: "eu-west-1" }));
      assert.deepEqual(deleted, { ...UserPoolReplica, Status: "DELETING" });
      const remaining = await cognito.send(new ListUserPoolReplicasCommand({ UserPoolId }));
      assert.deepEqual(remaining.UserPoolReplicas!.map((replica) => replica.RegionName), [region, "ap-southeast-2"]);
      await rejectsWith(
        cognito.send(new UpdateUserPoolReplicaCommand({ UserPoolId, RegionName: "eu-west-1", Status: "ACTIVE" })),
        ResourceNotFoundException,
        "No replica exists in region eu-west-1.",
      );

      await cognito.send(new DeleteUserPoolCommand({ UserPoolId }));
      await rejectsWith(cognito.send(new ListUserPoolReplicasCommand({ UserPoolId })), ResourceNotFoundException, `User pool ${UserPoolId} does not exist.`);
    });

    test("the pool's own region, a second replica in one region and a name that is no region are refused", async () => {
      const { UserPoolId, Arn } = await pool();
      const region = Arn.split(":")[3]!;
      await cognito.send(new CreateUserPoolReplicaCommand({ UserPoolId, RegionName: "eu-central-1" }));
      const refused: [string, string][] = [
        [region, `The user pool's primary region ${region} cannot hold a replica.`],
        ["eu-central-1", "A replica already exists in region eu-central-1."],
        ["Mars-base", "Mars-base is not a valid region name."],
      ];
      for (const [RegionName, message] of refused) {
        await rejectsWith(cognito.send(new CreateUserPoolReplicaCommand({ UserPoolId, RegionName })), InvalidParameterException, message);
      }
      const { UserPoolReplicas } = await cognito.send(new ListUserPoolReplicasCommand({ UserPoolId }));
      assert.equal(UserPoolReplicas!.length, 2);
    });
  });
}
