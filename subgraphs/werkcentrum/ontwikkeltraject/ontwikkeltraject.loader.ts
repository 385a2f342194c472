import { oneByKey } from '../../../platform/loaders';
import { Ontwikkeltraject } from './ontwikkeltraject.entity';

export const ontwikkeltrajectById = oneByKey(Ontwikkeltraject, 'id');
