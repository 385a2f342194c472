import { inwonerReferenceType } from '../../../platform/federated-types';

/** Werk en Inkomen owns the resident; SWB only adds its own lists to the shared entity. */
export const Inwoner = inwonerReferenceType();
export type Inwoner = InstanceType<typeof Inwoner>;
