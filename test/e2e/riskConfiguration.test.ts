import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeRiskConfigurationCommand,
  InvalidParameterException,
  ResourceNotFoundException,
  SetRiskConfigurationCommand,
  UserPoolAddOnNotEnabledException,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";

const BLOCK_COMPROMISED = { Actions: { EventAction: "BLOCK" as const }, EventFilter: ["SIGN_IN" as const] };
const TAKEOVER = {
  Actions: {
    HighAction: { Notify: false, EventAction: "BLOCK" as const },
    MediumAction: { Notify: false, EventAction: "MFA_REQUIRED" as const },
    LowAction: { Notify: false, EventAction: "NO_ACTION" as const },
  },
};

for (const backend of backends) {
  describe(`risk configuration through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    async function pool(protection: "OFF" | "AUDIT" | "ENFORCED"): Promise<{ UserPoolId: string; ClientId: string }> {
      const { UserPool } = await cognito.send(
        new CreateUserPoolCommand({
          PoolName: "risk",
          ...(protection === "OFF" ? {} : { UserPoolTier: "PLUS", UserPoolAddOns: { AdvancedSecurityMode: protection } }),
        }),
      );
      const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id!, ClientName: "app" }));
      return { UserPoolId: UserPool!.Id!, ClientId: UserPoolClient!.ClientId! };
    }

    async function describeRisk(UserPoolId: string, ClientId?: string) {
      const { RiskConfiguration } = await cognito.send(new DescribeRiskConfigurationCommand({ UserPoolId, ClientId }));
      return RiskConfiguration;
    }

    test("the pool's configuration applies to clients without their own; a client's own overrides it; empty sets reset", async () => {
      const { UserPoolId, ClientId } = await pool("ENFORCED");
      assert.deepEqual(await describeRisk(UserPoolId), { UserPoolId });

      const before = Date.now() - 1000;
      const { RiskConfiguration: set } = await cognito.send(
        new SetRiskConfigurationCommand({
          UserPoolId,
          CompromisedCredentialsRiskConfiguration: BLOCK_COMPROMISED,
          AccountTakeoverRiskConfiguration: TAKEOVER,
          RiskExceptionConfiguration: { BlockedIPRangeList: ["192.0.2.0/24"], SkippedIPRangeList: ["2001:db8::/32"] },
        }),
      );
      assert.ok(set!.LastModifiedDate!.getTime() >= before);
      const poolLevel = await describeRisk(UserPoolId);
      assert.deepEqual(poolLevel, set);
      assert.deepEqual(poolLevel!.CompromisedCredentialsRiskConfiguration, BLOCK_COMPROMISED);
      assert.deepEqual(poolLevel!.AccountTakeoverRiskConfiguration, TAKEOVER);
      assert.equal(poolLevel!.ClientId, undefined);
      assert.deepEqual(await describeRisk(UserPoolId, ClientId), poolLevel, "a client without settings inherits the pool's");

      await cognito.send(
        new SetRiskConfigurationCommand({ UserPoolId, ClientId, RiskExceptionConfiguration: { SkippedIPRangeList: ["10.0.0.0/8"] } }),
      );
      const own = await describeRisk(UserPoolId, ClientId);
      assert.equal(own!.ClientId, ClientId);
      assert.deepEqual(own!.RiskExceptionConfiguration, { SkippedIPRangeList: ["10.0.0.0/8"] });
      assert.equal(own!.CompromisedCredentialsRiskConfiguration, undefined);
      assert.deepEqual(await describeRisk(UserPoolId), poolLevel, "the pool's stays");

      await cognito.send(new SetRiskConfigurationCommand({ UserPoolId, ClientId }));
      assert.deepEqual(await describeRisk(UserPoolId, ClientId), poolLevel, "the client inherits again");
      await cognito.send(new SetRiskConfigurationCommand({ UserPoolId }));
      assert.deepEqual(await describeRisk(UserPoolId), { UserPoolId }, "the pool is back to the defaults");
    });

    test("a pool without threat protection, an unknown client or pool and a malformed IP range are refused, changing nothing", async () => {
      const off = await pool("OFF");
      for (const command of [new DescribeRiskConfigurationCommand(off), new SetRiskConfigurationCommand({ UserPoolId: off.UserPoolId, CompromisedCredentialsRiskConfiguration: BLOCK_COMPROMISED })]) {
        await rejectsWith(cognito.send(command as never), UserPoolAddOnNotEnabledException, `Threat protection is not enabled for user pool ${off.UserPoolId}.`);
      }
      const { UserPoolId, ClientId } = await pool("AUDIT");
      await cognito.send(new SetRiskConfigurationCommand({ UserPoolId, AccountTakeoverRiskConfiguration: TAKEOVER }));
      const kept = await describeRisk(UserPoolId);
      for (const range of ["10.0.0.0", "10.0.0.0/33", "not-an-ip/8", "2001:db8::/129"]) {
        await rejectsWith(
          cognito.send(new SetRiskConfigurationCommand({ UserPoolId, RiskExceptionConfiguration: { BlockedIPRangeList: [range] } })),
          InvalidParameterException,
          `${range} is not an IP address range in CIDR notation.`,
        );
      }
      await rejectsWith(
        cognito.send(new DescribeRiskConfigurationCommand({ UserPoolId, ClientId: "nosuchclient0000000000000" })),
        ResourceNotFoundException,
        "User pool client nosuchclient0000000000000 does not exist.",
      );
      await rejectsWith(
        cognito.send(new DescribeRiskConfigurationCommand({ UserPoolId: "us-east-1_nosuchpool" })),
        ResourceNotFoundException,
        "User pool us-east-1_nosuchpool does not exist.",
      );
      assert.deepEqual(await describeRisk(UserPoolId), kept);
      assert.deepEqual(await describeRisk(UserPoolId, ClientId), kept);
    });
  });
}
