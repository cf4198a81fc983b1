import { test } from "node:test";
import assert from "node:assert/strict";
import { operationNames } from "../../model/operations.gen.js";
import { defaultRates, isQuotaCategory, quotaCategories } from "../../config/rateLimits.js";
import { operationCategories } from "./categories.js";

test("every operation of the model has exactly one known quota category", () => {
  assert.deepEqual(Object.keys(operationCategories).sort(), [...operationNames].sort());
  for (const operation of operationNames) assert.ok(isQuotaCategory(operationCategories[operation]), operation);
});

test("AdminSetUserPassword counts against UserAccountRecovery with the other password operations", () => {
  for (const operation of ["AdminSetUserPassword", "ChangePassword", "ForgotPassword", "ConfirmForgotPassword", "AdminResetUserPassword"] as const) {
    assert.equal(operationCategories[operation], "UserAccountRecovery", operation);
  }
});

test("the documented members of UserAuthentication and UserCreation are placed there", () => {
  for (const operation of ["InitiateAuth", "AdminInitiateAuth", "RespondToAuthChallenge", "AdminRespondToAuthChallenge"] as const) {
    assert.equal(operationCategories[operation], "UserAuthentication", operation);
  }
  const creation = Object.entries(operationCategories)
    .filter(([, category]) => category === "UserCreation")
    .map(([operation]) => operation);
  assert.deepEqual(creation.sort(), ["AdminConfirmSignUp", "AdminCreateUser", "ConfirmSignUp", "SignUp"]);
});

test("the default rates are AWS's published per-second quotas", () => {
  assert.deepEqual(
    { ...defaultRates },
    {
      UserAuthentication: 120,
      UserCreation: 50,
      UserFederation: 25,
      UserAccountRecovery: 30,
      UserRead: 120,
      UserUpdate: 25,
      UserToken: 120,
      UserResourceRead: 50,
      UserResourceUpdate: 25,
      UserList: 30,
      UserPoolRead: 15,
      UserPoolUpdate: 15,
      UserPoolResourceRead: 20,
      UserPoolResourceUpdate: 15,
      UserPoolClientRead: 15,
      UserPoolClientUpdate: 15,
      ClientAuthentication: 150,
      LimitManagement: 1,
    },
  );
  assert.equal(quotaCategories.length, 18);
  assert.equal(isQuotaCategory("toString"), false);
});
