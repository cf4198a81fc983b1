import type { TimeUnitsType, TokenValidityUnitsType } from "@aws-sdk/client-cognito-identity-provider";
import { tokenValidityOutOfRange } from "../../errors/catalogue.js";
import type { ClientConfig, ClientRecord } from "./types.js";

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

const SECONDS_PER: Record<TimeUnitsType, number> = { seconds: 1, minutes: MINUTE, hours: HOUR, days: DAY };

/** Cognito's ranges, whatever unit the numbers are given in. */
const ACCESS_OR_ID_RANGE = { min: 5 * MINUTE, max: DAY };
const REFRESH_RANGE = { min: HOUR, max: 3650 * DAY };

const DEFAULT_ACCESS_OR_ID_SECONDS = HOUR;
const DEFAULT_REFRESH_SECONDS = 30 * DAY;

export interface TokenLifetimes {
  accessSeconds: number;
  idSeconds: number;
  refreshSeconds: number;
}

type TokenValiditySettings = Pick<
  ClientConfig,
  "AccessTokenValidity" | "IdTokenValidity" | "RefreshTokenValidity" | "TokenValidityUnits"
>;

/**
 * The validity settings as Cognito keeps them: access and ID validities only when given (absent means one
 * hour), the refresh validity always (0 or absent means 30 days, expressed in the refresh unit), the units
 * exactly as given (`{}` when none). Out-of-range durations fail `Invalid range for token validity.`
 */
export function tokenValiditySettings(input: TokenValiditySettings): Required<Pick<ClientConfig, "RefreshTokenValidity" | "TokenValidityUnits">> &
  TokenValiditySettings {
  const units: TokenValidityUnitsType = {
    ...(input.TokenValidityUnits?.AccessToken === undefined ? {} : { AccessToken: input.TokenValidityUnits.AccessToken }),
    ...(input.TokenValidityUnits?.IdToken === undefined ? {} : { IdToken: input.TokenValidityUnits.IdToken }),
    ...(input.TokenValidityUnits?.RefreshToken === undefined ? {} : { RefreshToken: input.TokenValidityUnits.RefreshToken }),
  };
  const refreshUnit = SECONDS_PER[units.RefreshToken ?? "days"];
  const settings = {
    RefreshTokenValidity:
      input.RefreshTokenValidity === undefined || input.RefreshTokenValidity === 0
        ? DEFAULT_REFRESH_SECONDS / refreshUnit
        : input.RefreshTokenValidity,
    ...(input.AccessTokenValidity === undefined ? {} : { AccessTokenValidity: input.AccessTokenValidity }),
    ...(input.IdTokenValidity === undefined ? {} : { IdTokenValidity: input.IdTokenValidity }),
    TokenValidityUnits: units,
  };
  const lifetimes = lifetimesOf(settings);
  if (
    !within(lifetimes.accessSeconds, ACCESS_OR_ID_RANGE) ||
    !within(lifetimes.idSeconds, ACCESS_OR_ID_RANGE) ||
    !within(lifetimes.refreshSeconds, REFRESH_RANGE)
  ) {
    throw tokenValidityOutOfRange();
  }
  return settings;
}

/** How long the client's tokens live, in seconds: what token issuing uses for `exp` and `ExpiresIn`. */
export function tokenLifetimes(client: ClientRecord): TokenLifetimes {
  return lifetimesOf(client.config);
}

/** How long an authentication session (the `Session` between challenges) lives, in seconds. */
export function authSessionSeconds(client: ClientRecord): number {
  return (client.config.AuthSessionValidity ?? 3) * MINUTE;
}

function lifetimesOf(settings: TokenValiditySettings): TokenLifetimes {
  const units = settings.TokenValidityUnits ?? {};
  return {
    accessSeconds:
      settings.AccessTokenValidity === undefined
        ? DEFAULT_ACCESS_OR_ID_SECONDS
        : settings.AccessTokenValidity * SECONDS_PER[units.AccessToken ?? "hours"],
    idSeconds:
      settings.IdTokenValidity === undefined
        ? DEFAULT_ACCESS_OR_ID_SECONDS
        : settings.IdTokenValidity * SECONDS_PER[units.IdToken ?? "hours"],
    refreshSeconds:
      settings.RefreshTokenValidity === undefined || settings.RefreshTokenValidity === 0
        ? DEFAULT_REFRESH_SECONDS
        : settings.RefreshTokenValidity * SECONDS_PER[units.RefreshToken ?? "days"],
  };
}

function within(seconds: number, range: { min: number; max: number }): boolean {
  return seconds >= range.min && seconds <= range.max;
}
