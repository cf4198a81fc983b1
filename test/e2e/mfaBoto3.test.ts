import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { AdminSetUserMFAPreferenceCommand, SetUserPoolMfaConfigCommand } from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { run } from "../helpers/process.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";

const PYTHON = "/usr/bin/python3";

/** Debian's boto3 driving the pool's and a user's MFA settings, and an MFA sign-in, as an operator's script would. */
for (const backend of backends) {
  describe(`boto3: pool MFA configuration, users' MFA settings and SELECT_MFA_TYPE (${backend})`, () => {
    let cognate: RunningCognate;
    before(async () => {
      cognate = await startCognate({ backend });
    });
    after(() => cognate.close());

    test("set and get the pool's MFA configuration, then a user's preference and legacy settings, and a refusal", async () => {
      const script = `
import json, sys, boto3
c = boto3.client("cognito-idp", endpoint_url=sys.argv[1], region_name="us-east-1",
                 aws_access_key_id="local", aws_secret_access_key="local")
pool = c.create_user_pool(PoolName="mfa-from-boto3")["UserPool"]["Id"]
c.set_user_pool_mfa_config(UserPoolId=pool, MfaConfiguration="OPTIONAL",
                           SoftwareTokenMfaConfiguration={"Enabled": True},
                           SmsMfaConfiguration={"SmsAuthenticationMessage": "Code {####}",
                                                "SmsConfiguration": {"SnsCallerArn": "arn:aws:iam::000000000000:role/sns"}})
config = c.get_user_pool_mfa_config(UserPoolId=pool)
config.pop("ResponseMetadata")
c.admin_create_user(UserPoolId=pool, Username="ana", MessageAction="SUPPRESS",
                    UserAttributes=[{"Name": "phone_number", "Value": "+15550100"}])
c.admin_set_user_mfa_preference(UserPoolId=pool, Username="ana", SMSMfaSettings={"Enabled": True, "PreferredMfa": True})
user = c.admin_get_user(UserPoolId=pool, Username="ana")
c.admin_set_user_settings(UserPoolId=pool, Username="ana", MFAOptions=[])
after_settings = c.admin_get_user(UserPoolId=pool, Username="ana")
try:
    c.admin_set_user_mfa_preference(UserPoolId=pool, Username="ana", SoftwareTokenMfaSettings={"Enabled": True})
    error = None
except c.exceptions.InvalidParameterException as e:
    error = e.response["Error"]
print(json.dumps({"config": config, "list": user.get("UserMFASettingList"), "preferred": user.get("PreferredMfaSetting"),
                  "options": user.get("MFAOptions"), "afterSettings": after_settings.get("UserMFASettingList"), "error": error}))
`;
      const result = await run(PYTHON, ["-c", script, cognate.url], {
        AWS_CONFIG_FILE: "/dev/null",
        AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
      });
      assert.equal(result.code, 0, result.stderr);
      const outcome = JSON.parse(result.stdout);
      assert.deepEqual(outcome.config, {
        MfaConfiguration: "OPTIONAL",
        SmsMfaConfiguration: { SmsAuthenticationMessage: "Code {####}", SmsConfiguration: { SnsCallerArn: "arn:aws:iam::000000000000:role/sns" } },
        SoftwareTokenMfaConfiguration: { Enabled: true },
      });
      assert.deepEqual(outcome.list, ["SMS_MFA"]);
      assert.equal(outcome.preferred, "SMS_MFA");
      assert.deepEqual(outcome.options, [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }]);
      assert.equal(outcome.afterSettings, null);
      assert.deepEqual(outcome.error, { Code: "InvalidParameterException", Message: "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA" });
    });

    test("SELECT_MFA_TYPE, then the chosen SMS_MFA answered with the code read from the outbox", async () => {
      // Set up with the SDK: Debian's botocore predates email MFA.
      const cognito = cognate.client();
      const fixture = new SignInFixture(cognate, cognito);
      const poolId = await fixture.pool();
      await cognito.send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: poolId,
          MfaConfiguration: "OPTIONAL",
          EmailMfaConfiguration: {},
          SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: "arn:aws:iam::000000000000:role/sns" } },
        }),
      );
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, "ana", [
        { Name: "phone_number", Value: "+15550100" },
        { Name: "email", Value: "ana@example.com" },
        { Name: "email_verified", Value: "true" },
      ]);
      await cognito.send(
        new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: "ana", SMSMfaSettings: { Enabled: true }, EmailMfaSettings: { Enabled: true } }),
      );
      const script = `
import json, sys, urllib.parse, urllib.request, boto3
c = boto3.client("cognito-idp", endpoint_url=sys.argv[1], region_name="us-east-1",
                 aws_access_key_id="local", aws_secret_access_key="local")
pool, client = sys.argv[2], sys.argv[3]
select = c.admin_initiate_auth(UserPoolId=pool, ClientId=client, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                               AuthParameters={"USERNAME": "ana", "PASSWORD": sys.argv[4]})
sms = c.admin_respond_to_auth_challenge(UserPoolId=pool, ClientId=client, ChallengeName="SELECT_MFA_TYPE", Session=select["Session"],
                                        ChallengeResponses={"USERNAME": "ana", "ANSWER": "SMS_MFA"})
query = urllib.parse.urlencode({"poolId": pool, "username": "ana"})
code = json.load(urllib.request.urlopen(sys.argv[1] + "/_cognate/outbox?" + query))["messages"][-1]["code"]
done = c.admin_respond_to_auth_challenge(UserPoolId=pool, ClientId=client, ChallengeName="SMS_MFA", Session=sms["Session"],
                                         ChallengeResponses={"USERNAME": "ana", "SMS_MFA_CODE": code})
print(json.dumps({"select": select["ChallengeName"], "choices": json.loads(select["ChallengeParameters"]["MFAS_CAN_CHOOSE"]),
                  "sms": sms["ChallengeName"], "medium": sms["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"],
                  "signedIn": "AccessToken" in done["AuthenticationResult"]}))
`;
      const result = await run(PYTHON, ["-c", script, cognate.url, poolId, clientId, PASSWORD], {
        AWS_CONFIG_FILE: "/dev/null",
        AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
      });
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), {
        select: "SELECT_MFA_TYPE",
        choices: ["SMS_MFA", "EMAIL_OTP"],
        sms: "SMS_MFA",
        medium: "SMS",
        signedIn: true,
      });
    });
  });
}
