import { createHmac } from 'node:crypto';

export const DATA_SUBJECT_ID_TYPE = 'bsn-hmac-sha256';

/**
 * The resident in the processing log: a keyed pseudonym of the BSN. The same key in every subgraph
 * makes a resident's access report searchable by BSN, while the log itself never holds a BSN.
 */
export function pseudonym(bsn: string, key: Buffer): string {
  return createHmac('sha256', key).update(bsn, 'utf8').digest('hex');
}
