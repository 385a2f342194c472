import { gemeenteReferenceType } from '../../../platform/federated-types';

/** Werk en Inkomen owns the municipality; SWB declares only its key. */
export const Gemeente = gemeenteReferenceType();
export type Gemeente = InstanceType<typeof Gemeente>;
