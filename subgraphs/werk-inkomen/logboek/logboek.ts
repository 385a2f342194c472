import { logboekSchema } from '../../../platform/audit/logboek.schema';
import { ACTIVITEITEN } from '../toegang';

/**
 * The processing log of Werk en Inkomen in the federated log types, as `werkInkomen`: its lines for its own
 * PRIVACY_OFFICER, its residents' access reports and its usage reports. It serves the entry queries of the log too.
 */
export const logboek = logboekSchema({ veld: 'werkInkomen', register: ACTIVITEITEN, ingang: true });
