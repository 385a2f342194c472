import { oneByKey } from '../../../platform/loaders';
import { Schuldhulptraject } from './schuldhulptraject.entity';

export const schuldhulptrajectById = oneByKey(Schuldhulptraject, 'id');
