import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import {
  AddCustomAttributesCommand,
  CreateGroupCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteGroupCommand,
  DeleteResourceServerCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeResourceServerCommand,
  DescribeRiskConfigurationCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetGroupCommand,
  GetLogDeliveryConfigurationCommand,
  GetUserPoolMfaConfigCommand,
  ListTagsForResourceCommand,
  ListUserPoolReplicasCommand,
  ResourceNotFoundException,
  SetLogDeliveryConfigurationCommand,
  SetRiskConfigurationCommand,
  SetUserPoolMfaConfigCommand,
  TagResourceCommand,
  UpdateGroupCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
  CreateUserPoolReplicaCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";

// A deployment tool's sequence (Terraform, CDK, CloudFormation): create everything a stack declares, read it
// back as a plan's refresh does, update in place, then destroy in reverse order.
for (const backend of backends) {
  describe(`a control-plane sequence through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    test("create a pool with everything, read it back, update it, and delete it all", async () => {
      const { UserPool } = await cognito.send(
        new CreateUserPoolCommand({
          PoolName: "stack-pool",
          UserPoolTier: "PLUS",
          UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
          UsernameAttributes: ["email"],
          AutoVerifiedAttributes: ["email"],
          Policies: { PasswordPolicy: { MinimumLength: 10, RequireNumbers: true, RequireSymbols: false, RequireUppercase: true, RequireLowercase: true } },
          Schema: [{ Name: "tenant", AttributeDataType: "String", Mutable: true }],
          AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] },
          UserPoolTags: { stack: "identity", stage: "test" },
          DeletionProtection: "INACTIVE",
        }),
      );
      const UserPoolId = UserPool!.Id!;
      const Domain = `stack-${randomBytes(4).toString("hex")}`;
      await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId, Domain }));
      await cognito.send(
        new CreateResourceServerCommand({ UserPoolId, Identifier: "https://api.example.com", Name: "api", Scopes: [{ ScopeName: "read", ScopeDescription: "read" }] }),
      );
      const { UserPoolClient } = await cognito.send(
        new CreateUserPoolClientCommand({
          UserPoolId,
          ClientName: "web",
          GenerateSecret: true,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ["code"],
          AllowedOAuthScopes: ["openid", "email", "https://api.example.com/read"],
          CallbackURLs: ["https://app.example.com/callback"],
          SupportedIdentityProviders: ["COGNITO"],
          ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
      );
      const ClientId = UserPoolClient!.ClientId!;
      await cognito.send(new CreateGroupCommand({ UserPoolId, GroupName: "admins", Precedence: 1, Description: "administrators" }));
      await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId, MfaConfiguration: "OPTIONAL", SoftwareTokenMfaConfiguration: { Enabled: true } }));
      await cognito.send(new AddCustomAttributesCommand({ UserPoolId, CustomAttributes: [{ Name: "plan", AttributeDataType: "String" }] }));
      await cognito.send(new TagResourceCommand({ ResourceArn: UserPool!.Arn, Tags: { owner: "platform" } }));
      await cognito.send(new SetRiskConfigurationCommand({ UserPoolId, CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: "NO_ACTION" } } }));
      await cognito.send(
        new SetLogDeliveryConfigurationCommand({
          UserPoolId,
          LogConfigurations: [{ EventSource: "userAuthEvents", LogLevel: "INFO", S3Configuration: { BucketArn: "arn:aws:s3:::stack-logs" } }],
        }),
      );
      await cognito.send(new CreateUserPoolReplicaCommand({ UserPoolId, RegionName: "eu-west-1" }));

      // The refresh: every resource reads back as declared.
      const described = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool!;
      assert.equal(described.Domain, Domain);
      assert.deepEqual(described.UserPoolTags, { stack: "identity", stage: "test", owner: "platform" });
      assert.equal(described.MfaConfiguration, "OPTIONAL");
      assert.ok(described.SchemaAttributes!.some((attribute) => attribute.Name === "custom:tenant"));
      assert.ok(described.SchemaAttributes!.some((attribute) => attribute.Name === "custom:plan"));
      assert.equal(described.Policies?.PasswordPolicy?.MinimumLength, 10);
      assert.equal((await cognito.send(new DescribeUserPoolDomainCommand({ Domain }))).DomainDescription?.UserPoolId, UserPoolId);
      assert.deepEqual(
        (await cognito.send(new DescribeResourceServerCommand({ UserPoolId, Identifier: "https://api.example.com" }))).ResourceServer?.Scopes,
        [{ ScopeName: "read", ScopeDescription: "read" }],
      );
      const client = (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId }))).UserPoolClient!;
      assert.deepEqual(client.AllowedOAuthScopes, ["openid", "email", "https://api.example.com/read"]);
      assert.ok(client.ClientSecret !== undefined);
      assert.equal((await cognito.send(new GetGroupCommand({ UserPoolId, GroupName: "admins" }))).Group?.Precedence, 1);
      assert.equal((await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId }))).SoftwareTokenMfaConfiguration?.Enabled, true);
      assert.deepEqual((await cognito.send(new ListTagsForResourceCommand({ ResourceArn: UserPool!.Arn }))).Tags, described.UserPoolTags);
      assert.equal(
        (await cognito.send(new DescribeRiskConfigurationCommand({ UserPoolId }))).RiskConfiguration?.CompromisedCredentialsRiskConfiguration?.Actions?.EventAction,
        "NO_ACTION",
      );
      assert.equal((await cognito.send(new GetLogDeliveryConfigurationCommand({ UserPoolId }))).LogDeliveryConfiguration?.LogConfigurations?.length, 1);
      assert.equal((await cognito.send(new ListUserPoolReplicasCommand({ UserPoolId }))).UserPoolReplicas?.length, 2);

      // Updates in place, as a changed declaration applies them.
      await cognito.send(
        new UpdateUserPoolCommand({
          UserPoolId,
          UserPoolTier: "PLUS",
          UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
          AutoVerifiedAttributes: ["email"],
          MfaConfiguration: "OPTIONAL",
          Policies: { PasswordPolicy: { MinimumLength: 12 } },
          UserPoolTags: { stack: "identity", stage: "prod" },
          DeletionProtection: "ACTIVE",
        }),
      );
      await cognito.send(
        new UpdateUserPoolClientCommand({ UserPoolId, ClientId, ClientName: "web-v2", ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
      );
      await cognito.send(new UpdateGroupCommand({ UserPoolId, GroupName: "admins", Precedence: 2 }));
      const updated = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId }))).UserPool!;
      assert.equal(updated.Policies?.PasswordPolicy?.MinimumLength, 12);
      assert.deepEqual(updated.UserPoolTags, { stack: "identity", stage: "prod" });
      assert.equal((await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId }))).UserPoolClient?.ClientName, "web-v2");

      // The destroy, in reverse order; deletion protection is lifted first, as a tool's plan must.
      await cognito.send(new DeleteGroupCommand({ UserPoolId, GroupName: "admins" }));
      await cognito.send(new DeleteUserPoolClientCommand({ UserPoolId, ClientId }));
      await cognito.send(new DeleteResourceServerCommand({ UserPoolId, Identifier: "https://api.example.com" }));
      await cognito.send(new DeleteUserPoolDomainCommand({ UserPoolId, Domain }));
      await cognito.send(new UpdateUserPoolCommand({ UserPoolId, UserPoolTier: "PLUS", UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" }, DeletionProtection: "INACTIVE" }));
      await cognito.send(new DeleteUserPoolCommand({ UserPoolId }));
      await rejectsWith(cognito.send(new DescribeUserPoolCommand({ UserPoolId })), ResourceNotFoundException, `User pool ${UserPoolId} does not exist.`);
      assert.equal((await cognito.send(new DescribeUserPoolDomainCommand({ Domain }))).DomainDescription?.UserPoolId, undefined);
    });
  });
}
