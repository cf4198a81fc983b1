import type { LambdaConfigType } from "@aws-sdk/client-cognito-identity-provider";
import {
  ARN_TRIGGERS,
  domainPage,
  identityProviderPage,
  identityProvidersPage,
  resourceServersPage,
  triggersPage,
} from "../../web/console/index.js";
import { checked, describedPool, one, PAGE, POOL, poolPath, reshow, updatePool } from "./forms.js";
import type { ConsoleRouter } from "./plumbing.js";

/** ListResourceServers' largest page. */
const RESOURCE_SERVER_PAGE = 50;
/** How many of the instance's kept trigger invocations the triggers page shows. */
const INVOCATIONS_SHOWN = 25;

const PROVIDER = `${POOL}/identity-providers/:providerName`;

/** The pool's sign-in surroundings: identity providers, its domain, resource servers and Lambda triggers. */
export function registerPoolSettings(router: ConsoleRouter): void {
  router.page(`${POOL}/identity-providers`, async (call, { poolId }, query) => {
    const { pool, frame } = await describedPool(call, poolId!, "identity-providers", "Identity providers");
    const listed = await call.call("ListIdentityProviders", { UserPoolId: pool.Id, MaxResults: PAGE, ...(query.next ? { NextToken: query.next } : {}) });
    return identityProvidersPage(frame, { poolId: pool.Id, providers: listed.Providers ?? [], ...(listed.NextToken ? { nextToken: listed.NextToken } : {}) });
  });
  router.page(PROVIDER, async (call, { poolId, providerName }) => {
    const { pool, frame } = await describedPool(call, poolId!, "identity-providers", `Identity provider ${providerName}`);
    const described = await call.call("DescribeIdentityProvider", { UserPoolId: pool.Id, ProviderName: providerName! });
    return identityProviderPage(frame, { poolId: pool.Id, provider: described.IdentityProvider ?? {} });
  });
  router.action(`${PROVIDER}/delete`, PROVIDER, async (call, { poolId, providerName }, form) => {
    if (!checked(form, "confirm")) {
      return { page: await reshow(call, PROVIDER, router, { poolId: poolId!, providerName: providerName! }, "Tick the confirmation to delete the identity provider: nothing was deleted.") };
    }
    await call.call("DeleteIdentityProvider", { UserPoolId: poolId!, ProviderName: providerName! });
    return { redirect: `${poolPath(poolId!)}/identity-providers`, notice: "deleted" };
  });

  router.page(`${POOL}/domain`, async (call, { poolId }) => {
    const { pool, frame } = await describedPool(call, poolId!, "domain", "Domain");
    const name = pool.CustomDomain ?? pool.Domain;
    const described = name === undefined ? undefined : await call.call("DescribeUserPoolDomain", { Domain: name });
    const domain = described?.DomainDescription?.Domain === undefined ? undefined : described.DomainDescription;
    return domainPage(frame, { poolId: pool.Id, region: regionOf(pool.Arn), ...(domain === undefined ? {} : { domain }) });
  });
  router.action(`${POOL}/domain`, `${POOL}/domain`, async (call, { poolId }, form) => {
    await call.call("CreateUserPoolDomain", {
      UserPoolId: poolId!,
      Domain: one(form, "prefix").trim(),
      ManagedLoginVersion: one(form, "managedLoginVersion") === "1" ? 1 : 2,
    });
    return { redirect: `${poolPath(poolId!)}/domain`, notice: "created" };
  });

  router.page(`${POOL}/resource-servers`, async (call, { poolId }, query) => {
    const { pool, frame } = await describedPool(call, poolId!, "resource-servers", "Resource servers");
    const listed = await call.call("ListResourceServers", { UserPoolId: pool.Id, MaxResults: RESOURCE_SERVER_PAGE, ...(query.next ? { NextToken: query.next } : {}) });
    return resourceServersPage(frame, { poolId: pool.Id, servers: listed.ResourceServers ?? [], ...(listed.NextToken ? { nextToken: listed.NextToken } : {}) });
  });

  router.page(`${POOL}/triggers`, async (call, { poolId }) => {
    const { pool, frame } = await describedPool(call, poolId!, "triggers", "Lambda triggers");
    // The invocations are the control API's view of this instance (dev mode), newest first.
    const invocations = frame.devTools
      ? call.app.control
          .invocations({ poolId: pool.Id })
          .slice(-INVOCATIONS_SHOWN)
          .reverse()
          .map(({ startedAt, triggerSource, functionArn, outcome, durationMs, error }) => ({
            startedAt: new Date(startedAt),
            triggerSource,
            functionArn,
            outcome,
            durationMs,
            ...(error === undefined ? {} : { error }),
          }))
      : undefined;
    return triggersPage(frame, { poolId: pool.Id, lambda: pool.LambdaConfig ?? {}, ...(invocations === undefined ? {} : { invocations }) });
  });
  router.action(`${POOL}/triggers`, `${POOL}/triggers`, async (call, { poolId }, form) => {
    await updatePool(call, poolId!, (pool) => {
      const { CustomEmailSender, CustomSMSSender, KMSKeyID, InboundFederation } = pool.LambdaConfig ?? {};
      const lambda: LambdaConfigType = {
        ...(CustomEmailSender === undefined ? {} : { CustomEmailSender }),
        ...(CustomSMSSender === undefined ? {} : { CustomSMSSender }),
        ...(KMSKeyID === undefined ? {} : { KMSKeyID }),
        ...(InboundFederation === undefined ? {} : { InboundFederation }),
      };
      for (const [name] of ARN_TRIGGERS) {
        const arn = one(form, name).trim();
        if (arn !== "") lambda[name] = arn;
      }
      const preTokenArn = one(form, "preTokenGenerationArn").trim();
      if (preTokenArn !== "") {
        lambda.PreTokenGenerationConfig = { LambdaArn: preTokenArn, LambdaVersion: one(form, "preTokenGenerationVersion") as "V1_0" };
      }
      return { LambdaConfig: lambda };
    });
    return { redirect: `${poolPath(poolId!)}/triggers`, notice: "saved" };
  });
}

/** The region in a pool's ARN (`arn:aws:cognito-idp:<region>:…`). */
function regionOf(arn: string | undefined): string {
  return arn?.split(":")[3] ?? "";
}
