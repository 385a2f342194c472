import { logboekType } from '../../../platform/audit/logboek.type';

/** The federated log search; Werk en Inkomen adds its own lines as `werkInkomen`. */
export const Logboek = logboekType();
export type Logboek = InstanceType<typeof Logboek>;
