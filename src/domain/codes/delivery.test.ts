import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { UserPoolRecord } from "../pools/types.js";
import type { UserRecord } from "../users/types.js";
import { codeTarget, maskDestination, recoveryIsAdminOnly, recoveryOrder, simulatedDeliveryDetails } from "./delivery.js";

function pool(config: UserPoolRecord["config"] = {}): UserPoolRecord {
  const now = new Date(0);
  return { id: "us-east-1_AbCdEfGhI", region: "us-east-1", name: "p", createdAt: now, lastModifiedAt: now, config };
}

function user(attributes: Record<string, string>): UserRecord {
  const now = new Date(0);
  return {
    poolId: "us-east-1_AbCdEfGhI",
    username: "ana",
    usernameKey: "ana",
    sub: "00000000-0000-4000-8000-000000000000",
    status: "CONFIRMED",
    enabled: true,
    attributes,
    aliases: {},
    createdAt: now,
    lastModifiedAt: now,
  };
}

describe("code destinations", () => {
  test("emails show their first character and the domain's; phone numbers their last four digits", () => {
    assert.equal(maskDestination({ channel: "EMAIL", destination: "todone_test@yahoo.co.jp" }), "t***@y***");
    assert.equal(maskDestination({ channel: "SMS", destination: "+14155550123" }), "+*******0123");
    assert.equal(maskDestination({ channel: "SMS", destination: "+5511912345678" }), "+*********5678");
  });

  test("a sign-up code prefers the phone number when both are auto-verified, and needs one the user has", () => {
    const both = pool({ AutoVerifiedAttributes: ["email", "phone_number"] });
    const withBoth = user({ email: "a@example.com", phone_number: "+15550100" });
    assert.equal(codeTarget(both, withBoth, "signup")?.attribute, "phone_number");
    assert.equal(codeTarget(both, user({ email: "a@example.com" }), "signup")?.channel, "EMAIL");
    assert.equal(codeTarget(pool(), withBoth, "signup"), undefined);
  });

  test("a reset code goes to the first verified channel in the recovery order", () => {
    const attributes = { email: "a@example.com", email_verified: "true", phone_number: "+15550100", phone_number_verified: "true" };
    assert.equal(codeTarget(pool(), user(attributes), "reset")?.attribute, "phone_number");
    const emailFirst = pool({
      AccountRecoverySetting: {
        RecoveryMechanisms: [
          { Name: "verified_phone_number", Priority: 2 },
          { Name: "verified_email", Priority: 1 },
        ],
      },
    });
    assert.deepEqual(recoveryOrder(emailFirst), ["email", "phone_number"]);
    assert.equal(codeTarget(emailFirst, user(attributes), "reset")?.attribute, "email");
    const unverified = user({ ...attributes, email_verified: "false", phone_number_verified: "false" });
    assert.equal(codeTarget(emailFirst, unverified, "reset"), undefined);
  });

  test("admin_only alone leaves recovery to administrators, who reset in the legacy order", () => {
    const adminOnly = pool({ AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "admin_only", Priority: 1 }] } });
    assert.equal(recoveryIsAdminOnly(adminOnly), true);
    assert.deepEqual(recoveryOrder(adminOnly), ["phone_number", "email"]);
    assert.equal(recoveryIsAdminOnly(pool()), false);
  });

  test("made-up details follow the name typed, else the pool, and are the same for the same name", () => {
    const emailPool = pool({ AutoVerifiedAttributes: ["email"] });
    assert.deepEqual(simulatedDeliveryDetails(emailPool, "+14155550123", ["email"]), {
      Destination: "+*******0123",
      DeliveryMedium: "SMS",
      AttributeName: "phone_number",
    });
    const byName = simulatedDeliveryDetails(emailPool, "zed", ["phone_number", "email"]);
    assert.equal(byName.DeliveryMedium, "EMAIL");
    assert.match(byName.Destination!, /^z\*\*\*@[a-z]\*\*\*$/);
    assert.deepEqual(simulatedDeliveryDetails(emailPool, "zed", ["phone_number", "email"]), byName);
    assert.match(simulatedDeliveryDetails(pool(), "zed", ["phone_number", "email"]).Destination!, /^\+\*{7}[0-9]{4}$/);
  });
});
