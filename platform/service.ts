/** A service listening on a port: the gateway or a subgraph. */
export interface RunningHttpService {
  /** Its GraphQL endpoint. */
  url: string;
  port: number;
  /** Stops listening, lets requests in flight finish, and releases what the service holds. */
  close(): Promise<void>;
}

/** Largest request body a service accepts; GraphQL documents of real clients are far smaller. */
export const MAX_BODY_BYTES = 1_000_000;
