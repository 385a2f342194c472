import { inwonerReferenceType } from '../../../platform/federated-types';

/** Werk en Inkomen owns the resident; Werkcentrum only adds its own list to the shared entity. */
export const Inwoner = inwonerReferenceType();
export type Inwoner = InstanceType<typeof Inwoner>;
