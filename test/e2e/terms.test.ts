import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateTermsCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteTermsCommand,
  DeleteUserPoolClientCommand,
  DescribeTermsCommand,
  InvalidParameterException,
  ListTermsCommand,
  ResourceNotFoundException,
  TermsExistsException,
  UpdateTermsCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";
import type { Clock } from "../../src/domain/clock.js";

const LINKS = { "cognito:default": "https://example.com/terms", "cognito:spanish": "https://example.com/es/terminos" };

for (const backend of backends) {
  describe(`terms documents through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let now = new Date("2031-05-01T08:00:00.000Z");
    const clock: Clock = { now: async () => now };
    before(async () => {
      cognate = await startCognate({ backend, overrides: { clock } });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    async function poolAndClient(): Promise<{ UserPoolId: string; ClientId: string }> {
      const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "terms" }));
      const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id, ClientName: "web" }));
      return { UserPoolId: UserPool!.Id!, ClientId: UserPoolClient!.ClientId! };
    }

    function create(ids: { UserPoolId: string; ClientId: string }, TermsName: string) {
      return cognito.send(new CreateTermsCommand({ ...ids, TermsName, TermsSource: "LINK", Enforcement: "NONE", Links: LINKS }));
    }

    test("create, describe, update, list and delete a client's terms of use and privacy policy", async () => {
      const ids = await poolAndClient();
      const { Terms: created } = await create(ids, "terms-of-use");
      assert.match(created!.TermsId!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.deepEqual(created, {
        TermsId: created!.TermsId,
        ...ids,
        TermsName: "terms-of-use",
        TermsSource: "LINK",
        Enforcement: "NONE",
        Links: LINKS,
        CreationDate: now,
        LastModifiedDate: now,
      });
      const { Terms: described } = await cognito.send(new DescribeTermsCommand({ UserPoolId: ids.UserPoolId, TermsId: created!.TermsId }));
      assert.deepEqual(described, created);

      const { Terms: privacy } = await create(ids, "privacy-policy");
      now = new Date(now.getTime() + 60_000);
      const links = { "cognito:default": "https://example.com/terms/v2" };
      const { Terms: updated } = await cognito.send(new UpdateTermsCommand({ UserPoolId: ids.UserPoolId, TermsId: created!.TermsId, Links: links }));
      assert.deepEqual(updated, { ...created, Links: links, LastModifiedDate: now });

      const firstPage = await cognito.send(new ListTermsCommand({ UserPoolId: ids.UserPoolId, MaxResults: 1 }));
      assert.deepEqual(firstPage.Terms, [
        { TermsId: created!.TermsId, TermsName: "terms-of-use", Enforcement: "NONE", CreationDate: created!.CreationDate, LastModifiedDate: now },
      ]);
      const secondPage = await cognito.send(new ListTermsCommand({ UserPoolId: ids.UserPoolId, MaxResults: 1, NextToken: firstPage.NextToken }));
      assert.deepEqual(secondPage.Terms?.map((terms) => terms.TermsId), [privacy!.TermsId]);
      assert.equal(secondPage.NextToken, undefined);

      await cognito.send(new DeleteTermsCommand({ UserPoolId: ids.UserPoolId, TermsId: created!.TermsId }));
      await rejectsWith(
        cognito.send(new DescribeTermsCommand({ UserPoolId: ids.UserPoolId, TermsId: created!.TermsId })),
        ResourceNotFoundException,
        `Terms ${created!.TermsId} does not exist.`,
      );
      assert.deepEqual((await cognito.send(new ListTermsCommand({ UserPoolId: ids.UserPoolId }))).Terms?.map((terms) => terms.TermsName), ["privacy-policy"]);
    });

    test("one document of each kind per client; links are required; unknown clients and terms are not found", async () => {
      const ids = await poolAndClient();
      const { Terms: terms } = await create(ids, "terms-of-use");
      await rejectsWith(create(ids, "terms-of-use"), TermsExistsException, `Terms named terms-of-use already exist for client ${ids.ClientId}.`);
      const { Terms: privacy } = await create(ids, "privacy-policy");
      await rejectsWith(
        cognito.send(new UpdateTermsCommand({ UserPoolId: ids.UserPoolId, TermsId: privacy!.TermsId, TermsName: "terms-of-use" })),
        TermsExistsException,
        `Terms named terms-of-use already exist for client ${ids.ClientId}.`,
      );
      await rejectsWith(
        cognito.send(new CreateTermsCommand({ ...ids, TermsName: "terms-of-use", TermsSource: "LINK", Enforcement: "NONE" })),
        InvalidParameterException,
        "Links are required when TermsSource is LINK.",
      );
      await rejectsWith(
        cognito.send(new CreateTermsCommand({ ...ids, TermsName: "cookies", TermsSource: "LINK", Enforcement: "NONE", Links: LINKS })),
        InvalidParameterException,
        "1 validation error detected: Value 'cookies' at 'termsName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(terms-of-use|privacy-policy)$",
      );
      await rejectsWith(
        create({ UserPoolId: ids.UserPoolId, ClientId: "nosuchclient" }, "terms-of-use"),
        ResourceNotFoundException,
        "User pool client nosuchclient does not exist.",
      );
      const other = await poolAndClient();
      await rejectsWith(
        cognito.send(new DeleteTermsCommand({ UserPoolId: other.UserPoolId, TermsId: terms!.TermsId })),
        ResourceNotFoundException,
        `Terms ${terms!.TermsId} does not exist.`,
      );
      await cognito.send(new DeleteUserPoolClientCommand(ids));
      assert.deepEqual((await cognito.send(new ListTermsCommand({ UserPoolId: ids.UserPoolId }))).Terms, []);
    });
  });
}
