import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import {
  GetProvisionedLimitCommand,
  InvalidParameterException,
  TooManyRequestsException,
  UpdateProvisionedLimitCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, freshDatabase, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";

const category = (Category: string) => ({ LimitClass: "API_CATEGORY" as const, Attributes: { Category } });

for (const backend of backends) {
  describe(`provisioned limits through the AWS SDK, two instances on one database (${backend})`, () => {
    let database: Awaited<ReturnType<typeof freshDatabase>>;
    let first: RunningCognate;
    let second: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let other: CognitoIdentityProviderClient;
    before(async () => {
      database = await freshDatabase(backend);
      first = await startCognate({ db: database.db, env: { COGNATE_RATE_LIMITS: '{"UserCreation": 5}' } });
      second = await startCognate({ db: database.db });
      cognito = first.client();
      other = second.client();
    });
    after(async () => {
      await first.close();
      await second.close();
      await database.cleanup();
    });

    test("a category reports the rate in force and AWS's default; a raised rate is reported afterwards", async () => {
      const { Limit } = await cognito.send(new GetProvisionedLimitCommand({ LimitDefinition: category("UserAuthentication") }));
      assert.deepEqual(Limit, { LimitDefinition: category("UserAuthentication"), ProvisionedLimitValue: 120, FreeLimitValue: 120 });
      const configured = await cognito.send(new GetProvisionedLimitCommand({ LimitDefinition: category("UserCreation") }));
      assert.equal(configured.Limit?.ProvisionedLimitValue, 5, "the rate --rate-limits set is the one in force");

      const updated = await cognito.send(new UpdateProvisionedLimitCommand({ LimitDefinition: category("UserRead"), RequestedLimitValue: 300 }));
      assert.deepEqual(updated.Limit, { LimitDefinition: category("UserRead"), ProvisionedLimitValue: 300, FreeLimitValue: 120 });
      for (const client of [cognito, other]) {
        const { Limit: read } = await client.send(new GetProvisionedLimitCommand({ LimitDefinition: category("UserRead") }));
        assert.equal(read?.ProvisionedLimitValue, 300);
      }
    });

    test("a rate below the default, an unknown category or none at all is refused", async () => {
      await rejectsWith(
        cognito.send(new UpdateProvisionedLimitCommand({ LimitDefinition: category("UserCreation"), RequestedLimitValue: 49 })),
        InvalidParameterException,
        "The requested limit value must be at least the default limit of 50.",
      );
      await rejectsWith(
        cognito.send(new GetProvisionedLimitCommand({ LimitDefinition: category("Everything") })),
        InvalidParameterException,
        "Everything is not an API category.",
      );
      await rejectsWith(
        cognito.send(new GetProvisionedLimitCommand({ LimitDefinition: { LimitClass: "API_CATEGORY", Attributes: {} } })),
        InvalidParameterException,
        "LimitDefinition.Attributes must name a Category.",
      );
      const { Limit } = await cognito.send(new GetProvisionedLimitCommand({ LimitDefinition: category("UserCreation") }));
      assert.equal(Limit?.ProvisionedLimitValue, 5);
    });

    test("the throttle of both instances applies a provisioned rate: at once here, within a second there", async () => {
      const limitManagement = { LimitDefinition: category("LimitManagement") };
      // Unthrottled in dev mode until a rate is set.
      for (let i = 0; i < 3; i += 1) await other.send(new GetProvisionedLimitCommand(limitManagement));
      await cognito.send(new UpdateProvisionedLimitCommand({ ...limitManagement, RequestedLimitValue: 1 }));
      await cognito.send(new GetProvisionedLimitCommand(limitManagement)).catch(() => undefined);
      await rejectsWith(cognito.send(new GetProvisionedLimitCommand(limitManagement)), TooManyRequestsException, "Rate exceeded");

      await sleep(1100);
      const outcomes = await Promise.allSettled([1, 2, 3].map(() => other.send(new GetProvisionedLimitCommand(limitManagement))));
      assert.ok(
        outcomes.some((outcome) => outcome.status === "rejected" && outcome.reason instanceof TooManyRequestsException),
        "the other instance throttles at the provisioned rate",
      );
    });
  });
}
