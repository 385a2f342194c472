/**
 * Node's flags for the gateway process (docker-compose, the bench). Without a limit V8 lets the heap
 * grow to over 300 MB under load although what lives in it fits in far less; with 256 MB of old space
 * the process stays near 170 MB at the same throughput and CPU (bench, this machine).
 */
export const GATEWAY_NODE_FLAGS = ['--max-old-space-size=256'];
