import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isBooleanValue, isTrueValue, isVerified } from "./attributes.js";

describe("Boolean attribute values", () => {
  it("accepts true and false in any letter case", () => {
    for (const value of ["true", "false", "True", "False", "TRUE", "FALSE", "tRuE", "fAlSe"]) {
      assert.equal(isBooleanValue(value), true, value);
    }
  });

  it("refuses anything else, including spaces around the word and non-ASCII look-alikes", () => {
    for (const value of ["", "yes", "no", "1", "0", "t", "f", " true", "false ", "true\n", "truefalse", "falſe", "\u0442rue"]) {
      assert.equal(isBooleanValue(value), false, JSON.stringify(value));
    }
  });

  it("reads any letter case of true as true, and nothing else", () => {
    assert.equal(isTrueValue("true"), true);
    assert.equal(isTrueValue("True"), true);
    assert.equal(isTrueValue("TRUE"), true);
    assert.equal(isTrueValue("false"), false);
    assert.equal(isTrueValue("False"), false);
    assert.equal(isTrueValue(undefined), false);
  });

  it("reads a verification flag written in any letter case", () => {
    assert.equal(isVerified({ email: "a@example.com", email_verified: "True" }, "email"), true);
    assert.equal(isVerified({ phone_number: "+15555550100", phone_number_verified: "FALSE" }, "phone_number"), false);
    assert.equal(isVerified({ email: "a@example.com" }, "email"), false);
  });
});
