import { logboekType } from '../../../platform/audit/logboek.type';

/** The federated log search; the Werkplein adds its own lines as `werkplein`. */
export const Logboek = logboekType();
export type Logboek = InstanceType<typeof Logboek>;
