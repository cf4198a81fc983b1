/** Where "now" comes from. Read once per request so that time stands still within one operation. */
export interface Clock {
  now(): Promise<Date>;
}
