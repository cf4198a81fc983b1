import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminUpdateDeviceStatusCommand,
  ConfirmDeviceCommand,
  DeviceKeyExistsException,
  ForgetDeviceCommand,
  GetDeviceCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  ResourceNotFoundException,
  UpdateDeviceStatusCommand,
  UserNotFoundException,
  type CognitoIdentityProviderClient,
  type DeviceConfigurationType,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { PASSWORD, SignInFixture } from "../helpers/signIn.js";
import type { Clock } from "../../src/domain/clock.js";

const VERIFIER = { PasswordVerifier: Buffer.from("verifier").toString("base64"), Salt: Buffer.from("salt").toString("base64") };

for (const backend of backends) {
  describe(`devices: tracking, ConfirmDevice and the device operations through the SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    let now = new Date("2031-06-01T12:00:00Z");
    const clock: Clock = { now: async () => now };
    before(async () => {
      cognate = await startCognate({ backend, overrides: { clock } });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    async function poolWithUser(DeviceConfiguration?: DeviceConfigurationType): Promise<{ UserPoolId: string; clientId: string }> {
      const UserPoolId = await fixture.pool(DeviceConfiguration === undefined ? {} : { DeviceConfiguration });
      const { clientId } = await fixture.client(UserPoolId);
      await fixture.confirmedUser(UserPoolId, "ana");
      return { UserPoolId, clientId };
    }

    function signIn(clientId: string, DEVICE_KEY?: string) {
      return cognito.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "ana", PASSWORD, ...(DEVICE_KEY === undefined ? {} : { DEVICE_KEY }) },
        }),
      );
    }

    test("a pool without DeviceConfiguration hands out no device", async () => {
      const { clientId } = await poolWithUser();
      assert.equal((await signIn(clientId)).AuthenticationResult!.NewDeviceMetadata, undefined);
    });

    test("a new device is handed out, confirmed (remembered at once), found, renamed by status, and forgotten", async () => {
      const { UserPoolId, clientId } = await poolWithUser({ ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false });
      const first = await signIn(clientId);
      const metadata = first.AuthenticationResult!.NewDeviceMetadata!;
      const region = UserPoolId.split("_")[0]!;
      assert.match(metadata.DeviceKey!, new RegExp(`^${region}_[0-9a-f-]{36}$`));
      assert.ok(metadata.DeviceGroupKey);
      const AccessToken = first.AuthenticationResult!.AccessToken!;
      const confirmed = await cognito.send(
        new ConfirmDeviceCommand({ AccessToken, DeviceKey: metadata.DeviceKey!, DeviceSecretVerifierConfig: VERIFIER, DeviceName: "Ana's laptop" }),
      );
      assert.equal(confirmed.UserConfirmationNecessary, false);
      await rejectsWith(
        cognito.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey: metadata.DeviceKey!, DeviceSecretVerifierConfig: VERIFIER })),
        DeviceKeyExistsException,
        "Device key already exists.",
      );
      const { Device } = await cognito.send(new GetDeviceCommand({ AccessToken, DeviceKey: metadata.DeviceKey! }));
      assert.deepEqual(Device, {
        DeviceKey: metadata.DeviceKey,
        DeviceAttributes: [
          { Name: "device_status", Value: "valid" },
          { Name: "device_name", Value: "Ana's laptop" },
          { Name: "dev:device_remembered_status", Value: "remembered" },
          ...(Device!.DeviceAttributes!.some((attribute) => attribute.Name === "last_ip_used")
            ? [{ Name: "last_ip_used", Value: Device!.DeviceAttributes!.find((attribute) => attribute.Name === "last_ip_used")!.Value }]
            : []),
        ],
        DeviceCreateDate: now,
        DeviceLastModifiedDate: now,
        DeviceLastAuthenticatedDate: now,
      });

      // Signing in again from the device updates its last authentication and hands out no new device.
      now = new Date(now.getTime() + 60_000);
      const again = await signIn(clientId, metadata.DeviceKey!);
      assert.equal(again.AuthenticationResult!.NewDeviceMetadata, undefined);
      const admin = await cognito.send(new AdminGetDeviceCommand({ UserPoolId, Username: "ana", DeviceKey: metadata.DeviceKey! }));
      assert.deepEqual(admin.Device!.DeviceLastAuthenticatedDate, now);
      assert.notDeepEqual(admin.Device!.DeviceCreateDate, now);

      await cognito.send(new UpdateDeviceStatusCommand({ AccessToken, DeviceKey: metadata.DeviceKey!, DeviceRememberedStatus: "not_remembered" }));
      const afterUpdate = await cognito.send(new GetDeviceCommand({ AccessToken, DeviceKey: metadata.DeviceKey! }));
      assert.deepEqual(
        afterUpdate.Device!.DeviceAttributes!.find((attribute) => attribute.Name === "dev:device_remembered_status"),
        { Name: "dev:device_remembered_status", Value: "not_remembered" },
      );
      await cognito.send(new AdminUpdateDeviceStatusCommand({ UserPoolId, Username: "ana", DeviceKey: metadata.DeviceKey!, DeviceRememberedStatus: "remembered" }));

      await cognito.send(new ForgetDeviceCommand({ AccessToken, DeviceKey: metadata.DeviceKey! }));
      await rejectsWith(cognito.send(new GetDeviceCommand({ AccessToken, DeviceKey: metadata.DeviceKey! })), ResourceNotFoundException, "Device does not exist.");
      // A forgotten device's key makes a new device at the next sign-in.
      assert.ok((await signIn(clientId, metadata.DeviceKey!)).AuthenticationResult!.NewDeviceMetadata);
    });

    test("with DeviceOnlyRememberedOnUserPrompt the user must remember the device; devices are the user's own", async () => {
      const { UserPoolId, clientId } = await poolWithUser({ DeviceOnlyRememberedOnUserPrompt: true });
      const first = await signIn(clientId);
      const AccessToken = first.AuthenticationResult!.AccessToken!;
      const DeviceKey = first.AuthenticationResult!.NewDeviceMetadata!.DeviceKey!;
      const confirmed = await cognito.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey, DeviceSecretVerifierConfig: VERIFIER }));
      assert.equal(confirmed.UserConfirmationNecessary, true);
      const { Device } = await cognito.send(new AdminGetDeviceCommand({ UserPoolId, Username: "ana", DeviceKey }));
      assert.deepEqual(Device!.DeviceAttributes!.find((attribute) => attribute.Name === "dev:device_remembered_status")?.Value, "not_remembered");

      await fixture.confirmedUser(UserPoolId, "bob");
      const bob = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "bob", PASSWORD } }),
      );
      const bobToken = bob.AuthenticationResult!.AccessToken!;
      await rejectsWith(cognito.send(new GetDeviceCommand({ AccessToken: bobToken, DeviceKey })), ResourceNotFoundException, "Device does not exist.");
      await rejectsWith(cognito.send(new ForgetDeviceCommand({ AccessToken: bobToken, DeviceKey })), ResourceNotFoundException, "Device does not exist.");
      await rejectsWith(
        cognito.send(new UpdateDeviceStatusCommand({ AccessToken: bobToken, DeviceKey, DeviceRememberedStatus: "remembered" })),
        ResourceNotFoundException,
        "Device does not exist.",
      );
      await rejectsWith(
        cognito.send(new AdminGetDeviceCommand({ UserPoolId, Username: "nobody", DeviceKey })),
        ResourceNotFoundException,
        "User does not exist.",
      );
      await rejectsWith(
        cognito.send(new AdminForgetDeviceCommand({ UserPoolId, Username: "nobody", DeviceKey })),
        UserNotFoundException,
        "User does not exist.",
      );
    });

    test("ListDevices and AdminListDevices page the user's devices in creation order", async () => {
      const { UserPoolId, clientId } = await poolWithUser({});
      const keys: string[] = [];
      let AccessToken = "";
      for (let i = 0; i < 3; i += 1) {
        const reply = await signIn(clientId);
        keys.push(reply.AuthenticationResult!.NewDeviceMetadata!.DeviceKey!);
        AccessToken = reply.AuthenticationResult!.AccessToken!;
      }
      const first = await cognito.send(new ListDevicesCommand({ AccessToken, Limit: 2 }));
      assert.deepEqual(first.Devices!.map((device) => device.DeviceKey), keys.slice(0, 2));
      const rest = await cognito.send(new ListDevicesCommand({ AccessToken, Limit: 2, PaginationToken: first.PaginationToken! }));
      assert.deepEqual(rest.Devices!.map((device) => device.DeviceKey), keys.slice(2));
      assert.equal(rest.PaginationToken, undefined);
      const all = await cognito.send(new AdminListDevicesCommand({ UserPoolId, Username: "ana" }));
      assert.deepEqual(all.Devices!.map((device) => device.DeviceKey), keys);
      await cognito.send(new AdminForgetDeviceCommand({ UserPoolId, Username: "ana", DeviceKey: keys[1]! }));
      await rejectsWith(
        cognito.send(new AdminForgetDeviceCommand({ UserPoolId, Username: "ana", DeviceKey: keys[1]! })),
        ResourceNotFoundException,
        "Device does not exist.",
      );
      assert.deepEqual((await cognito.send(new AdminListDevicesCommand({ UserPoolId, Username: "ana" }))).Devices!.map((device) => device.DeviceKey), [
        keys[0],
        keys[2],
      ]);
    });
  });
}
