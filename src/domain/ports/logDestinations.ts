/**
 * Where a pool's exported logs go (SetLogDeliveryConfiguration): the composition root maps a destination ARN
 * to something Cognate can reach. Writing must never fail the request that produced the record.
 */
export interface LogDestinations {
  /** Appends one record to the destination the ARN names. */
  append(destinationArn: string, record: Record<string, unknown>): Promise<void>;
}
