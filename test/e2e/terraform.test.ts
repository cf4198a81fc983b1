import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  ListUserPoolsCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { REPO_ROOT, run, type Finished } from "../helpers/process.js";

/*
 * Terraform's hashicorp/aws provider manages a pool described by examples/terraform/ (every user-pool
 * resource and data source) against a Cognate on port 0: apply, a plan without drift, an in-place update,
 * a replacement where the provider says Cognito cannot update, import into a fresh state, destroy. Terraform and the provider come from the machine (.ci/run checks them):
 * the provider is installed from a filesystem mirror, so nothing is downloaded.
 */

const TERRAFORM = process.env.COGNATE_TEST_TERRAFORM ?? "terraform";
/** A filesystem mirror holding registry.terraform.io/hashicorp/aws (`terraform providers mirror` layout). */
const PROVIDER_MIRROR = process.env.COGNATE_TEST_TERRAFORM_MIRROR ?? "/opt/tf-plugins";
const EXAMPLE = join(REPO_ROOT, "examples", "terraform");
/** Each command starts the provider, a large Go binary: seconds on an idle machine, minutes on a busy one. */
const COMMAND_TIMEOUT_MS = 10 * 60_000;

/** Arguments Cognito never returns, so an import cannot know them: a plan after import may only set these. */
const NOT_READ_BACK: Record<string, readonly string[]> = {
  aws_cognito_user: ["password"],
  // The provider keeps generate_secret from the configuration only (ForceNew, so it replaces).
  aws_cognito_user_pool_client: ["generate_secret"],
  aws_cognito_managed_user_pool_client: ["name_pattern"],
  // Cognito answers the image's URL, not the file.
  aws_cognito_user_pool_ui_customization: ["image_file"],
};
/** The provider (5.100) cannot import group memberships. */
const NOT_IMPORTABLE = new Set(["aws_cognito_user_in_group"]);

const root = mkdtempSync(join(tmpdir(), "cognate-terraform-"));
after(() => rmSync(root, { recursive: true, force: true }));

before(async () => {
  const version = await run(TERRAFORM, ["version"], {}, 60_000).catch((error: Error) => ({ code: -1, stdout: "", stderr: error.message }));
  assert.equal(version.code, 0, `the Terraform CLI (${TERRAFORM}) must be installed for this test (see .ci/run): ${version.stderr}`);
  assert.ok(
    existsSync(join(PROVIDER_MIRROR, "registry.terraform.io", "hashicorp", "aws")),
    `the hashicorp/aws provider must be in the filesystem mirror ${PROVIDER_MIRROR} (set COGNATE_TEST_TERRAFORM_MIRROR)`,
  );
  writeFileSync(
    join(root, "terraform.rc"),
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(PROVIDER_MIRROR)}\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
  );
});

/** Runs terraform in a working directory; plan, apply and destroy are pointed at Cognate. */
async function terraform(dir: string, url: string, args: string[], vars: Record<string, string> = {}): Promise<Finished> {
  const [command, ...rest] = args as [string, ...string[]];
  // A saved plan carries its variables already.
  const savedPlan = rest.some((arg) => arg.endsWith(".tfplan") && !arg.startsWith("-"));
  const pointed = command === "init" || command === "output" || command === "show" || savedPlan ? [] : [`-var=cognate_endpoint=${url}`];
  const variables = Object.entries(vars).map(([name, value]) => `-var=${name}=${value}`);
  const result = await run(
    TERRAFORM,
    // Flags before the positional arguments (a plan file), which terraform wants last.
    [`-chdir=${dir}`, command, "-no-color", ...pointed, ...variables, ...rest],
    { TF_CLI_CONFIG_FILE: join(root, "terraform.rc"), TF_INPUT: "0", CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" },
    COMMAND_TIMEOUT_MS,
  );
  assert.equal(result.signal, null, `terraform ${command} timed out:\n${result.stdout}\n${result.stderr}`);
  return result;
}

function succeeded(result: Finished, what: string): string {
  assert.equal(result.code, 0, `${what} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** A working directory holding the example configuration (and `extra` files). */
function workspace(name: string, extra: Record<string, string> = {}): string {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const file of readdirSync(EXAMPLE)) if (file.endsWith(".tf") || file.endsWith(".png")) cpSync(join(EXAMPLE, file), join(dir, file));
  for (const [file, text] of Object.entries(extra)) writeFileSync(join(dir, file), text);
  return dir;
}

interface StateResource {
  address: string;
  mode: string;
  type: string;
  values: Record<string, unknown>;
}

/** The resources of a working directory's state, read from its file (no provider start). */
function stateResources(dir: string): StateResource[] {
  const state = JSON.parse(readFileSync(join(dir, "terraform.tfstate"), "utf8")) as {
    resources: Array<{ mode: string; type: string; name: string; instances: Array<{ attributes: Record<string, unknown> }> }>;
  };
  return state.resources.flatMap((resource) =>
    resource.instances.map((instance) => ({
      address: `${resource.mode === "data" ? "data." : ""}${resource.type}.${resource.name}`,
      mode: resource.mode,
      type: resource.type,
      values: instance.attributes,
    })),
  );
}

interface ResourceChange {
  address: string;
  mode: string;
  type: string;
  change: {
    actions: string[];
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    after_unknown?: Record<string, unknown>;
    replace_paths?: string[][];
    importing?: { id: string };
  };
}

/** Import blocks for every importable resource of a state, with the ID format each resource's import takes. */
function importBlocks(resources: StateResource[]): string {
  return resources
    .filter((resource) => resource.mode === "managed" && !NOT_IMPORTABLE.has(resource.type))
    .map((resource) => {
      const { id, user_pool_id: poolId } = resource.values as { id: string; user_pool_id: string };
      const clientScoped = resource.type === "aws_cognito_user_pool_client" || resource.type === "aws_cognito_managed_user_pool_client";
      return `import {\n  to = ${resource.address}\n  id = ${JSON.stringify(clientScoped ? `${poolId}/${id}` : id)}\n}\n`;
    })
    .join("\n");
}

/**
 * The attributes a planned change sets to a known new value. A value known only after the apply follows from
 * another resource's change (a replaced client's new id), which is checked on its own.
 */
function changedAttributes(change: ResourceChange["change"]): string[] {
  const names = new Set([...Object.keys(change.before ?? {}), ...Object.keys(change.after ?? {})]);
  return [...names]
    .filter(
      (name) =>
        change.after_unknown?.[name] !== true && JSON.stringify(change.before?.[name] ?? null) !== JSON.stringify(change.after?.[name] ?? null),
    )
    .sort();
}

const MANAGED_RESOURCES = 13;
/** The in-place update's variable, and with it the replacement's: later steps keep both, so they see no change. */
const UPDATED = { invitation_subject: "Welcome to Example" };
const REPLACED = { ...UPDATED, login_domain: "example-users-signin" };

// Both databases at once: the time goes into starting the provider, not into Cognate.
describe("Terraform against Cognate", { concurrency: true }, () => {
  for (const backend of backends) {
    // One step after the other (a suite inherits its parent's concurrency otherwise).
    describe(`Terraform's AWS provider manages every user-pool resource (${backend})`, { concurrency: 1 }, () => {
      let cognate: RunningCognate;
      let cognito: CognitoIdentityProviderClient;
      let dir: string;
      before(async () => {
        cognate = await startCognate({ backend });
        cognito = cognate.client();
        dir = workspace(`${backend}-main`);
      });
      after(() => cognate.close());

      test("terraform init installs the provider from the mirror, offline", async () => {
        const output = succeeded(await terraform(dir, cognate.url, ["init"]), "terraform init");
        assert.match(output, /Installing hashicorp\/aws v5\.\d+\.\d+/);
      });

      test("an invalid argument fails the apply with Cognito's exception; the next apply replaces what it half made", async () => {
        const failed = await terraform(dir, cognate.url, ["apply", "-auto-approve"], { alice_password: "too-short" });
        assert.equal(failed.code, 1, failed.stdout);
        assert.match(failed.stderr, /InvalidPasswordException: Password did not conform with policy: Password not long enough/);

        const output = succeeded(await terraform(dir, cognate.url, ["apply", "-auto-approve"]), "terraform apply");
        assert.match(output, /aws_cognito_user\.alice is tainted, so must be replaced/);
        assert.match(output, /Apply complete! Resources: 2 added, 0 changed, 1 destroyed\./);
      });

      test("what Terraform made is in Cognate, as configured", async () => {
        const outputs = JSON.parse(succeeded(await terraform(dir, cognate.url, ["output", "-json"]), "terraform output")) as Record<
          string,
          { value: unknown }
        >;
        const poolId = outputs.user_pool_id!.value as string;
        // The data source builds ARNs with the provider's account id, which skip_requesting_account_id leaves empty.
        assert.deepEqual(outputs.user_pool_arns!.value, [`arn:aws:cognito-idp:us-east-1::userpool/${poolId}`]);
        assert.deepEqual(outputs.client_names!.value, ["cli", "web"]);
        assert.deepEqual(outputs.group_names!.value, ["admins", "readers"]);
        assert.equal(outputs.admins_precedence!.value, 1);
        assert.equal(outputs.signing_certificate_present!.value, true);
        assert.deepEqual(outputs.web_client_scopes!.value, [
          "email",
          "https://api.example.com/orders.read",
          "https://api.example.com/orders.write",
          "openid",
          "profile",
        ]);

        const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
        assert.equal(UserPool!.MfaConfiguration, "OPTIONAL");
        assert.equal(UserPool!.UserPoolTier, "PLUS");
        assert.deepEqual(UserPool!.Policies!.PasswordPolicy, {
          MinimumLength: 12,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: false,
          TemporaryPasswordValidityDays: 3,
          PasswordHistorySize: 2,
        });
        assert.deepEqual(UserPool!.UserPoolTags, { team: "identity", environment: "development" });
        const alice = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "alice@example.com" }));
        assert.equal(alice.UserStatus, "CONFIRMED");
        assert.deepEqual(
          alice.UserAttributes!.filter((attribute) => attribute.Name!.startsWith("custom:")).sort((a, b) => a.Name!.localeCompare(b.Name!)),
          [
            { Name: "custom:department", Value: "engineering" },
            { Name: "custom:seniority", Value: "7" },
          ],
        );
        const { Groups } = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: "alice@example.com" }));
        assert.deepEqual(
          Groups!.map((group) => group.GroupName),
          ["admins"],
        );
        const cli = stateResources(dir).find((resource) => resource.address === "aws_cognito_managed_user_pool_client.adopted")!;
        const { UserPoolClient } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: cli.values.id as string }));
        assert.equal(UserPoolClient!.ClientName, "cli");
        assert.equal(UserPoolClient!.RefreshTokenValidity, 10, "the managed client's settings were applied to the adopted client");
      });

      test("a plan right after the apply finds no drift", async () => {
        const plan = await terraform(dir, cognate.url, ["plan", "-detailed-exitcode"]);
        assert.equal(plan.code, 0, `drift after apply:\n${plan.stdout}\n${plan.stderr}`);
      });

      test("changing one argument updates the pool in place, and the next plan finds no drift", async () => {
        const changed = UPDATED;
        const output = succeeded(await terraform(dir, cognate.url, ["apply", "-auto-approve"], changed), "terraform apply (update)");
        assert.match(output, /aws_cognito_user_pool\.main will be updated in-place/);
        assert.match(output, /Apply complete! Resources: 0 added, 1 changed, 0 destroyed\./);
        const outputs = JSON.parse(succeeded(await terraform(dir, cognate.url, ["output", "-json"]), "terraform output")) as Record<string, { value: string }>;
        const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: outputs.user_pool_id!.value }));
        assert.equal(UserPool!.AdminCreateUserConfig!.InviteMessageTemplate!.EmailSubject, "Welcome to Example");
        const plan = await terraform(dir, cognate.url, ["plan", "-detailed-exitcode"], changed);
        assert.equal(plan.code, 0, `drift after the update:\n${plan.stdout}\n${plan.stderr}`);
      });

      test("changing an argument Cognito cannot update replaces that resource alone, and the next plan finds no drift", async () => {
        const outputs = JSON.parse(succeeded(await terraform(dir, cognate.url, ["output", "-json"]), "terraform output")) as Record<string, { value: string }>;
        const poolId = outputs.user_pool_id!.value;
        // The provider marks a domain's `domain` ForceNew: Cognito has no call that renames a domain.
        succeeded(await terraform(dir, cognate.url, ["plan", "-out=replace.tfplan"], REPLACED), "terraform plan (replacement)");
        const plan = JSON.parse(succeeded(await terraform(dir, cognate.url, ["show", "-json", "replace.tfplan"]), "terraform show (replacement)")) as {
          resource_changes: ResourceChange[];
        };
        const changes = plan.resource_changes.filter((change) => change.mode === "managed");
        assert.deepEqual(
          changes.filter((change) => !change.change.actions.includes("no-op")).map(({ address, change }) => [address, change.actions, change.replace_paths]),
          [["aws_cognito_user_pool_domain.main", ["delete", "create"], [["domain"]]]],
        );

        const output = succeeded(await terraform(dir, cognate.url, ["apply", "-auto-approve", "replace.tfplan"]), "terraform apply (replacement)");
        assert.match(output, /Apply complete! Resources: 1 added, 0 changed, 1 destroyed\./);
        const gone = await cognito.send(new DescribeUserPoolDomainCommand({ Domain: "example-users-login" }));
        assert.deepEqual(gone.DomainDescription, {}, "the old domain is deleted");
        const made = await cognito.send(new DescribeUserPoolDomainCommand({ Domain: REPLACED.login_domain }));
        assert.equal(made.DomainDescription!.UserPoolId, poolId);
        assert.equal(made.DomainDescription!.Status, "ACTIVE");
        const { UserPool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
        assert.equal(UserPool!.Domain, REPLACED.login_domain);

        const next = await terraform(dir, cognate.url, ["plan", "-detailed-exitcode"], REPLACED);
        assert.equal(next.code, 0, `drift after the replacement:\n${next.stdout}\n${next.stderr}`);
      });

      test("every importable resource imports into a fresh state with nothing to change but what Cognito never returns", async () => {
        const resources = stateResources(dir).filter((resource) => resource.mode === "managed");
        assert.equal(resources.length, MANAGED_RESOURCES);
        const imported = workspace(`${backend}-import`, { "imports.tf": importBlocks(resources) });
        succeeded(await terraform(imported, cognate.url, ["init"]), "terraform init (import)");
        succeeded(
          await terraform(imported, cognate.url, ["plan", "-out=import.tfplan"], REPLACED),
          "terraform plan (import)",
        );
        const plan = JSON.parse(succeeded(await terraform(imported, cognate.url, ["show", "-json", "import.tfplan"]), "terraform show (plan)")) as {
          resource_changes: ResourceChange[];
        };
        const changes = plan.resource_changes.filter((change) => change.mode === "managed");
        const importedAddresses = changes.filter((change) => change.change.importing !== undefined).map((change) => change.address);
        assert.equal(importedAddresses.length, MANAGED_RESOURCES - NOT_IMPORTABLE.size);
        for (const { address, type, change } of changes) {
          if (NOT_IMPORTABLE.has(type)) {
            assert.deepEqual(change.actions, ["create"], address);
            continue;
          }
          const allowed = NOT_READ_BACK[type] ?? [];
          if (change.actions.includes("delete")) {
            assert.deepEqual(change.replace_paths, allowed.map((name) => [name]), `${address} is replaced only for ${allowed.join(", ")}`);
          } else if (change.actions.includes("update")) {
            assert.deepEqual(changedAttributes(change), allowed, `${address} changes only what Cognito never returns`);
          } else {
            assert.deepEqual(change.actions, ["no-op"], address);
          }
        }
      });

      test("destroy removes everything, and a second destroy has nothing to do", async () => {
        const output = succeeded(await terraform(dir, cognate.url, ["destroy", "-auto-approve"], REPLACED), "terraform destroy");
        assert.match(output, new RegExp(`Destroy complete! Resources: ${MANAGED_RESOURCES} destroyed\\.`));
        const { UserPools } = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
        assert.deepEqual(UserPools, []);
        const again = succeeded(await terraform(dir, cognate.url, ["destroy", "-auto-approve"]), "second terraform destroy");
        assert.match(again, /Destroy complete! Resources: 0 destroyed\./);
      });
    });
  }
});
