import { inwonerReferenceType } from '../../../platform/federated-types';

/** This subgraph's own Inwoner class, so its fields stay out of the other subgraphs' schemas. */
export const Inwoner = inwonerReferenceType();
export type Inwoner = InstanceType<typeof Inwoner>;
