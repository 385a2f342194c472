import { gemeenteReferenceType } from '../../../platform/federated-types';

/** This subgraph's own Gemeente class, so its fields stay out of the other subgraphs' schemas. */
export const Gemeente = gemeenteReferenceType();
export type Gemeente = InstanceType<typeof Gemeente>;
