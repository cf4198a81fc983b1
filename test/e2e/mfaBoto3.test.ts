import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { run } from "../helpers/process.js";

const PYTHON = "/usr/bin/python3";

/** Debian's boto3 driving the pool's and a user's MFA settings, as an operator's script would. */
for (const backend of backends) {
  describe(`boto3: pool MFA configuration and users' MFA settings (${backend})`, () => {
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
  });
}
