/*
 * The segments of a compact JWS (RFC 7515): a JSON object as base64url, and back. Shared by the tokens
 * the project signs with `node:crypto` itself: the gateway's proofs and werk-inkomen's chain relation.
 */

/** A header or payload as a JWS segment. */
export function encodeSegment(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The JSON object a JWS segment holds, or null when it holds anything else (or is no JSON at all). */
export function decodeSegment(segment: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
