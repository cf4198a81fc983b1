import { after, before, describe, test } from "node:test";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import {
  AdminInitiateAuthCommand,
  AdminListUserAuthEventsCommand,
  AdminUpdateAuthEventFeedbackCommand,
  InitiateAuthCommand,
  SetLogDeliveryConfigurationCommand,
  NotAuthorizedException,
  ResourceNotFoundException,
  UpdateAuthEventFeedbackCommand,
  UserNotFoundException,
  UserPoolAddOnNotEnabledException,
  type AuthEventType,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";
import { OTHER_PASSWORD, PASSWORD, SignInFixture } from "../helpers/signIn.js";

for (const backend of backends) {
  describe(`auth events through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    async function events(UserPoolId: string, Username: string): Promise<AuthEventType[]> {
      const { AuthEvents } = await cognito.send(new AdminListUserAuthEventsCommand({ UserPoolId, Username }));
      return AuthEvents!;
    }

    test("sign-ins are recorded newest first with outcome, challenge responses and context, and rated by an administrator", async () => {
      const UserPoolId = await fixture.pool({ UserPoolTier: "PLUS", UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } });
      const { clientId: ClientId } = await fixture.client(UserPoolId);
      await fixture.confirmedUser(UserPoolId, "ada");
      assert.deepEqual(await events(UserPoolId, "ada"), []);

      const started = Date.now() - 1000;
      await cognito.send(
        new InitiateAuthCommand({
          ClientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "ada", PASSWORD },
          UserContextData: { IpAddress: "198.51.100.4" },
        }),
      );
      await rejectsWith(
        cognito.send(
          new AdminInitiateAuthCommand({
            UserPoolId,
            ClientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "ada", PASSWORD: OTHER_PASSWORD },
            ContextData: { IpAddress: "203.0.113.9", ServerName: "app", ServerPath: "/login", HttpHeaders: [{ headerName: "User-Agent", headerValue: "curl/8.5" }] },
          }),
        ),
        NotAuthorizedException,
        "Incorrect username or password.",
      );
      const [failed, passed, ...rest] = await events(UserPoolId, "ada");
      assert.equal(rest.length, 0);
      assert.equal(failed!.EventType, "SignIn");
      assert.equal(failed!.EventResponse, "Fail");
      assert.deepEqual(failed!.ChallengeResponses, [{ ChallengeName: "Password", ChallengeResponse: "Failure" }]);
      assert.deepEqual(failed!.EventContextData, { IpAddress: "203.0.113.9", DeviceName: "curl/8.5" });
      assert.equal(passed!.EventResponse, "Pass");
      assert.deepEqual(passed!.ChallengeResponses, [{ ChallengeName: "Password", ChallengeResponse: "Success" }]);
      assert.deepEqual(passed!.EventContextData, { IpAddress: "198.51.100.4" });
      assert.deepEqual(passed!.EventRisk, { RiskDecision: "NoRisk", CompromisedCredentialsDetected: false });
      assert.ok(passed!.CreationDate!.getTime() >= started);
      assert.equal(passed!.EventFeedback, undefined);

      await cognito.send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId, Username: "ada", EventId: failed!.EventId, FeedbackValue: "Invalid" }));
      const [rated] = await events(UserPoolId, "ada");
      assert.equal(rated!.EventFeedback?.FeedbackValue, "Invalid");
      assert.equal(rated!.EventFeedback?.Provider, "Admin");
      assert.ok(rated!.EventFeedback?.FeedbackDate instanceof Date);

      const first = await cognito.send(new AdminListUserAuthEventsCommand({ UserPoolId, Username: "ada", MaxResults: 1 }));
      assert.equal(first.AuthEvents![0]!.EventId, failed!.EventId);
      const second = await cognito.send(new AdminListUserAuthEventsCommand({ UserPoolId, Username: "ada", MaxResults: 1, NextToken: first.NextToken }));
      assert.equal(second.AuthEvents![0]!.EventId, passed!.EventId);
    });

    test("a pool without threat protection records nothing and refuses the operations; unknown users, events and tokens are refused", async () => {
      const off = await fixture.pool();
      const { clientId } = await fixture.client(off);
      await fixture.confirmedUser(off, "bob");
      await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "bob", PASSWORD } }));
      await rejectsWith(
        cognito.send(new AdminListUserAuthEventsCommand({ UserPoolId: off, Username: "bob" })),
        UserPoolAddOnNotEnabledException,
        `Threat protection is not enabled for user pool ${off}.`,
      );

      const UserPoolId = await fixture.pool({ UserPoolTier: "PLUS", UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" } });
      const { clientId: ClientId } = await fixture.client(UserPoolId);
      await fixture.confirmedUser(UserPoolId, "cy");
      await cognito.send(new InitiateAuthCommand({ ClientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "cy", PASSWORD } }));
      const [event] = await events(UserPoolId, "cy");
      await rejectsWith(
        cognito.send(new AdminListUserAuthEventsCommand({ UserPoolId, Username: "nobody" })),
        UserNotFoundException,
        "User does not exist.",
      );
      await rejectsWith(
        cognito.send(new AdminUpdateAuthEventFeedbackCommand({ UserPoolId, Username: "cy", EventId: "no-such-event", FeedbackValue: "Valid" })),
        ResourceNotFoundException,
        "Auth event no-such-event does not exist.",
      );
      await rejectsWith(
        cognito.send(new UpdateAuthEventFeedbackCommand({ UserPoolId, Username: "cy", EventId: event!.EventId, FeedbackToken: "guessed", FeedbackValue: "Valid" })),
        NotAuthorizedException,
        "Invalid feedback token.",
      );
      assert.equal((await events(UserPoolId, "cy"))[0]!.EventFeedback, undefined, "a refused rating changes nothing");
    });
  });

  describe(`user activity exported to the log-delivery directory (${backend})`, () => {
    let dir: string;
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), "cognate-logs-"));
      cognate = await startCognate({ backend, env: { COGNATE_LOG_DELIVERY_DIR: join(dir, "logs") } });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(async () => {
      await cognate.close();
      await rm(dir, { recursive: true, force: true });
    });

    test("a pool's userAuthEvents destination receives one JSON line per recorded event; a pool without one writes nothing", async () => {
      const UserPoolId = await fixture.pool({ UserPoolTier: "PLUS", UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } });
      const { clientId: ClientId } = await fixture.client(UserPoolId);
      await fixture.confirmedUser(UserPoolId, "ada");
      const silent = await fixture.pool({ UserPoolTier: "PLUS", UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } });
      const { clientId: silentClient } = await fixture.client(silent);
      await fixture.confirmedUser(silent, "bob");
      const BucketArn = "arn:aws:s3:::cognito-activity";
      await cognito.send(
        new SetLogDeliveryConfigurationCommand({
          UserPoolId,
          LogConfigurations: [{ EventSource: "userAuthEvents", LogLevel: "INFO", S3Configuration: { BucketArn } }],
        }),
      );

      await cognito.send(new InitiateAuthCommand({ ClientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ada", PASSWORD } }));
      await rejectsWith(
        cognito.send(new InitiateAuthCommand({ ClientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ada", PASSWORD: OTHER_PASSWORD } })),
        NotAuthorizedException,
        "Incorrect username or password.",
      );
      await cognito.send(new InitiateAuthCommand({ ClientId: silentClient, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "bob", PASSWORD } }));

      assert.deepEqual(await readdir(join(dir, "logs")), ["arn_aws_s3___cognito-activity.jsonl"]);
      const lines = (await readFile(join(dir, "logs", "arn_aws_s3___cognito-activity.jsonl"), "utf8")).trimEnd().split("\n").map((line) => JSON.parse(line));
      const recorded = await events(UserPoolId, "ada");
      assert.deepEqual(
        lines.map((line) => [line.eventSource, line.logLevel, line.userPoolId, line.username, line.message.EventId, line.message.EventResponse]),
        [...recorded].reverse().map((event) => ["userAuthEvents", "INFO", UserPoolId, "ada", event.EventId, event.EventResponse]),
      );
      assert.deepEqual(lines.map((line) => line.message.EventResponse), ["Pass", "Fail"]);
      assert.equal(typeof lines[0].eventTimestamp, "string");
    });

    async function events(UserPoolId: string, Username: string): Promise<AuthEventType[]> {
      const { AuthEvents } = await cognito.send(new AdminListUserAuthEventsCommand({ UserPoolId, Username }));
      return AuthEvents!;
    }
  });
}
