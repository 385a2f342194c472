import type { SubgraphName } from '../platform/config';
import type { SubgraphModule } from '../platform/subgraph';
import { werkInkomen } from './werk-inkomen';

/** Every partner subgraph, by name. */
export const SUBGRAPHS: Record<SubgraphName, SubgraphModule> = {
  'werk-inkomen': werkInkomen,
} as Record<SubgraphName, SubgraphModule>;
