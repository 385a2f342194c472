import { runSubgraph } from '../../platform/run';
import { werkcentrum } from '.';

runSubgraph(werkcentrum);
